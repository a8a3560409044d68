// The frame both programs share: which command a command line names, what the frame answers by
// itself (the overview, --help, --version, unknown commands and options, stray arguments) and with
// which exit code, and how problems are written.

#include "commandframe.h"
#include "console.h"
#include "exitcode.h"

#include <QMetaEnum>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QCommandLineOption kAll(u"all"_s, u"Every thing."_s);
const QCommandLineOption kLimit(u"limit"_s, u"At most N things."_s, u"N"_s);

CommandFrame frame(std::function<int(QCommandLineParser&)> run = [](QCommandLineParser&) { return 0; })
{
    return CommandFrame({u"COMMAND [options]"_s, u"Does things."_s, u"0 success, 1 failure, 2 misuse."_s},
        {
            {.name = u"list"_s, .summary = u"List things."_s, .options = {kAll, kLimit}, .run = run},
            {.name = u"remove-all"_s,
                .summary = u"Remove things."_s,
                .options = {kLimit},
                .argument = u"THING"_s,
                .argumentHelp = u"What to remove."_s,
                .run = run},
        });
}

const QString kOverview = u"Usage: tool COMMAND [options]\n\nDoes things.\n\nCommands:\n"
                          "  list        List things.\n"
                          "  remove-all  Remove things.\n"
                          "\nRun \"tool COMMAND --help\" for a command's options.\n"
                          "Exit codes: 0 success, 1 failure, 2 misuse.\n"_s;

} // namespace

class TestCommandFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void overview_data();
    void overview();
    void resolve_data();
    void resolve();
    void commandHelp_data();
    void commandHelp();
    void runReturnsTheCommandsCode();
    void exitCodes_data();
    void exitCodes();
    void problemLine_data();
    void problemLine();
};

void TestCommandFrame::initTestCase()
{
    QCoreApplication::setApplicationName(u"tool"_s);
    QCoreApplication::setApplicationVersion(u"1.2.3"_s);
}

void TestCommandFrame::overview_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("commands");

    // The summaries line up two spaces after the longest name.
    QTest::newRow("one command") << QStringList{u"go"_s} << u"  go  Summary of go.\n"_s;
    QTest::newRow("names of different lengths") << QStringList{u"add"_s, u"rollback"_s}
                                                << u"  add       Summary of add.\n"
                                                   "  rollback  Summary of rollback.\n"_s;
    QTest::newRow("no commands") << QStringList{} << QString();
}

void TestCommandFrame::overview()
{
    QFETCH(QStringList, names);
    QFETCH(QString, commands);

    std::vector<Subcommand> list;
    for (const QString& name : names)
        list.push_back({.name = name, .summary = u"Summary of %1."_s.arg(name)});
    const CommandFrame tool({u"COMMAND REPO [options]"_s, u"Line one.\nLine two."_s, u"0 yes,\n1 no."_s}, list);
    QCOMPARE(tool.overview(),
        u"Usage: tool COMMAND REPO [options]\n\nLine one.\nLine two.\n\nCommands:\n"_s + commands
            + u"\nRun \"tool COMMAND --help\" for a command's options.\nExit codes: 0 yes,\n1 no.\n"_s);
}

void TestCommandFrame::resolve_data()
{
    QTest::addColumn<QStringList>("arguments"); // after the program
    QTest::addColumn<QString>("command");       // the command that runs, or empty when the frame replies
    QTest::addColumn<QStringList>("positional");
    QTest::addColumn<int>("exitCode"); // of the frame's reply
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");

    const QStringList none;
    QTest::newRow("no arguments: the overview, as misuse") << none << QString() << none << 2 << QString() << kOverview;
    QTest::newRow("--help") << QStringList{u"--help"_s} << QString() << none << 0 << kOverview << QString();
    QTest::newRow("-h") << QStringList{u"-h"_s} << QString() << none << 0 << kOverview << QString();
    QTest::newRow("help") << QStringList{u"help"_s} << QString() << none << 0 << kOverview << QString();
    QTest::newRow("--help before a command")
        << QStringList{u"--help"_s, u"list"_s} << QString() << none << 0 << kOverview << QString();
    QTest::newRow("--version") << QStringList{u"--version"_s} << QString() << none << 0 << u"tool 1.2.3\n"_s
                               << QString();
    QTest::newRow("an unknown command") << QStringList{u"lsit"_s, u"--all"_s} << QString() << none << 2 << QString()
                                        << u"tool: unknown command \"lsit\".\n\n"_s + kOverview;
    QTest::newRow("a command's name in other case") << QStringList{u"List"_s} << QString() << none << 2 << QString()
                                                    << u"tool: unknown command \"List\".\n\n"_s + kOverview;
    QTest::newRow("an option for a command") << QStringList{u"--all"_s} << QString() << none << 2 << QString()
                                             << u"tool: unknown command \"--all\".\n\n"_s + kOverview;
    QTest::newRow("an unknown option") << QStringList{u"list"_s, u"--force"_s} << QString() << none << 2 << QString()
                                       << u"tool list: Unknown option 'force'.\n"_s;
    QTest::newRow("an option of another command")
        << QStringList{u"remove-all"_s, u"x"_s, u"--all"_s} << QString() << none << 2 << QString()
        << u"tool remove-all: Unknown option 'all'.\n"_s;
    QTest::newRow("an option without its value") << QStringList{u"list"_s, u"--limit"_s} << QString() << none << 2
                                                 << QString() << u"tool list: Missing value after '--limit'.\n"_s;
    QTest::newRow("an argument to a command that takes none")
        << QStringList{u"list"_s, u"--all"_s, u"extra"_s, u"more"_s} << QString() << none << 2 << QString()
        << u"tool list: unexpected argument \"extra\"; see --help.\n"_s;
    QTest::newRow("a command") << QStringList{u"list"_s} << u"list"_s << none << 0 << QString() << QString();
    QTest::newRow("a command with options")
        << QStringList{u"list"_s, u"--all"_s, u"--limit"_s, u"3"_s} << u"list"_s << none << 0 << QString() << QString();
    // How many arguments a command takes is the command's to say.
    QTest::newRow("a command with its argument") << QStringList{u"remove-all"_s, u"x"_s} << u"remove-all"_s
                                                 << QStringList{u"x"_s} << 0 << QString() << QString();
    QTest::newRow("a command with two arguments")
        << QStringList{u"remove-all"_s, u"x"_s, u"--limit=2"_s, u"y"_s} << u"remove-all"_s
        << QStringList{u"x"_s, u"y"_s} << 0 << QString() << QString();
    QTest::newRow("a command without its argument")
        << QStringList{u"remove-all"_s} << u"remove-all"_s << none << 0 << QString() << QString();
    QTest::newRow("--version after a command is the command's") << QStringList{u"list"_s,
        u"--version"_s} << QString() << none << 2 << QString() << u"tool list: Unknown option 'version'.\n"_s;
}

void TestCommandFrame::resolve()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, command);
    QFETCH(QStringList, positional);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, err);

    const CommandFrame tool = frame();
    QCommandLineParser parser;
    const auto resolved = tool.resolve(QStringList{u"/usr/bin/tool"_s} + arguments, parser);
    if (command.isEmpty()) {
        const auto* reply = std::get_if<CommandFrame::Reply>(&resolved);
        QVERIFY(reply);
        QCOMPARE(reply->exitCode, exitCode);
        QCOMPARE(reply->out, out);
        QCOMPARE(reply->err, err);
    } else {
        const auto* chosen = std::get_if<const Subcommand*>(&resolved);
        QVERIFY(chosen);
        QCOMPARE((*chosen)->name, command);
        QCOMPARE(parser.positionalArguments(), positional);
    }
}

void TestCommandFrame::commandHelp_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("usage");
    QTest::addColumn<QStringList>("lines");

    QTest::newRow("--help") << QStringList{u"list"_s, u"--help"_s} << u"Usage: tool list [options]\nList things.\n"_s
                            << QStringList{u"  -h, --help "_s, u"  --all "_s, u"  --limit <N> "_s};
    QTest::newRow("-h") << QStringList{u"list"_s, u"-h"_s} << u"Usage: tool list [options]\nList things.\n"_s
                        << QStringList{u"  --all "_s};
    // --help wins over everything else on the line.
    QTest::newRow("--help among arguments") << QStringList{u"list"_s, u"stray"_s, u"--help"_s, u"--limit=x"_s}
                                            << u"Usage: tool list [options]\n"_s << QStringList{u"  --limit <N> "_s};
    QTest::newRow("a command's argument")
        << QStringList{u"remove-all"_s, u"--help"_s} << u"Usage: tool remove-all [options] THING\nRemove things.\n"_s
        << QStringList{u"  --limit <N> "_s, u"  THING "_s, u"What to remove."_s};
}

void TestCommandFrame::commandHelp()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, usage);
    QFETCH(QStringList, lines);

    const CommandFrame tool = frame();
    QCommandLineParser parser;
    const auto resolved = tool.resolve(QStringList{QCoreApplication::arguments().constFirst()} + arguments, parser);
    const auto* reply = std::get_if<CommandFrame::Reply>(&resolved);
    QVERIFY(reply);
    QCOMPARE(reply->exitCode, 0);
    QCOMPARE(reply->err, QString());
    QVERIFY2(reply->out.startsWith(usage), qPrintable(reply->out));
    for (const QString& line : lines)
        QVERIFY2(reply->out.contains(line), qPrintable(line + u"\n"_s + reply->out));
    // The executable's path gives way to what the user typed.
    QVERIFY2(!reply->out.contains(QCoreApplication::arguments().constFirst()), qPrintable(reply->out));
}

void TestCommandFrame::runReturnsTheCommandsCode()
{
    QString limit;
    const CommandFrame tool = frame([&](QCommandLineParser& parser) {
        limit = parser.value(kLimit);
        return 5;
    });
    QCOMPARE(tool.run({u"tool"_s, u"list"_s, u"--limit"_s, u"9"_s}), 5);
    QCOMPARE(limit, u"9"_s);
    limit.clear();
    QCOMPARE(tool.run({u"tool"_s, u"--version"_s}), 0);
    QCOMPARE(tool.run({u"tool"_s, u"list"_s, u"--limit"_s}), 2);
    QCOMPARE(limit, QString()); // the command did not run
}

void TestCommandFrame::exitCodes_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<int>("exitCode");

    // Misuse is 2, every other reason to stop is 1, for every code there is.
    const QMetaEnum codes = QMetaEnum::fromType<Error::Code>();
    for (int i = 0; i < codes.keyCount(); ++i) {
        const auto code = Error::Code(codes.value(i));
        QTest::newRow(codes.key(i)) << code << (code == Error::Code::Usage ? 2 : 1);
    }
}

void TestCommandFrame::exitCodes()
{
    QFETCH(Error::Code, code);
    QFETCH(int, exitCode);

    QCOMPARE(ExitCode::of(Error{code, u"why"_s}), exitCode);
    QCOMPARE(ExitCode::Success, 0);
}

void TestCommandFrame::problemLine_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("line");

    QTest::newRow("of a command") << u"release"_s << u"tool release: it broke.\n"_s;
    QTest::newRow("of no command") << QString() << u"tool: it broke.\n"_s;
}

void TestCommandFrame::problemLine()
{
    QFETCH(QString, command);
    QFETCH(QString, line);

    QCOMPARE(::problemLine(command, u"it broke."_s), line);
}

QTEST_GUILESS_MAIN(TestCommandFrame)
#include "tst_commandframe.moc"
