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
    // A command of two words ("ca init") is a group and an action.
    auto command = std::ranges::find(m_commands, word, &Subcommand::name);
    qsizetype words = 1;
    if (command == m_commands.end() && arguments.size() > 2) {
        command = std::ranges::find(m_commands, word + u' ' + arguments[2], &Subcommand::name);
        words = 2;
    }
    if (command == m_commands.end()) {
        QStringList group;
        for (const Subcommand& candidate : m_commands) {
            if (candidate.name.startsWith(word + u' '))
                group.append(candidate.name);
        }
        const QString problem = group.isEmpty() || arguments.size() > 2
            ? u"unknown command \"%1\"."_s.arg(arguments.mid(1, group.isEmpty() ? 1 : 2).join(u' '))
            : u"\"%1\" is followed by one of: %2."_s.arg(word, group.join(u", "_s));
        return Reply{ExitCode::UsageError, {}, problemLine({}, problem) + u'\n' + overview()};
    }

    parser.setApplicationDescription(command->summary);
    parser.addHelpOption();
    parser.addOptions(command->options);
    if (!command->argument.isEmpty())
        parser.addPositionalArgument(command->argument, command->argumentHelp);
    QStringList rest = arguments;
    rest.remove(1, words);
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
