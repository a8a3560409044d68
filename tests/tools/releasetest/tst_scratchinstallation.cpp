// A scratch installation of a release test: installed in-process, copied with its modes and
// symbolic links, and checked to be exactly a version, each difference a sentence naming the file.

#include "install/installation.h"
#include "releasefixture.h"
#include "scratchinstallation.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

class TestScratchInstallation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void installsAndCopies();
    void differences_data();
    void differences();
    void healthCheckOfARolledBackUpdate();
    void runsUpkeepAwayFromTheUsersFiles();
    void killsUpkeepAfterTheDelay_data();
    void killsUpkeepAfterTheDelay();

private:
    // A copy of the installation of 1.1.0 in a new folder named `name`.
    ScratchInstallation copy(const QString& name);

    std::unique_ptr<ReleaseFixture> m_fixture;
    QTemporaryDir m_dir;
    std::optional<ScratchInstallation> m_installed; // 1.1.0
    Manifest m_manifest;                            // 1.1.0's, signed
};

void TestScratchInstallation::initTestCase()
{
    m_fixture = std::make_unique<ReleaseFixture>(ReleaseFixture::Break::None, 2);
    auto created = ScratchInstallation::create(
        m_dir.filePath(u"installed"_s), {m_fixture->repository()}, m_fixture->root(), u"app"_s, u"stable"_s);
    QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
    m_installed = std::move(*created);
    auto record = m_installed->install(*Version::parse(u"1.1.0"_s), {});
    QVERIFY2(record, qPrintable(record ? QString() : record.error().message));
    QCOMPARE(record->outcome, History::Outcome::Installed);
    auto installation = Installation::open(m_installed->folder());
    QVERIFY(installation);
    QVERIFY(installation->refresh());
    auto releases = installation->releases();
    QVERIFY(releases && !releases->empty());
    auto manifest = installation->manifest(releases->front());
    QVERIFY(manifest);
    m_manifest = *manifest;
    QCOMPARE(m_manifest.version.toString(), u"1.1.0"_s);
}

ScratchInstallation TestScratchInstallation::copy(const QString& name)
{
    auto copied = m_installed->copyTo(m_dir.filePath(name));
    if (!copied)
        qFatal("cannot copy: %s", qPrintable(copied.error().message));
    return *copied;
}

void TestScratchInstallation::installsAndCopies()
{
    QVERIFY2(
        m_installed->differences(m_manifest).isEmpty(), qPrintable(m_installed->differences(m_manifest).join(u' ')));
    QCOMPARE(m_installed->healthCheck(m_manifest), std::optional<bool>(true));
    const ScratchInstallation copied = copy(u"copy"_s);
    QVERIFY2(copied.differences(m_manifest).isEmpty(), qPrintable(copied.differences(m_manifest).join(u' ')));
    QCOMPARE(filesUnder(copied.folder()), filesUnder(m_installed->folder()));
    QCOMPARE(QFile::symLinkTarget(copied.folder() + u"/current"_s), copied.folder() + u"/versions/1.1.0"_s);
    for (const QString& file : filesUnder(m_installed->folder()))
        QCOMPARE(modeOf(copied.folder() + u'/' + file), modeOf(m_installed->folder() + u'/' + file));
    // A copy into a folder that exists is refused, and nothing of it is touched.
    QVERIFY(!m_installed->copyTo(copied.folder()));
    QVERIFY(copied.differences(m_manifest).isEmpty());
    ScratchInstallation::remove(copied.folder());
    QVERIFY(!QFileInfo::exists(copied.folder()));
}

void TestScratchInstallation::differences_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("content") << u"content"_s << u"bin/app: changed content."_s;
    QTest::newRow("mode") << u"mode"_s << u"bin/app: mode 0444, not 0544."_s;
    QTest::newRow("symlink") << u"symlink"_s << u"lib/libapp.so: points elsewhere."_s;
    QTest::newRow("missing") << u"missing"_s << u"share/data.bin: missing."_s;
    QTest::newRow("extra") << u"extra"_s << u"share/extra.txt: not part of the release."_s;
    QTest::newRow("current") << u"current"_s << u"current is 1.0.0, not 1.1.0."_s;
}

void TestScratchInstallation::differences()
{
    QFETCH(QString, damage);
    QFETCH(QString, sentence);
    const ScratchInstallation damaged = copy(u"damaged-"_s + damage);
    const QString version = damaged.folder() + u"/versions/1.1.0/"_s;
    if (damage == u"content"_s) {
        QFile::setPermissions(version + u"bin/app"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        writeTestFile(version + u"bin/app"_s, "#!/bin/sh\necho other\n"_ba, true);
        QVERIFY(::chmod(QFile::encodeName(version + u"bin/app"_s).constData(), 0544) == 0);
    } else if (damage == u"mode"_s) {
        QVERIFY(::chmod(QFile::encodeName(version + u"bin/app"_s).constData(), 0444) == 0);
    } else if (damage == u"symlink"_s) {
        QVERIFY(QFile::remove(version + u"lib/libapp.so"_s));
        QVERIFY(QFile::link(u"../bin/app"_s, version + u"lib/libapp.so"_s));
    } else if (damage == u"missing"_s) {
        QVERIFY(QFile::remove(version + u"share/data.bin"_s));
    } else if (damage == u"extra"_s) {
        writeTestFile(version + u"share/extra.txt"_s, "not in the release\n"_ba);
    } else if (damage == u"current"_s) {
        // 1.0.0 as it was kept when 1.1.0 came.
        QVERIFY(QFile::remove(damaged.folder() + u"/current"_s));
        QVERIFY(QFile::link(u"versions/1.0.0"_s, damaged.folder() + u"/current"_s));
    }
    QCOMPARE(damaged.differences(m_manifest), QStringList{sentence});
    ScratchInstallation::remove(damaged.folder());
}

void TestScratchInstallation::healthCheckOfARolledBackUpdate()
{
    ReleaseFixture broken(ReleaseFixture::Break::HealthCheckFails);
    auto created = ScratchInstallation::create(
        m_dir.filePath(u"broken"_s), {broken.repository()}, broken.root(), u"app"_s, u"stable"_s);
    QVERIFY(created);
    QVERIFY(created->install(*Version::parse(u"1.1.0"_s), {}));
    auto record = created->install(*Version::parse(u"1.2.0"_s), {});
    QVERIFY(record);
    QCOMPARE(record->outcome, History::Outcome::RolledBackAutomatically);
    auto installation = Installation::open(created->folder());
    QVERIFY(installation && installation->refresh());
    auto releases = installation->releases();
    QVERIFY(releases && releases->front().version.toString() == u"1.2.0"_s);
    auto manifest = installation->manifest(releases->front());
    QVERIFY(manifest);
    QCOMPARE(created->healthCheck(*manifest), std::optional<bool>(false));
    QCOMPARE(created->differences(*manifest), QStringList{u"current is 1.1.0, not 1.2.0."_s});
    QCOMPARE(created->lastRecord()->to, u"1.2.0"_s);
}

void TestScratchInstallation::runsUpkeepAwayFromTheUsersFiles()
{
    // A stand-in for upkeep that says how it was run.
    const QString program = m_dir.filePath(u"say-env"_s);
    writeTestFile(program, "#!/bin/sh\necho \"args: $*\"\nenv\n"_ba, true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus");
    const QString home = m_dir.filePath(u"home"_s);
    auto run = m_installed->runUpkeep(program, home);
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
    QCOMPARE(run->exitCode, 0);
    QVERIFY(!run->killed);
    const QStringList lines = run->output.split(u'\n');
    QVERIFY2(lines.contains(u"args: update --yes --dir "_s + m_installed->folder()), qPrintable(run->output));
    for (const QString& expected : {u"HOME="_s + home, u"XDG_CONFIG_HOME="_s + home + u"/.config"_s,
             u"XDG_DATA_HOME="_s + home + u"/.local/share"_s, u"XDG_CACHE_HOME="_s + home + u"/.cache"_s,
             u"XDG_STATE_HOME="_s + home + u"/.local/state"_s})
        QVERIFY2(lines.contains(expected), qPrintable(expected));
    QVERIFY(!run->output.contains(u"DBUS_SESSION_BUS_ADDRESS"_s));
    // An upkeep that is not there is an error that says so.
    auto missing = m_installed->runUpkeep(m_dir.filePath(u"no-such-upkeep"_s), home);
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.startsWith(u"Cannot run "_s), qPrintable(missing.error().message));
}

void TestScratchInstallation::killsUpkeepAfterTheDelay_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<bool>("killed");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("still running") << "exec sleep 20"_ba << true << -1;
    QTest::newRow("finished before") << "exit 3"_ba << false << 3;
}

void TestScratchInstallation::killsUpkeepAfterTheDelay()
{
    QFETCH(QByteArray, script);
    QFETCH(bool, killed);
    QFETCH(int, exitCode);
    const QString program = m_dir.filePath(u"slow-upkeep"_s);
    QFile::remove(program);
    writeTestFile(program, "#!/bin/sh\n"_ba + script + '\n', true);
    auto run = m_installed->runUpkeep(program, m_dir.filePath(u"home"_s), std::chrono::milliseconds(300));
    QVERIFY(run);
    QCOMPARE(run->killed, killed);
    QCOMPARE(run->exitCode, exitCode);
    QVERIFY2(run->milliseconds < 5000, qPrintable(QString::number(run->milliseconds)));
    if (killed)
        QVERIFY(run->milliseconds >= 300);
}

QTEST_GUILESS_MAIN(TestScratchInstallation)
#include "tst_scratchinstallation.moc"
