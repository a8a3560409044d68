// Power cuts and kills during an update: the update that `upkeep update` runs is SIGKILLed right
// after each journal step (by this test's own child process, through the install's step observer,
// so that the shipped binary has no crash switch), and the real binary at 50 seeded random
// moments. After each kill, `current` must be a complete version whose every file matches its
// manifest (`upkeep status --verify` says so), and the next `upkeep update` must succeed.

#include "install/installation.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/testrepository.h"
#include "support/verify.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The child of killedAfterEachStep: what `upkeep update --yes --dir DIR` does, dying as in a
// power cut right after the journal records the step it is told.
int updateAndDie(const QString& folder, const QString& crashAt)
{
    auto installation = Installation::open(folder);
    if (!installation || !installation->recover() || !installation->refresh())
        return 3;
    auto offer = installation->offer();
    if (!offer || !*offer)
        return 4;
    installation->setStepObserver([crashAt](Journal::Step step) {
        if (Journal::toString(step) == crashAt)
            ::kill(::getpid(), SIGKILL);
    });
    return installation->install(**offer) ? 0 : 5;
}

} // namespace

class TestCrashConsistency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedAfterEachStep_data();
    void killedAfterEachStep();
    void killedAtRandomMoments();

private:
    // A fresh installation of 1.0.0 that 2.0.0 is waiting for.
    QString freshInstallation(const QString& name);
    [[nodiscard]] TestProgram upkeep() const;
    void expectConsistentAndUpdatable(const QString& install);

    QTemporaryDir m_dir;
    std::unique_ptr<TestRepository> m_repository;
    QString m_root;
};

void TestCrashConsistency::initTestCase()
{
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    m_root = m_dir.filePath(u"root.json"_s);
    writeTestFile(m_root, m_repository->initialRoot());
    for (const QString& version : {u"1.0.0"_s, u"2.0.0"_s}) {
        const QString source = m_dir.filePath(u"source-"_s + version);
        writeTestFile(source + u"/bin/app"_s, "#!/bin/sh\necho "_ba + version.toUtf8() + "\n", true);
        writeTestFile(source + u"/bin/check"_s, "#!/bin/sh\nexit 0\n"_ba, true);
        // Many files and some bulk, so that a random kill lands in the middle of the work.
        for (int i = 0; i < 40; ++i) {
            writeTestFile(source + u"/data/part%1.bin"_s.arg(i),
                i % 3 == 0 ? QByteArray(20000, char('a' + i % 26))
                           : randomBytes(20000, quint32((version == u"1.0.0"_s ? 1000 : 2000) + i)));
        }
        ReleasePublisher::Options options;
        options.app = u"crashy"_s;
        options.version = version;
        options.channel = version == u"1.0.0"_s ? u"stable"_s : u"beta"_s;
        options.source = source;
        options.healthCheck = u"bin/check"_s;
        m_repository->publishRelease(options);
    }
}

TestProgram TestCrashConsistency::upkeep() const
{
    return TestProgram(QStringLiteral(UPKEEP_BINARY), {.configHome = m_dir.filePath(u"config"_s)});
}

QString TestCrashConsistency::freshInstallation(const QString& name)
{
    const QString install = m_dir.filePath(name);
    // Installed from stable (1.0.0), then moved to beta, where 2.0.0 waits.
    ProgramRun run = upkeep().run({u"add"_s, u"--repo"_s, m_repository->path(), u"--trust"_s, m_root, u"--app"_s,
        u"crashy"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, install});
    if (run.exitCode == 0)
        run = upkeep().run({u"channel"_s, u"beta"_s, u"--dir"_s, install});
    if (run.exitCode != 0)
        qWarning("setting up %s failed: %s", qPrintable(name), qPrintable(run.describe()));
    return install;
}

void TestCrashConsistency::expectConsistentAndUpdatable(const QString& install)
{
    const QString running = QFileInfo(QFile::symLinkTarget(install + u"/current"_s)).fileName();
    QVERIFY2(running == u"1.0.0"_s || running == u"2.0.0"_s, qPrintable(running));
    ProgramRun run = upkeep().run({u"status"_s, u"--verify"_s, u"--dir"_s, install});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2((run.out + run.err).contains(u"every file matches its manifest."_s), qPrintable(run.describe()));
    run = upkeep().run({u"update"_s, u"--yes"_s, u"--dir"_s, install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(QFileInfo(QFile::symLinkTarget(install + u"/current"_s)).fileName(), u"2.0.0"_s);
    QCOMPARE(upkeep().run({u"status"_s, u"--verify"_s, u"--dir"_s, install}).exitCode, 0);
    QVERIFY(!QFileInfo::exists(install + u"/versions/.staging-2.0.0"_s));
}

void TestCrashConsistency::killedAfterEachStep_data()
{
    QTest::addColumn<QString>("step");
    for (const char* step : {"begin", "staged", "switched", "checked"})
        QTest::newRow(step) << QString::fromLatin1(step);
}

void TestCrashConsistency::killedAfterEachStep()
{
    QFETCH(QString, step);
    const QString install = freshInstallation(u"step-"_s + step);
    const ProgramRun child = TestProgram(QCoreApplication::applicationFilePath(),
        {.environment = {u"TST_CRASH_DIR="_s + install, u"TST_CRASH_AT="_s + step}})
                                 .run({});
    QVERIFY2(child.crashed, qPrintable(child.describe()));
    // The next command, whatever it is, first finishes or undoes the interrupted update and says so.
    const ProgramRun status = upkeep().run({u"status"_s, u"--dir"_s, install});
    QCOMPARE(status.exitCode, 0);
    QVERIFY2((status.out + status.err)
                 .contains(step == u"checked"_s
                         ? u"upkeep: crashy 2.0.0 is installed"_s
                         : u"upkeep: crashy: The update to 2.0.0 was interrupted; 1.0.0 runs as before."_s),
        qPrintable(status.describe()));
    expectConsistentAndUpdatable(install);
}

void TestCrashConsistency::killedAtRandomMoments()
{
    // How long an update takes here, so that the kills spread over all of it.
    const QString probe = freshInstallation(u"probe"_s);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(upkeep().run({u"update"_s, u"--yes"_s, u"--dir"_s, probe}).exitCode, 0);
    const qint64 duration = std::max<qint64>(timer.elapsed(), 20);

    QRandomGenerator random(20261127);
    int killedMidway = 0;
    for (int run = 0; run < 50; ++run) {
        const QString install = freshInstallation(u"random-%1"_s.arg(run));
        const int delay = int(random.bounded(duration * 11 / 10));
        const std::unique_ptr<QProcess> process = upkeep().start({u"update"_s, u"--yes"_s, u"--dir"_s, install});
        QThread::msleep(delay);
        if (process->state() == QProcess::Running) {
            ::kill(pid_t(process->processId()), SIGKILL);
            ++killedMidway;
        }
        process->waitForFinished(60000);
        expectConsistentAndUpdatable(install);
        if (QTest::currentTestFailed()) {
            qWarning("inconsistent after a kill at %d ms (run %d)", delay, run);
            return;
        }
    }
    QVERIFY2(killedMidway >= 25, qPrintable(u"only %1 of 50 kills landed during the update"_s.arg(killedMidway)));
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("TST_CRASH_DIR"))
        return updateAndDie(qEnvironmentVariable("TST_CRASH_DIR"), qEnvironmentVariable("TST_CRASH_AT"));
    TestCrashConsistency test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_crashconsistency.moc"
