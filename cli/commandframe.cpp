#include "commandframe.h"

#include "console.h"
#include "exitcode.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

CommandFrame::CommandFrame(Program program, std::vector<Subcommand> commands)
    : m_program(std::move(program))
    , m_commands(std::move(commands))
{ }

QString CommandFrame::overview() const
{
    const QString name = QCoreApplication::applicationName();
    qsizetype width = 0;
    for (const Subcommand& command : m_commands)
        width = std::max(width, command.name.size());
    QString text = u"Usage: %1 %2\n\n%3\n\nCommands:\n"_s.arg(name, m_program.synopsis, m_program.about);
    for (const Subcommand& command : m_commands)
        text += u"  %1%2\n"_s.arg(command.name, -int(width + 2)).arg(command.summary);
    text += u"\nRun \"%1 COMMAND --help\" for a command's options.\nExit codes: %2\n"_s.arg(name, m_program.exitCodes);
    return text;
}

std::variant<const Subcommand*, CommandFrame::Reply> CommandFrame::resolve(
    const QStringList& arguments, QCommandLineParser& parser) const
{
    if (arguments.size() < 2)
        return Reply{ExitCode::UsageError, {}, overview()};
    const QString& word = arguments[1];
    if (word == u"--help"_s || word == u"-h"_s || word == u"help"_s)
        return Reply{ExitCode::Success, overview(), {}};
    if (word == u"--version"_s) {
        return Reply{ExitCode::Success,
            u"%1 %2\n"_s.arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion()), {}};
    }
    const auto command = std::ranges::find(m_commands, word, &Subcommand::name);
    if (command == m_commands.end())
        return Reply{
            ExitCode::UsageError, {}, problemLine({}, u"unknown command \"%1\"."_s.arg(word)) + u'\n' + overview()};

    parser.setApplicationDescription(command->summary);
    parser.addHelpOption();
    parser.addOptions(command->options);
    if (!command->argument.isEmpty())
        parser.addPositionalArgument(command->argument, command->argumentHelp);
    QStringList rest = arguments;
    rest.removeAt(1);
    if (!parser.parse(rest))
        return Reply{ExitCode::UsageError, {}, problemLine(command->name, parser.errorText())};
    if (parser.isSet(u"help"_s)) {
        // The parser's usage line names the executable as started; the user typed "PROGRAM COMMAND".
        QString help = parser.helpText();
        const QString executable = QCoreApplication::arguments().value(0);
        if (const qsizetype at = help.indexOf(executable); at >= 0 && !executable.isEmpty())
            help.replace(at, executable.size(), QCoreApplication::applicationName() + u' ' + command->name);
        return Reply{ExitCode::Success, help, {}};
    }
    if (command->argument.isEmpty() && !parser.positionalArguments().isEmpty()) {
        return Reply{ExitCode::UsageError, {},
            problemLine(command->name,
                u"unexpected argument \"%1\"; see --help."_s.arg(parser.positionalArguments().constFirst()))};
    }
    return &*command;
}

int CommandFrame::run(const QStringList& arguments) const
{
    QCommandLineParser parser;
    const auto resolved = resolve(arguments, parser);
    if (const auto* command = std::get_if<const Subcommand*>(&resolved))
        return (*command)->run(parser);
    const Reply& reply = std::get<Reply>(resolved);
    std::fputs(qPrintable(reply.out), stdout);
    std::fflush(stdout);
    std::fputs(qPrintable(reply.err), stderr);
    return reply.exitCode;
}
