// The health check: a release's own program, run in its folder, passes or fails by its exit code;
// a hang is killed with every child it spawned; nothing outside the version folder ever runs; it
// sees only the few environment variables the README lists, never the rest of Upkeep's.

#include "install/healthcheck.h"
#include "support/testfiles.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <optional>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

bool writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions)
{
    return tryWriteTestFile(path, content) && QFile::setPermissions(path, permissions);
}

const QFile::Permissions kExecutable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
const QFile::Permissions kPlain = QFile::ReadOwner | QFile::WriteOwner;

// ROOT/outside.sh, which leaves ROOT/ran behind if it ever runs, and ROOT/version, a release
// with a few ways of pointing at it.
struct Release {
    QTemporaryDir root;
    QString folder = root.filePath(u"version"_s);
    QString marker = root.filePath(u"ran"_s);

    bool create()
    {
        QDir dir(root.path());
        return root.isValid() && dir.mkpath(u"version/bin"_s) && dir.mkpath(u"version/tools"_s)
            && writeFile(
                root.filePath(u"outside.sh"_s), "#!/bin/sh\ntouch \"" + QFile::encodeName(marker) + "\"\n", kExecutable)
            && writeScript(u"bin/check.sh"_s, "echo inside\n") && writeScript(u"plain.sh"_s, "exit 0\n", kPlain)
            && writeFile(path(u"bad.sh"_s), "#!/no/such/interpreter\n", kExecutable)
            && QFile::link(u"bin/check.sh"_s, path(u"in-link"_s))
            && QFile::link(u"../outside.sh"_s, path(u"out-relative"_s))
            && QFile::link(root.filePath(u"outside.sh"_s), path(u"out-absolute"_s))
            && QFile::link(root.path(), path(u"out-folder"_s)) && QFile::link(u"missing.sh"_s, path(u"dangling"_s));
    }
    [[nodiscard]] QString path(const QString& relative) const { return folder + u'/' + relative; }
    bool writeScript(const QString& relative, const QByteArray& body, QFile::Permissions permissions = kExecutable)
    {
        return writeFile(path(relative), "#!/bin/sh\n" + body, permissions);
    }
    [[nodiscard]] HealthCheck::Result run(const QStringList& command, int timeoutSeconds = 10) const
    {
        return HealthCheck(folder, u"viewer"_s, Manifest::HealthCheck{command, timeoutSeconds}).run();
    }
};

// Whether `pid` still runs: a zombie no longer does, whether or not anyone has reaped it yet.
bool isRunning(pid_t pid)
{
    if (::kill(pid, 0) != 0)
        return false;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype end = text.lastIndexOf(')');
    const char state = end >= 0 && end + 2 < text.size() ? text[end + 2] : '?';
    return state != 'Z' && state != 'X';
}

pid_t readPid(const QString& path)
{
    return pid_t(readTestFile(path).trimmed().toInt());
}

} // namespace

class TestHealthCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcome_data();
    void outcome();
    void timeOutKillsTheProcessGroup();
    void childrenLeftBehindAreKilled();
    void argumentsArePassedUnchanged();
    void workingDirectoryIsTheVersionFolder();
    void outputKeepsItsLast64KiB();
    void refused_data();
    void refused();
    void versionFolderMustBeAbsoluteAndExist();
    void environmentIsCleaned_data();
    void environmentIsCleaned();
};

void TestHealthCheck::outcome_data()
{
    QTest::addColumn<QByteArray>("script"); // written to check.sh
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("output");

    QTest::newRow("exit 0") << QByteArray("echo fine\nexit 0\n") << QStringList{u"check.sh"_s} << true << 0
                            << u"The health check passed."_s << u"fine\n"_s;
    QTest::newRow("exit 3, output on both streams")
        << QByteArray("echo starting\necho 'database missing' >&2\nexit 3\n") << QStringList{u"check.sh"_s} << false
        << 3 << u"The health check exited with code 3."_s << u"starting\ndatabase missing\n"_s;
    QTest::newRow("killed by a signal") << QByteArray("echo dying\nkill -KILL $$\n") << QStringList{u"check.sh"_s}
                                        << false << -1 << u"The health check crashed."_s << u"dying\n"_s;
    QTest::newRow("in a subfolder") << QByteArray() << QStringList{u"bin/check.sh"_s} << true << 0
                                    << u"The health check passed."_s << u"inside\n"_s;
    QTest::newRow("through a symlink that stays inside")
        << QByteArray() << QStringList{u"in-link"_s} << true << 0 << u"The health check passed."_s << u"inside\n"_s;
}

void TestHealthCheck::outcome()
{
    QFETCH(QByteArray, script);
    QFETCH(QStringList, command);
    QFETCH(bool, passed);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    QFETCH(QString, output);

    Release release;
    QVERIFY(release.create());
    QVERIFY(release.writeScript(u"check.sh"_s, script));
    const HealthCheck::Result result = release.run(command);
    QCOMPARE(result.reason, reason);
    QCOMPARE(result.passed, passed);
    QCOMPARE(result.exitCode, exitCode);
    QCOMPARE(result.timedOut, false);
    QCOMPARE(result.output, output);
    QVERIFY(result.milliseconds >= 0 && result.milliseconds < 10000);
}

void TestHealthCheck::timeOutKillsTheProcessGroup()
{
    Release release;
    QVERIFY(release.create());
    QVERIFY(release.writeScript(
        u"check.sh"_s, "echo $$ > shell.pid\necho started\nsleep 60 &\necho $! > child.pid\nwait\necho never\n"));

    const HealthCheck::Result result = release.run({u"check.sh"_s}, 1);
    QVERIFY(result.timedOut);
    QVERIFY(!result.passed);
    QCOMPARE(result.exitCode, -1);
    QCOMPARE(result.reason, u"The health check did not finish within 1 second."_s);
    QCOMPARE(result.output, u"started\n"_s);
    QVERIFY2(
        result.milliseconds >= 1000 && result.milliseconds < 10000, qPrintable(QString::number(result.milliseconds)));

    const pid_t shell = readPid(release.path(u"shell.pid"_s));
    const pid_t child = readPid(release.path(u"child.pid"_s));
    QVERIFY(shell > 0 && child > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!isRunning(shell), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!isRunning(child), 5000); // SIGKILL reached the child too
}

void TestHealthCheck::childrenLeftBehindAreKilled()
{
    Release release;
    QVERIFY(release.create());
    QVERIFY(release.writeScript(u"check.sh"_s, "sleep 60 &\necho $! > child.pid\necho done\nexit 0\n"));

    // The child still holds the output pipe open: the check is over when its program exits.
    const HealthCheck::Result result = release.run({u"check.sh"_s});
    QVERIFY(result.passed);
    QCOMPARE(result.output, u"done\n"_s);
    QVERIFY(result.milliseconds < 5000);
    const pid_t child = readPid(release.path(u"child.pid"_s));
    QVERIFY(child > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!isRunning(child), 5000);
}

void TestHealthCheck::argumentsArePassedUnchanged()
{
    Release release;
    QVERIFY(release.create());
    QVERIFY(release.writeScript(u"args.sh"_s, "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n"));
    const QStringList arguments{u"two words"_s, QString(), u"  padded  "_s, u"$HOME"_s, u"*"_s,
        u"quote\"s and 'single'"_s, u"semi;colon|pipe&"_s, u"back\\slash"_s, u"ünïcødé"_s, u"--flag=a b"_s};

    const HealthCheck::Result result = release.run(QStringList{u"args.sh"_s} + arguments);
    QVERIFY2(result.passed, qPrintable(result.reason));
    QString expected;
    for (const QString& argument : arguments)
        expected += u'[' + argument + u"]\n"_s;
    QCOMPARE(result.output, expected);
}

void TestHealthCheck::workingDirectoryIsTheVersionFolder()
{
    Release release;
    QVERIFY(release.create());
    QVERIFY(release.writeScript(u"bin/pwd.sh"_s, "pwd -P\n"));
    const QString expected = QDir(release.folder).canonicalPath() + u'\n';

    HealthCheck::Result result = release.run({u"bin/pwd.sh"_s});
    QVERIFY2(result.passed, qPrintable(result.reason));
    QCOMPARE(result.output, expected);

    // Given through a symlink, as ROOT/current is, the check still runs in the version's folder.
    const QString current = release.root.filePath(u"current"_s);
    QVERIFY(QFile::link(u"version"_s, current));
    result = HealthCheck(current, u"viewer"_s, Manifest::HealthCheck{{u"bin/pwd.sh"_s}, 10}).run();
    QVERIFY2(result.passed, qPrintable(result.reason));
    QCOMPARE(result.output, expected);
}

void TestHealthCheck::outputKeepsItsLast64KiB()
{
    Release release;
    QVERIFY(release.create());
    QVERIFY(release.writeScript(u"check.sh"_s,
        "i=0\nwhile [ $i -lt 3000 ]; do\n"
        "  echo \"line $i: some output that goes on for a while ü\"\n"
        "  i=$((i+1))\ndone\necho END\nexit 1\n"));

    const HealthCheck::Result result = release.run({u"check.sh"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.output.toUtf8().size() <= HealthCheck::kMaxOutputBytes);
    QVERIFY(result.output.toUtf8().size() > HealthCheck::kMaxOutputBytes - 4);
    QVERIFY(result.output.endsWith(u"line 2999: some output that goes on for a while ü\nEND\n"_s));
    QVERIFY(!result.output.contains(QChar::ReplacementCharacter));
}

void TestHealthCheck::refused_data()
{
    QTest::addColumn<QStringList>("command"); // ROOT stands for the folder holding the version
    QTest::addColumn<QString>("reason");

    const QString prefix = u"The health check could not start: "_s;
    const QString notRelative = u"is not a plain relative path inside the version folder."_s;
    const QString leaves = u"leads outside the version folder."_s;
    QTest::newRow("../ out of the folder")
        << QStringList{u"../outside.sh"_s} << prefix + u"its program \"../outside.sh\" "_s + notRelative;
    QTest::newRow("../ through a subfolder")
        << QStringList{u"bin/../../outside.sh"_s} << prefix + u"its program \"bin/../../outside.sh\" "_s + notRelative;
    QTest::newRow("an absolute path") << QStringList{u"ROOT/outside.sh"_s}
                                      << prefix + u"its program \"ROOT/outside.sh\" "_s + notRelative;
    QTest::newRow("a relative symlink out")
        << QStringList{u"out-relative"_s} << prefix + u"its program \"out-relative\" "_s + leaves;
    QTest::newRow("an absolute symlink out")
        << QStringList{u"out-absolute"_s} << prefix + u"its program \"out-absolute\" "_s + leaves;
    QTest::newRow("a folder symlink out")
        << QStringList{u"out-folder/outside.sh"_s} << prefix + u"its program \"out-folder/outside.sh\" "_s + leaves;
    QTest::newRow("a symlink to nothing")
        << QStringList{u"dangling"_s} << prefix + u"its program \"dangling\" is a symlink to nothing."_s;
    QTest::newRow("a missing program") << QStringList{u"no-such-check"_s,
        u"--quick"_s} << prefix + u"its program \"no-such-check\" does not exist in the version folder."_s;
    QTest::newRow("a file that is not executable")
        << QStringList{u"plain.sh"_s} << prefix + u"its program \"plain.sh\" is not an executable file."_s;
    QTest::newRow("a folder") << QStringList{u"tools"_s}
                              << prefix + u"its program \"tools\" is not an executable file."_s;
    QTest::newRow("no command") << QStringList{} << prefix + u"it names no program."_s;
    QTest::newRow("an empty program") << QStringList{QString(), u"x"_s} << prefix + u"it names no program."_s;
    QTest::newRow("an interpreter that does not exist") << QStringList{u"bad.sh"_s} << prefix; // then the OS's words
}

void TestHealthCheck::refused()
{
    QFETCH(QStringList, command);
    QFETCH(QString, reason);

    Release release;
    QVERIFY(release.create());
    command.replaceInStrings(u"ROOT"_s, release.root.path());
    reason.replace(u"ROOT"_s, release.root.path());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^The health check could not start: "_s));
    const HealthCheck::Result result = release.run(command);
    QVERIFY(!result.passed);
    QVERIFY(!result.timedOut);
    QCOMPARE(result.exitCode, -1);
    QVERIFY(result.output.isEmpty());
    if (reason.endsWith(u' '))
        QVERIFY2(result.reason.startsWith(reason) && result.reason.size() > reason.size(), qPrintable(result.reason));
    else
        QCOMPARE(result.reason, reason);
    QVERIFY2(!QFile::exists(release.marker), "a program outside the version folder ran");
}

void TestHealthCheck::versionFolderMustBeAbsoluteAndExist()
{
    Release release;
    QVERIFY(release.create());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^The health check could not start: "_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^The health check could not start: "_s));
    HealthCheck::Result result
        = HealthCheck(u"version"_s, u"viewer"_s, Manifest::HealthCheck{{u"bin/check.sh"_s}, 10}).run();
    QVERIFY(!result.passed);
    QCOMPARE(result.reason, u"The health check could not start: the version folder version is not an absolute path."_s);

    const QString missing = release.root.filePath(u"versions/9.9.9"_s);
    result = HealthCheck(missing, u"viewer"_s, Manifest::HealthCheck{{u"bin/check.sh"_s}, 10}).run();
    QVERIFY(!result.passed);
    QCOMPARE(result.reason, u"The health check could not start: the version folder %1 does not exist."_s.arg(missing));
}

void TestHealthCheck::environmentIsCleaned_data()
{
    // Upkeep's own environment while the check runs; "-" unsets a variable.
    QTest::addColumn<QStringList>("parent");
    // What the check must see besides UPKEEP_APP, UPKEEP_VERSION, UPKEEP_VERSION_DIR and UPKEEP_INSTALL_DIR.
    QTest::addColumn<QStringList>("expected");

    const QStringList polluted{u"LD_PRELOAD=libc.so.6"_s, u"LD_LIBRARY_PATH=/tmp/evil"_s,
        u"UPKEEP_TEST_SECRET=hunter2"_s, u"AWS_SECRET_ACCESS_KEY=abc"_s, u"DBUS_SESSION_BUS_ADDRESS=unix:path=/x"_s,
        u"DISPLAY=:99"_s, u"PATH=/tmp/evil/bin:/usr/bin"_s, u"IFS=x"_s, u"UPKEEP_VERSION=0.0.1"_s,
        u"UPKEEP_PASSPHRASE=secret"_s, u"LC_MESSAGES=fr_FR.UTF-8"_s};
    const QString path = u"PATH=/usr/local/bin:/usr/bin:/bin"_s;
    QTest::newRow("a polluted environment, LANG set, LC_ALL unset")
        << polluted + QStringList{u"HOME=/home/someone"_s, u"LANG=de_DE.UTF-8"_s, u"LC_ALL=-"_s}
        << QStringList{path, u"HOME=/home/someone"_s, u"LANG=de_DE.UTF-8"_s};
    QTest::newRow("LC_ALL set too") << polluted
            + QStringList{u"HOME=/home/someone"_s, u"LANG=de_DE.UTF-8"_s, u"LC_ALL=C.UTF-8"_s}
                                    << QStringList{
                                           path, u"HOME=/home/someone"_s, u"LANG=de_DE.UTF-8"_s, u"LC_ALL=C.UTF-8"_s};
    QTest::newRow("no LANG: C.UTF-8, so that its output is UTF-8")
        << polluted + QStringList{u"HOME=/home/someone"_s, u"LANG=-"_s, u"LC_ALL=-"_s}
        << QStringList{path, u"HOME=/home/someone"_s, u"LANG=C.UTF-8"_s};
}

void TestHealthCheck::environmentIsCleaned()
{
    QFETCH(QStringList, parent);
    QFETCH(QStringList, expected);

    // An installation as InstallLayout makes it: ROOT/versions/1.2.0.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString folder = root.filePath(u"versions/1.2.0"_s);
    QVERIFY(QDir().mkpath(folder + u"/bin"_s));
    QVERIFY(writeFile(folder + u"/bin/check"_s, "#!/bin/sh\nexec env\n", kExecutable));

    // The test's own environment is the parent's: changed for the check, put back after it.
    std::vector<std::pair<QByteArray, std::optional<QByteArray>>> saved;
    for (const QString& assignment : parent) {
        const QByteArray name = assignment.section(u'=', 0, 0).toUtf8();
        const QByteArray value = assignment.section(u'=', 1).toUtf8();
        saved.emplace_back(name,
            qEnvironmentVariableIsSet(name.constData()) ? std::optional<QByteArray>(qgetenv(name.constData()))
                                                        : std::nullopt);
        if (value == "-")
            qunsetenv(name.constData());
        else
            qputenv(name.constData(), value);
    }
    const HealthCheck::Result result
        = HealthCheck(folder, u"viewer"_s, Manifest::HealthCheck{{u"bin/check"_s}, 10}).run();
    for (const auto& [name, value] : saved) {
        if (value)
            qputenv(name.constData(), *value);
        else
            qunsetenv(name.constData());
    }

    QVERIFY2(result.passed, qPrintable(result.reason + u' ' + result.output));
    QStringList seen = result.output.split(u'\n', Qt::SkipEmptyParts);
    seen.removeAll(u"PWD=%1"_s.arg(QDir(folder).canonicalPath())); // dash sets it itself
    seen.sort();
    const QString canonicalRoot = QDir(root.path()).canonicalPath();
    expected += QStringList{u"UPKEEP_APP=viewer"_s, u"UPKEEP_VERSION=1.2.0"_s,
        u"UPKEEP_VERSION_DIR=%1/versions/1.2.0"_s.arg(canonicalRoot), u"UPKEEP_INSTALL_DIR=%1"_s.arg(canonicalRoot)};
    expected.sort();
    QCOMPARE(seen, expected);
}

QTEST_GUILESS_MAIN(TestHealthCheck)

#include "tst_healthcheck.moc"
