// Updates as a user lives them: installed, checked, rolled back by themselves when the health
// check fails or hangs, rolled back on request, old versions pruned, and after a crash at any
// step, one complete version running and the next update going through.

#include "install/updatetransaction.h"
#include "release/objectdecoder.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/testreleases.h"
#include "support/verify.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kHealthy = "#!/bin/sh\nexit 0\n"_ba;

TestReleases::Files files(const QString& version, const QByteArray& check = kHealthy)
{
    return {{u"bin/demo"_s, "#!/bin/sh\necho "_ba + version.toUtf8() + "\n"}, {u"bin/check"_s, check},
        {u"lib/libdemo.so.1"_s, QByteArray(100000, 'L')}, {u"share/version.txt"_s, version.toUtf8()}};
}

QStringList versionNames(const InstallLayout& layout)
{
    QStringList names;
    for (const Version& version : layout.keptVersions())
        names.append(version.toString());
    return names;
}

// The child of crashAtEachStep: installs the manifest it is given, and dies where it is told.
int runChild()
{
    auto manifest = Manifest::parse(readTestFile(qEnvironmentVariable("TST_TX_MANIFEST")));
    const QString objects = qEnvironmentVariable("TST_TX_OBJECTS");
    UpdateTransaction transaction(InstallLayout(qEnvironmentVariable("TST_TX_ROOT")),
        [objects](const Manifest::Entry& entry, const QString& path) {
            return decodeObject(objects + u'/' + entry.sha256 + u".zst"_s, path, entry.size, entry.sha256, entry.mode);
        });
    // Dies as in a power cut right after the journal records the step it is told.
    transaction.setStepObserver([crashAt = qEnvironmentVariable("TST_TX_CRASH_AT")](Journal::Step step) {
        if (Journal::toString(step) == crashAt)
            ::kill(::getpid(), SIGKILL);
    });
    return manifest && transaction.install(*manifest, u"stable"_s) ? 0 : 3;
}

} // namespace

class TestUpdateTransaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void installThenUpdate();
    void failingHealthCheckRollsBack_data();
    void failingHealthCheckRollsBack();
    void userRollback();
    void retention();
    void failedStagingChangesNothing();
    void crashAtEachStep_data();
    void crashAtEachStep();
};

void TestUpdateTransaction::installThenUpdate()
{
    TestReleases releases;
    const Manifest v1 = releases.release(u"1.0.0"_s, files(u"1.0.0"_s), {u"bin/check"_s});
    const Manifest v2 = releases.release(u"1.1.0"_s, files(u"1.1.0"_s), {u"bin/check"_s});
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UpdateTransaction transaction(layout, releases.source());

    auto installed = transaction.install(v1, u"stable"_s);
    UPKEEP_VERIFY_OK(installed);
    QCOMPARE(installed->kind, History::Kind::Install);
    QCOMPARE(installed->outcome, History::Outcome::Installed);
    auto updated = transaction.install(v2, u"stable"_s, [] { return qint64(1234); });
    UPKEEP_VERIFY_OK(updated);
    QCOMPARE(updated->kind, History::Kind::Update);
    QCOMPARE(updated->from, u"1.0.0"_s);
    QCOMPARE(updated->to, u"1.1.0"_s);
    QCOMPARE(layout.currentVersion()->toString(), u"1.1.0"_s);
    QVERIFY(TestReleases::holds(layout.currentLink(), v2));
    QVERIFY(TestReleases::holds(layout.versionFolder(v1.version), v1));

    auto history = History(layout.history()).records();
    UPKEEP_VERIFY_OK(history);
    QCOMPARE(history->size(), size_t(2));
    QCOMPARE(history->back().bytes, 1234);
    QCOMPARE(history->back().channel, u"stable"_s);
    QVERIFY(Journal(layout.journal()).pending()->empty());
    auto again = transaction.install(v2, u"stable"_s);
    UPKEEP_VERIFY_ERROR(again, Error::Code::Usage);
    QCOMPARE(again.error().message, u"Version 1.1.0 is already running."_s);
}

void TestUpdateTransaction::failingHealthCheckRollsBack_data()
{
    QTest::addColumn<QByteArray>("check");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("output");

    QTest::newRow("exits 3") << "#!/bin/sh\necho 'database schema too new' >&2\nexit 3\n"_ba
                             << u"The health check exited with code 3."_s << u"database schema too new"_s;
    QTest::newRow("hangs") << "#!/bin/sh\necho starting\nsleep 60\n"_ba
                           << u"The health check did not finish within 1 second"_s << u"starting"_s;
}

void TestUpdateTransaction::failingHealthCheckRollsBack()
{
    QFETCH(QByteArray, check);
    QFETCH(QString, reason);
    QFETCH(QString, output);

    TestReleases releases;
    const Manifest v1 = releases.release(u"1.0.0"_s, files(u"1.0.0"_s), {u"bin/check"_s});
    const Manifest bad = releases.release(u"1.1.0"_s, files(u"1.1.0"_s, check), {u"bin/check"_s}, 1);
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UpdateTransaction transaction(layout, releases.source());
    UPKEEP_VERIFY_OK(transaction.install(v1, u"stable"_s));

    auto result = transaction.install(bad, u"stable"_s);
    UPKEEP_VERIFY_OK(result);
    QCOMPARE(result->outcome, History::Outcome::RolledBackAutomatically);
    QVERIFY2(result->reason.startsWith(reason), qPrintable(result->reason));
    QVERIFY2(result->healthOutput.contains(output), qPrintable(result->healthOutput));
    QCOMPARE(layout.currentVersion()->toString(), u"1.0.0"_s);
    QVERIFY(TestReleases::holds(layout.currentLink(), v1));
    const auto history = *History(layout.history()).records();
    QCOMPARE(history.back().outcome, History::Outcome::RolledBackAutomatically);
    QCOMPARE(history.back().healthOutput, result->healthOutput);
}

void TestUpdateTransaction::userRollback()
{
    TestReleases releases;
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UpdateTransaction transaction(layout, releases.source());
    for (const QString& version : {u"1.0.0"_s, u"1.1.0"_s, u"1.2.0"_s})
        UPKEEP_VERIFY_OK(transaction.install(releases.release(version, files(version)), u"stable"_s));

    auto back = transaction.rollback(*Version::parse(u"1.0.0"), u"stable"_s);
    UPKEEP_VERIFY_OK(back);
    QCOMPARE(back->kind, History::Kind::Rollback);
    QCOMPARE(back->outcome, History::Outcome::RolledBackByUser);
    QCOMPARE(back->from, u"1.2.0"_s);
    QCOMPARE(layout.currentVersion()->toString(), u"1.0.0"_s);

    auto missing = transaction.rollback(*Version::parse(u"0.9.0"), u"stable"_s);
    UPKEEP_VERIFY_ERROR(missing, Error::Code::NotFound);
    QCOMPARE(missing.error().message, u"Version 0.9.0 is not kept here; the kept versions are 1.0.0, 1.1.0, 1.2.0."_s);
    // Updating again to a kept version reuses its folder.
    auto forward = transaction.install(*transaction.installedManifest(*Version::parse(u"1.2.0")), u"stable"_s);
    UPKEEP_VERIFY_OK(forward);
    QCOMPARE(layout.currentVersion()->toString(), u"1.2.0"_s);
}

void TestUpdateTransaction::retention()
{
    TestReleases releases;
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UpdateTransaction transaction(layout, releases.source());
    for (const QString& version : {u"1.0.0"_s, u"1.1.0"_s, u"1.2.0"_s, u"1.3.0"_s, u"1.4.0"_s})
        UPKEEP_VERIFY_OK(transaction.install(releases.release(version, files(version)), u"stable"_s));
    QCOMPARE(versionNames(layout), (QStringList{u"1.2.0"_s, u"1.3.0"_s, u"1.4.0"_s}));

    // Back on 1.2.0, the previous (1.4.0) and the current are never pruned, even with keep = 1.
    UPKEEP_VERIFY_OK(transaction.rollback(*Version::parse(u"1.2.0"), u"stable"_s));
    auto removed = transaction.prune(1);
    UPKEEP_VERIFY_OK(removed);
    QCOMPARE(versionNames(layout), (QStringList{u"1.2.0"_s, u"1.4.0"_s}));
    QVERIFY(!QFile::exists(layout.manifestFile(*Version::parse(u"1.3.0"))));
}

void TestUpdateTransaction::failedStagingChangesNothing()
{
    TestReleases releases;
    const Manifest v1 = releases.release(u"1.0.0"_s, files(u"1.0.0"_s));
    Manifest v2 = releases.release(u"1.1.0"_s, files(u"1.1.0"_s));
    // The object for bin/demo of 1.1.0 goes missing on the way.
    const auto* demo = v2.find(u"bin/demo"_s);
    QFile::remove(releases.objectsFolder() + u'/' + demo->sha256 + u".zst"_s);
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UpdateTransaction transaction(layout, releases.source());
    UPKEEP_VERIFY_OK(transaction.install(v1, u"stable"_s));
    auto failed = transaction.install(v2, u"stable"_s);
    UPKEEP_VERIFY_ERROR(failed, Error::Code::Io);
    QCOMPARE(layout.currentVersion()->toString(), u"1.0.0"_s);
    QCOMPARE(versionNames(layout), QStringList{u"1.0.0"_s});
    const auto history = *History(layout.history()).records();
    QCOMPARE(history.back().kind, History::Kind::Failure);
    QCOMPARE(history.back().outcome, History::Outcome::Failed);
    QCOMPARE(history.back().reason, failed.error().message);
}

void TestUpdateTransaction::crashAtEachStep_data()
{
    QTest::addColumn<QString>("crashAt");
    QTest::addColumn<QString>("running");
    QTest::addColumn<History::Outcome>("outcome");

    QTest::newRow("begin") << u"begin"_s << u"1.0.0"_s << History::Outcome::Interrupted;
    QTest::newRow("staged") << u"staged"_s << u"1.0.0"_s << History::Outcome::Interrupted;
    QTest::newRow("switched") << u"switched"_s << u"1.0.0"_s << History::Outcome::Interrupted;
    QTest::newRow("checked") << u"checked"_s << u"1.1.0"_s << History::Outcome::Installed;
    QTest::newRow("reverted") << u"reverted"_s << u"1.0.0"_s << History::Outcome::RolledBackAutomatically;
}

void TestUpdateTransaction::crashAtEachStep()
{
    QFETCH(QString, crashAt);
    QFETCH(QString, running);
    QFETCH(History::Outcome, outcome);

    TestReleases releases;
    const Manifest v1 = releases.release(u"1.0.0"_s, files(u"1.0.0"_s), {u"bin/check"_s});
    const QByteArray check = crashAt == u"reverted"_s ? "#!/bin/sh\nexit 1\n"_ba : kHealthy;
    const Manifest v2 = releases.release(u"1.1.0"_s, files(u"1.1.0"_s, check), {u"bin/check"_s});
    QTemporaryDir root;
    InstallLayout layout(root.path());
    UPKEEP_VERIFY_OK(UpdateTransaction(layout, releases.source()).install(v1, u"stable"_s));

    const QString manifestFile = root.filePath(u"incoming.json"_s);
    writeTestFile(manifestFile, v2.toBytes());
    const ProgramRun child = TestProgram(QCoreApplication::applicationFilePath(),
        {.environment = {u"TST_TX_CRASH_AT="_s + crashAt, u"TST_TX_ROOT="_s + root.path(),
             u"TST_TX_MANIFEST="_s + manifestFile, u"TST_TX_OBJECTS="_s + releases.objectsFolder()}})
                                 .run({});
    QVERIFY2(child.crashed, qPrintable(child.describe()));

    // The next start recovers: one complete version runs, and the record says what happened.
    UpdateTransaction transaction(layout, releases.source());
    auto recovered = transaction.recover(u"stable"_s);
    UPKEEP_VERIFY_OK(recovered);
    QVERIFY(recovered->has_value());
    QCOMPARE((*recovered)->outcome, outcome);
    QCOMPARE(layout.currentVersion()->toString(), running);
    QVERIFY(TestReleases::holds(layout.currentLink(), running == u"1.0.0"_s ? v1 : v2));
    QVERIFY(!QFileInfo::exists(layout.stagingFolder(v2.version)));
    QVERIFY(Journal(layout.journal()).pending()->empty());
    UPKEEP_VERIFY_OK(transaction.recover());
    QCOMPARE(History(layout.history()).records()->size(), size_t(2));

    // And the next update goes through.
    if (running == u"1.0.0"_s && crashAt != u"reverted"_s) {
        auto update = transaction.install(v2, u"stable"_s);
        UPKEEP_VERIFY_OK(update);
        QCOMPARE(update->outcome, History::Outcome::Installed);
        QVERIFY(TestReleases::holds(layout.currentLink(), v2));
    }
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("TST_TX_ROOT"))
        return runChild();
    TestUpdateTransaction test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_updatetransaction.moc"
