// The `upkeep` command line end to end, through the real binary against a real repository made
// with the publisher's code: add, check, update, automatic and manual rollback, history,
// channels, status --verify, the lock, remove, hold, and clear misuse.

#include "install/history.h"
#include "install/installation.h"
#include "install/installationconfig.h"
#include "install/installlock.h"
#include "support/examplesigner.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/signedmetadata.h"
#include "upkeepversion.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Breakage = std::function<void(TestRepository&)>;

} // namespace

Q_DECLARE_METATYPE(Breakage)

class TestUpkeep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void addCheckUpdateRollback();
    void failingHealthCheck();
    void healthCheckSeesACleanEnvironment();
    void channels();
    void backToAMoreStableChannel_data();
    void backToAMoreStableChannel();
    void backToAMoreStableChannelAsJson();
    void damagedFilesAreFound();
    void lockedInstallation();
    void twoUpdatesAtOnce();
    void tamperedBundleIsRefused();
    void oneKeyListedTwiceIsRefused();
    void brokenNightlyLeavesStableUpdating_data();
    void brokenNightlyLeavesStableUpdating();
    void misuse_data();
    void misuse();
    void pinnedPublisherCa();
    void publisherCaRefused_data();
    void publisherCaRefused();
    void historyJsonCarriesSigner();
    void overview();
    void windowWithoutADisplay_data();
    void windowWithoutADisplay();
    void removeStopsManaging();
    void removeDeletesTheFolder();
    void removeRefused_data();
    void removeRefused();
    void registeredButGone();
    void commandsSkipAGoneFolder_data();
    void commandsSkipAGoneFolder();
    void commandsSkipADamagedInstallation_data();
    void commandsSkipADamagedInstallation();
    void holdPausesUpdates();
    void holdSurvivesAnotherProcessesChange();

private:
    // `extra` (NAME=VALUE) is added to the test's own environment. With `typed`, standard input
    // is a terminal on which that line is typed.
    ProgramRun upkeep(const QStringList& arguments, const QStringList& extra = {}, const QByteArray& typed = {});
    [[nodiscard]] TestProgram program(const QStringList& extra = {}) const;
    void release(const QString& version, const QString& channel, const QByteArray& check = "#!/bin/sh\nexit 0\n"_ba);
    ProgramRun add(const QString& channel = u"stable"_s, const QStringList& extra = {});
    // A self-signed CA certificate (PEM) made by stock openssl in the test folder; its path.
    QString makeCaCertificate(const QString& name);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestRepository> m_repository;
    QString m_install;
};

void TestUpkeep::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    m_install = m_dir->filePath(u"install"_s);
}

TestProgram TestUpkeep::program(const QStringList& extra) const
{
    return TestProgram(
        QStringLiteral(UPKEEP_BINARY), {.configHome = m_dir->filePath(u"config"_s), .environment = extra});
}

ProgramRun TestUpkeep::upkeep(const QStringList& arguments, const QStringList& extra, const QByteArray& typed)
{
    return program(extra).run(
        arguments, typed.isEmpty() ? QList<TestProgram::Exchange>() : QList<TestProgram::Exchange>{{QString(), typed}});
}

void TestUpkeep::release(const QString& version, const QString& channel, const QByteArray& check)
{
    const QString source = m_dir->filePath(u"source-"_s + version);
    // Incompressible, and the same in every version: updates share it, bundles carry it.
    writeTestFiles(source,
        {{u"bin/demo"_s, "#!/bin/sh\necho "_ba + version.toUtf8() + "\n"}, {u"bin/check"_s, check},
            {u"share/big.dat"_s, randomBytes(300000, 42)}});
    ReleasePublisher::Options options;
    options.app = u"viewer"_s;
    options.version = version;
    options.channel = channel;
    options.source = source;
    options.healthCheck = u"bin/check"_s;
    options.healthCheckTimeout = 5;
    m_repository->publishRelease(options);
}

ProgramRun TestUpkeep::add(const QString& channel, const QStringList& extra)
{
    const QString root = m_dir->filePath(u"root.json"_s);
    writeTestFile(root, m_repository->initialRoot());
    return upkeep(QStringList{u"add"_s, u"--repo"_s, u"file://"_s + m_repository->path(), u"--trust"_s, root,
                      u"--app"_s, u"viewer"_s, u"--channel"_s, channel, u"--dir"_s, m_install}
        + extra);
}

QString TestUpkeep::makeCaCertificate(const QString& name)
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        return {};
    const ProgramRun run
        = TestProgram(openssl, {.workingDirectory = m_dir->path()})
              .run({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                  u"-nodes"_s, u"-keyout"_s, name + u".key"_s, u"-out"_s, name + u".pem"_s, u"-days"_s, u"30"_s,
                  u"-subj"_s, u"/O=Example GmbH/CN=Example GmbH Release CA"_s, u"-addext"_s,
                  u"basicConstraints=critical,CA:TRUE,pathlen:0"_s});
    return run.exitCode == 0 ? m_dir->filePath(name + u".pem"_s) : QString();
}

void TestUpkeep::addCheckUpdateRollback()
{
    release(u"1.0.0"_s, u"stable"_s);
    ProgramRun run = add();
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(u"viewer 1.0.0 is installed ("_s), qPrintable(run.out));
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.0.0"_s);

    run = upkeep({u"check"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, u"viewer 1.0.0 is up to date (stable).\n"_s);

    release(u"1.1.0"_s, u"stable"_s);
    run = upkeep({u"check"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const JsonValue checked = *JsonParser().parse(run.out.toUtf8());
    const JsonValue& entry = checked.toArray().front();
    QCOMPARE(entry.find("available")->toString(), u"1.1.0"_s);
    QCOMPARE(entry.find("installed")->toString(), u"1.0.0"_s);
    // Only bin/demo changed: its object is all there is to download, far less than the bundle.
    QVERIFY(entry.find("download_bytes")->toInteger() < 100);
    QVERIFY(entry.find("full_bytes")->toInteger() > 300000);

    run = upkeep({u"update"_s});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err,
        u"upkeep update: there is no terminal to confirm on; run \"upkeep update --yes\" to update without asking.\n"_s);
    run = upkeep({u"update"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"viewer 1.1.0 is installed"_s), qPrintable(run.out));
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.1.0"_s);

    run = upkeep({u"rollback"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, u"viewer is back on 1.0.0.\n"_s);

    run = upkeep({u"history"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const JsonValue history = *JsonParser().parse(run.out.toUtf8());
    const JsonArray& records = history.toArray().front().find("history")->toArray();
    QCOMPARE(records.size(), size_t(3));
    QCOMPARE(records[0].find("kind")->toString(), u"install"_s);
    QCOMPARE(records[1].find("outcome")->toString(), u"installed"_s);
    QCOMPARE(records[2].find("outcome")->toString(), u"rolled-back-by-user"_s);
    // The fresh install took the bundle (incompressible data: about 300 kB); the update only bin/app.
    QVERIFY(records[0].find("bytes")->toInteger() > 300000);
    QVERIFY(records[1].find("bytes")->toInteger() < 1000);
    QCOMPARE(QDir(m_install + u"/.upkeep/cache"_s).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());

    run = upkeep({u"status"_s, u"--verify"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
        u"viewer 1.0.0 (stable) in %1; kept: 1.0.0, 1.1.0; every file matches its manifest.\n"_s.arg(m_install));
}

void TestUpkeep::failingHealthCheck()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    release(u"1.1.0"_s, u"stable"_s, "#!/bin/sh\necho 'cannot open the database' >&2\nexit 2\n"_ba);
    ProgramRun run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(
        run.out.contains(
            u"viewer 1.1.0 failed its health check and was rolled back; 1.0.0 runs. The health check exited with code 2."_s),
        qPrintable(run.out));
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.0.0"_s);
    run = upkeep({u"history"_s, u"--dir"_s, m_install});
    QVERIFY2(run.out.contains(u"1.0.0 -> 1.1.0  rolled-back-automatically  (The health check exited with code 2.)"_s),
        qPrintable(run.out));
}

void TestUpkeep::healthCheckSeesACleanEnvironment()
{
    // The check writes what it sees where the test can read it; `upkeep update` runs with a
    // preloaded library and secrets in its environment, none of which may reach the check.
    const QString seen = m_dir->filePath(u"seen-environment"_s);
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    release(u"1.1.0"_s, u"stable"_s, "#!/bin/sh\nexec env > '"_ba + QFile::encodeName(seen) + "'\n"_ba);
    const ProgramRun run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install},
        {u"LD_PRELOAD=libc.so.6"_s, u"UPKEEP_TEST_SECRET=hunter2"_s, u"PATH=%1/evil:/usr/bin:/bin"_s.arg(m_dir->path()),
            u"LANG=de_DE.UTF-8"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY(QFileInfo(seen).isReadable());
    QStringList names;
    QStringList lines = QString::fromUtf8(readTestFile(seen)).split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines)
        names.append(line.section(u'=', 0, 0));
    names.removeAll(u"PWD"_s);    // dash sets it itself
    names.removeAll(u"LC_ALL"_s); // passed on when set, which depends on who runs the test
    names.sort();
    QCOMPARE(names,
        (QStringList{u"HOME"_s, u"LANG"_s, u"PATH"_s, u"UPKEEP_APP"_s, u"UPKEEP_INSTALL_DIR"_s, u"UPKEEP_VERSION"_s,
            u"UPKEEP_VERSION_DIR"_s}));
    QVERIFY(lines.contains(u"UPKEEP_APP=viewer"_s));
    QVERIFY(lines.contains(u"PATH=/usr/local/bin:/usr/bin:/bin"_s));
    QVERIFY(lines.contains(u"LANG=de_DE.UTF-8"_s));
    QVERIFY(lines.contains(u"UPKEEP_VERSION=1.1.0"_s));
    QVERIFY(lines.contains(u"UPKEEP_INSTALL_DIR=%1"_s.arg(QDir(m_install).canonicalPath())));
}

void TestUpkeep::channels()
{
    release(u"1.0.0"_s, u"stable"_s);
    release(u"1.1.0-beta.1"_s, u"beta"_s);
    QCOMPARE(add().exitCode, 0);
    QCOMPARE(upkeep({u"check"_s}).out, u"viewer 1.0.0 is up to date (stable).\n"_s);
    ProgramRun run = upkeep({u"channel"_s, u"beta"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, u"viewer now follows beta.\n"_s);
    run = upkeep({u"check"_s});
    QVERIFY2(run.out.startsWith(u"viewer 1.0.0 -> 1.1.0-beta.1 is available on beta"_s), qPrintable(run.out));
    run = upkeep({u"channel"_s, u"edge"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, u"upkeep channel: The repository has no channel \"edge\"; it has stable, beta, nightly.\n"_s);
    run = upkeep({u"channel"_s, u"edge"_s, u"--roll-back"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, u"upkeep channel: The repository has no channel \"edge\"; it has stable, beta, nightly.\n"_s);
}

void TestUpkeep::backToAMoreStableChannel_data()
{
    // The beta 1.1.0-beta.1 runs; stable has only 1.0.0, kept or not. As the window's channel
    // selector does, moving back to stable keeps the beta until stable catches up, or goes back
    // now to 1.0.0.
    QTest::addColumn<bool>("kept");           // 1.0.0 from stable ran before the beta
    QTest::addColumn<QStringList>("options"); // besides "channel stable --dir D"
    QTest::addColumn<QByteArray>("typed");    // at a terminal; empty: no terminal
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out"); // %1: the installation's folder
    QTest::addColumn<QString>("err");
    QTest::addColumn<QString>("running");
    QTest::addColumn<QString>("channel");

    const QString follows = u"viewer now follows stable.\n"_s;
    const QString stays = u"viewer 1.1.0-beta.1 stays installed until stable publishes a newer release"_s;
    QTest::newRow("stays, and says how to go back now") << true << QStringList() << QByteArray() << 0
                                                        << follows + stays
            + u"; to go back now to 1.0.0, the newest kept version that stable has published, run \"upkeep channel "
              "stable --roll-back --dir %1\".\n"_s << QString()
                                                        << u"1.1.0-beta.1"_s << u"stable"_s;
    QTest::newRow("--roll-back goes back now")
        << true << QStringList{u"--roll-back"_s} << QByteArray() << 0 << follows + u"viewer is back on 1.0.0.\n"_s
        << QString() << u"1.0.0"_s << u"stable"_s;
    const QString question = u".\nGo back now to 1.0.0, the newest kept version that stable has published? [y/N] "_s;
    QTest::newRow("asks on a terminal: yes")
        << true << QStringList() << "y"_ba << 0 << follows + stays + question + u"viewer is back on 1.0.0.\n"_s
        << QString() << u"1.0.0"_s << u"stable"_s;
    QTest::newRow("asks on a terminal: no") << true << QStringList() << "n"_ba << 0 << follows + stays + question
                                            << QString() << u"1.1.0-beta.1"_s << u"stable"_s;
    QTest::newRow("nothing kept to go back to")
        << false << QStringList() << QByteArray() << 0
        << follows + stays + u"; no older version that stable has published is kept to go back to.\n"_s << QString()
        << u"1.1.0-beta.1"_s << u"stable"_s;
    QTest::newRow("nothing kept: --roll-back changes nothing")
        << false << QStringList{u"--roll-back"_s} << QByteArray() << 1 << QString()
        << u"upkeep channel: no kept version of viewer older than 1.1.0-beta.1 is on stable, so nothing changed; "
           "without --roll-back, viewer follows stable and stays on 1.1.0-beta.1 until stable catches up.\n"_s
        << u"1.1.0-beta.1"_s << u"beta"_s;
}

void TestUpkeep::backToAMoreStableChannel()
{
    QFETCH(bool, kept);
    QFETCH(QStringList, options);
    QFETCH(QByteArray, typed);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(QString, running);
    QFETCH(QString, channel);

    release(u"1.0.0"_s, u"stable"_s);
    release(u"1.1.0-beta.1"_s, u"beta"_s);
    if (kept) {
        QCOMPARE(add(u"stable"_s).exitCode, 0);
        QCOMPARE(upkeep({u"channel"_s, u"beta"_s, u"--dir"_s, m_install}).exitCode, 0);
        QCOMPARE(upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install}).exitCode, 0);
    } else {
        QCOMPARE(add(u"beta"_s).exitCode, 0);
    }
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.1.0-beta.1"_s);

    const ProgramRun run = upkeep(QStringList{u"channel"_s, u"stable"_s, u"--dir"_s, m_install} + options, {}, typed);
    QCOMPARE(run.err, err);
    QCOMPARE(run.out, QString(out).replace(u"%1"_s, m_install));
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/"_s + running);
    const JsonValue status
        = *JsonParser().parse(upkeep({u"status"_s, u"--json"_s, u"--dir"_s, m_install}).out.toUtf8());
    QCOMPARE(status.toArray().front().find("channel")->toString(), channel);
}

void TestUpkeep::backToAMoreStableChannelAsJson()
{
    release(u"1.0.0"_s, u"stable"_s);
    release(u"1.1.0-beta.1"_s, u"beta"_s);
    QCOMPARE(add(u"stable"_s).exitCode, 0);
    QCOMPARE(upkeep({u"channel"_s, u"beta"_s, u"--dir"_s, m_install}).exitCode, 0);
    QCOMPARE(upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install}).exitCode, 0);

    // Scripts learn where "roll back now" would go, and nothing is asked.
    ProgramRun run = upkeep({u"channel"_s, u"stable"_s, u"--json"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    JsonValue parsed = *JsonParser().parse(run.out.toUtf8());
    const JsonValue* entry = &parsed.toArray().front();
    QCOMPARE(entry->find("channel")->toString(), u"stable"_s);
    QCOMPARE(entry->find("installed")->toString(), u"1.1.0-beta.1"_s);
    QCOMPARE(entry->find("roll_back_to")->toString(), u"1.0.0"_s);
    QVERIFY(!entry->find("result"));

    run = upkeep({u"channel"_s, u"stable"_s, u"--roll-back"_s, u"--json"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    parsed = *JsonParser().parse(run.out.toUtf8());
    entry = &parsed.toArray().front();
    QCOMPARE(entry->find("installed")->toString(), u"1.0.0"_s);
    QCOMPARE(entry->find("roll_back_to")->toString(), u"1.0.0"_s);
    QCOMPARE(entry->find("result")->find("outcome")->toString(), u"rolled-back-by-user"_s);
    QCOMPARE(entry->find("result")->find("to")->toString(), u"1.0.0"_s);
}

void TestUpkeep::damagedFilesAreFound()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    writeTestFile(m_install + u"/current/share/big.dat"_s, "changed"_ba);
    ProgramRun run = upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.out,
        u"viewer 1.0.0 (stable) in %1; kept: 1.0.0; DAMAGED: share/big.dat (changed content).\n"_s.arg(m_install));
}

void TestUpkeep::lockedInstallation()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    release(u"1.1.0"_s, u"stable"_s);
    // Another process is updating: this one says so and changes nothing.
    auto lock = InstallLock::acquire(m_install + u"/.upkeep/lock"_s);
    UPKEEP_VERIFY_OK(lock);
    ProgramRun run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"Another Upkeep process is changing this installation"_s), qPrintable(run.err));
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.0.0"_s);
}

void TestUpkeep::twoUpdatesAtOnce()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    release(u"1.1.0"_s, u"stable"_s);
    // Two real processes race; one installs, the other waits for nothing: it is told clearly
    // (exit 2) or, if it came late, finds everything up to date. Never both, never a mix.
    const QStringList arguments{u"update"_s, u"--yes"_s, u"--dir"_s, m_install};
    const std::unique_ptr<QProcess> first = program().start(arguments);
    const std::unique_ptr<QProcess> second = program().start(arguments);
    QVERIFY(first->waitForFinished(60000) && second->waitForFinished(60000));
    const QString errors[]
        = {QString::fromUtf8(first->readAllStandardError()), QString::fromUtf8(second->readAllStandardError())};
    const int codes[] = {first->exitCode(), second->exitCode()};
    QVERIFY2(codes[0] == 0 || codes[1] == 0, qPrintable(errors[0] + errors[1]));
    for (int i = 0; i < 2; ++i) {
        if (codes[i] == 2)
            QVERIFY2(errors[i].contains(u"Another Upkeep process is changing this installation"_s)
                    || errors[i].contains(u"is already installed (another Upkeep process got there first)"_s),
                qPrintable(errors[i]));
        else
            QCOMPARE(codes[i], 0);
    }
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.1.0"_s);
    QCOMPARE(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install}).exitCode, 0);
    const JsonValue history
        = *JsonParser().parse(upkeep({u"history"_s, u"--json"_s, u"--dir"_s, m_install}).out.toUtf8());
    QCOMPARE(history.toArray().front().find("history")->toArray().size(), size_t(2)); // the install and one update
}

void TestUpkeep::tamperedBundleIsRefused()
{
    release(u"1.0.0"_s, u"stable"_s);
    flipTestFileByte(m_repository->path() + u"/bundles/viewer-1.0.0.tar.zst"_s);
    const ProgramRun run = add();
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err,
        u"upkeep add: Cannot download bundles/viewer-1.0.0.tar.zst. The copy of bundles/viewer-1.0.0.tar.zst from "
        "%1 does not match the signed metadata; it was discarded.\n"_s.arg(m_repository->path()));
    QVERIFY(!QFileInfo::exists(m_install + u"/current"_s));
    QCOMPARE(QDir(m_install + u"/versions"_s).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        QStringList());
}

void TestUpkeep::oneKeyListedTwiceIsRefused()
{
    release(u"1.0.0"_s, u"stable"_s);
    // A root that lists its one key twice, spelled two ways (hex in lower and upper case) under
    // the two key ids those spellings have, with threshold 2 and one signature per key id.
    const SigningKey rootKey = m_repository->keysOf(u"root"_s).front();
    const auto [aliasId, alias] = TestRepository::respelled(rootKey.publicKey());
    JsonObject part = JsonParser().parse(m_repository->initialRoot())->find("signed")->toObject();
    JsonObject keys = part.at("keys").toObject();
    keys.insert_or_assign(aliasId.toStdString(), alias);
    part.insert_or_assign("keys", keys);
    JsonObject roles = part.at("roles").toObject();
    roles.insert_or_assign(
        "root", JsonObject{{"keyids", JsonArray{rootKey.publicKey().keyId(), aliasId}}, {"threshold", 2}});
    part.insert_or_assign("roles", roles);
    SignedMetadata doubled = SignedMetadata::wrap(part);
    UPKEEP_VERIFY_OK(rootKey.sign(doubled));
    JsonObject file = doubled.toJson().toObject();
    JsonArray signatures = file.at("signatures").toArray();
    JsonObject aliasSignature = signatures.front().toObject();
    aliasSignature.insert_or_assign("keyid", aliasId);
    signatures.push_back(aliasSignature);
    file.insert_or_assign("signatures", signatures);
    const QString doubledRoot = m_dir->filePath(u"doubled-root.json"_s);
    writeTestFile(doubledRoot, prettyJson(file));

    ProgramRun run = upkeep({u"add"_s, u"--repo"_s, u"file://"_s + m_repository->path(), u"--trust"_s, doubledRoot,
        u"--app"_s, u"viewer"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"root metadata has 1 valid signature(s) of the 2 its trusted keys require."_s),
        qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(m_install + u"/current"_s));

    // The same for a top-level role that a later root lists twice: the check is refused.
    QCOMPARE(add().exitCode, 0);
    const PublicKey timestampKey = m_repository->keysOf(u"timestamp"_s).front().publicKey();
    const auto [timestampAliasId, timestampAlias] = TestRepository::respelled(timestampKey);
    m_repository->resign(u"root"_s, [&](JsonObject& next) {
        JsonObject nextKeys = next.at("keys").toObject();
        nextKeys.insert_or_assign(timestampAliasId.toStdString(), timestampAlias);
        next.insert_or_assign("keys", nextKeys);
        JsonObject nextRoles = next.at("roles").toObject();
        nextRoles.insert_or_assign(
            "timestamp", JsonObject{{"keyids", JsonArray{timestampKey.keyId(), timestampAliasId}}, {"threshold", 2}});
        next.insert_or_assign("roles", nextRoles);
    });
    m_repository->resign(u"timestamp"_s);
    m_repository->copySignature(u"timestamp.json"_s, timestampKey.keyId(), timestampAliasId);
    run = upkeep({u"check"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(
                 u"timestamp.json: timestamp metadata has 1 valid signature(s) of the 2 its trusted keys require."_s),
        qPrintable(run.err));
}

void TestUpkeep::brokenNightlyLeavesStableUpdating_data()
{
    QTest::addColumn<Breakage>("breakNightly");
    QTest::addColumn<QString>("nightlyError");

    QTest::newRow("missing from the snapshot") << Breakage([](TestRepository& repository) {
        repository.resign(u"snapshot"_s, [](JsonObject& part) {
            JsonObject meta = part.at("meta").toObject();
            meta.erase("nightly.json");
            part.insert_or_assign("meta", meta);
        });
    }) << u"The snapshot does not list the role \"nightly\"."_s;
    QTest::newRow("signed by a key it does not trust")
        << Breakage([](TestRepository& repository) { repository.resign(u"nightly"_s, {}, u"beta"_s); })
        << u"2.nightly.json: nightly metadata has 0 valid signature(s) of the 1 its trusted keys require."_s;
    QTest::newRow("expired") << Breakage([](TestRepository& repository) {
        repository.resign(u"nightly"_s, [](JsonObject& part) {
            const QDateTime past = QDateTime::currentDateTimeUtc().addSecs(-3600);
            part.insert_or_assign("expires", past.toString(u"yyyy-MM-dd'T'HH:mm:ss'Z'"_s));
        });
    }) << u"The nightly metadata expired on"_s;
    QTest::newRow("without its targets") << Breakage([](TestRepository& repository) {
        repository.resign(u"nightly"_s, [](JsonObject& part) { part.erase("targets"); });
    }) << u"2.nightly.json: signed.targets is missing"_s;
    QTest::newRow("delegating to 40 roles") << Breakage([](TestRepository& repository) {
        QStringList names;
        for (int i = 0; i < 40; ++i)
            names.append(u"nightly-%1"_s.arg(i));
        repository.delegate(u"nightly"_s, names);
    }) << u"The repository delegates to more than 32 roles."_s;
    QTest::newRow("delegating to a role named targets") << Breakage([](TestRepository& repository) {
        repository.resign(u"nightly"_s, [](JsonObject& part) {
            part.insert_or_assign("delegations",
                JsonObject{{"keys", JsonObject{}},
                    {"roles",
                        JsonArray{JsonObject{{"name", "targets"}, {"keyids", JsonArray{}}, {"threshold", 1},
                            {"paths", JsonArray{"*/*/*"}}}}}});
        });
    }) << u"2.nightly.json: signed.delegations.roles[0].name is \"targets\", the name of a top-level role"_s;
}

void TestUpkeep::brokenNightlyLeavesStableUpdating()
{
    QFETCH(Breakage, breakNightly);
    QFETCH(QString, nightlyError);

    release(u"1.0.0"_s, u"stable"_s);
    release(u"1.1.0"_s, u"beta"_s);
    breakNightly(*m_repository);

    // A stable subscriber does not follow nightly: it installs, checks and updates as ever.
    ProgramRun run = add(u"stable"_s);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(u"viewer 1.0.0 is installed ("_s), qPrintable(run.out));
    // 1.1.0 reaches stable: viewer's role on stable is re-signed to list beta's files of it.
    const JsonValue beta = *JsonParser().parse(
        m_repository->metadata(u"%1.beta.viewer.json"_s.arg(m_repository->version(u"beta.viewer"_s))));
    m_repository->resign(u"stable.viewer"_s, [&beta](JsonObject& part) {
        JsonObject targets = part.at("targets").toObject();
        for (const auto& [path, info] : beta.find("signed")->find("targets")->toObject()) {
            if (path.starts_with("viewer/1.1.0/"))
                targets.insert_or_assign(path, info);
        }
        part.insert_or_assign("targets", targets);
    });
    run = upkeep({u"check"_s, u"--dir"_s, m_install});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(u"viewer 1.0.0 -> 1.1.0 is available on stable"_s), qPrintable(run.out));
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.1.0"_s);

    // A nightly subscriber needs the nightly role: it is told what is wrong with it.
    const QString nightlyInstall = m_dir->filePath(u"nightly"_s);
    run = upkeep(
        {u"add"_s, u"--repo"_s, u"file://"_s + m_repository->path(), u"--trust"_s, m_dir->filePath(u"root.json"_s),
            u"--app"_s, u"viewer"_s, u"--channel"_s, u"nightly"_s, u"--dir"_s, nightlyInstall});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(nightlyError), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(nightlyInstall + u"/current"_s));
}

void TestUpkeep::misuse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("no command") << QStringList() << 2 << u"Usage: upkeep COMMAND [options]"_s;
    QTest::newRow("unknown command") << QStringList{u"upgrade"_s} << 2 << u"upkeep: unknown command \"upgrade\"."_s;
    QTest::newRow("add without --repo") << QStringList{u"add"_s, u"--app"_s, u"demo"_s} << 2
                                        << u"upkeep add: --repo is required."_s;
    QTest::newRow("nothing registered")
        << QStringList{u"check"_s} << 2
        << u"upkeep check: no installation is registered; add one with \"upkeep add\" or name it with --dir."_s;
    QTest::newRow("not an installation") << QStringList{u"status"_s, u"--dir"_s, u"/nonexistent"_s} << 1
                                         << u"upkeep status: /nonexistent is not an installation Upkeep manages"_s;
    QTest::newRow("rollback without --dir")
        << QStringList{u"rollback"_s} << 2 << u"upkeep rollback: name the installation to roll back with --dir."_s;
    QTest::newRow("unknown option") << QStringList{u"check"_s, u"--force"_s} << 2
                                    << u"upkeep check: Unknown option 'force'."_s;
}

void TestUpkeep::misuse()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    const ProgramRun run = upkeep(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void TestUpkeep::pinnedPublisherCa()
{
    // A pinned CA asks for releases signed for it; a repository that names no publisher has none,
    // so nothing is installed and no half-made installation stays behind. (The pin of a repository
    // with an identity is tested end to end in tst_publisheridentity.)
    release(u"1.0.0"_s, u"stable"_s);
    const QString ca = makeCaCertificate(u"publisher-ca"_s);
    QVERIFY2(!ca.isEmpty(), "openssl (installed by scripts/setup) makes a CA certificate");
    const ProgramRun run = add(u"stable"_s, {u"--publisher-ca"_s, ca});
    QCOMPARE(run.err,
        u"upkeep add: This installation requires releases signed for the publisher CA pinned in "
        "%1/.upkeep/publisher-ca.pem, but the repository names no publisher; viewer/1.0.0/manifest.json is not "
        "installed.\n"_s.arg(m_install));
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!QFileInfo::exists(m_install));

    // Without the option nothing is pinned, and the configuration says nothing of it.
    const QString other = m_install + u"-unpinned"_s;
    const QString root = m_dir->filePath(u"root.json"_s);
    QCOMPARE(upkeep({u"add"_s, u"--repo"_s, u"file://"_s + m_repository->path(), u"--trust"_s, root, u"--app"_s,
                        u"viewer"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, other})
                 .exitCode,
        0);
    QVERIFY(!QFileInfo::exists(InstallLayout(other).pinnedPublisherCa()));
    QVERIFY(InstallationConfig::load(InstallLayout(other))->publisherCa.isEmpty());
    QVERIFY(!readTestFile(InstallationConfig::path(InstallLayout(other))).contains("publisher_ca"));
}

void TestUpkeep::publisherCaRefused_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("message");

    const QString notPem = u"upkeep add: The publisher CA file %1 is not a PEM certificate "
                           "(-----BEGIN CERTIFICATE-----); pin the publisher's CA certificate, as \"upkeep-publish ca "
                           "show\" prints it.\n"_s;
    QTest::newRow("missing") << QByteArray()
                             << u"upkeep add: Cannot read the publisher CA file %1: No such file or directory.\n"_s;
    QTest::newRow("text") << "Example GmbH\n"_ba << notPem;
    QTest::newRow("armour around garbage")
        << "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"_ba << notPem;
    QTest::newRow("DER, not PEM") << QByteArray::fromHex("3082010a02820101") << notPem;
    QTest::newRow("two certificates") << "two"_ba
                                      << u"upkeep add: The publisher CA file %1 holds 2 certificates; pin exactly "
                                         "one, the publisher's CA.\n"_s;
    QTest::newRow("with its private key")
        << "key"_ba
        << u"upkeep add: The publisher CA file %1 holds a private key; pin only the CA's certificate, as "
           "\"upkeep-publish ca show\" prints it.\n"_s;
}

void TestUpkeep::publisherCaRefused()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);

    release(u"1.0.0"_s, u"stable"_s);
    const QString file = m_dir->filePath(u"pinned.pem"_s);
    if (content == "two" || content == "key") {
        const QString ca = makeCaCertificate(u"ca"_s);
        QVERIFY(!ca.isEmpty());
        const QByteArray second
            = readTestFile(content == "two" ? makeCaCertificate(u"other"_s) : ca.chopped(4) + u".key"_s);
        writeTestFile(file, readTestFile(ca) + second);
    } else if (!content.isEmpty()) {
        writeTestFile(file, content);
    }
    const ProgramRun run = add(u"stable"_s, {u"--publisher-ca"_s, file});
    QCOMPARE(run.exitCode, 2); // a wrong argument: misuse
    QCOMPARE(run.err, message.arg(file));
    // Nothing changed: no installation folder, nothing registered.
    QVERIFY(!QFileInfo::exists(m_install));
    QCOMPARE(upkeep({u"check"_s}).exitCode, 2);
}

void TestUpkeep::historyJsonCarriesSigner()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    // A record as the client writes it once it verifies signed manifests.
    History::Record record;
    record.time = QDateTime::currentDateTimeUtc();
    record.kind = History::Kind::Update;
    record.from = u"1.0.0"_s;
    record.to = u"1.0.1"_s;
    record.channel = u"stable"_s;
    record.outcome = History::Outcome::Failed;
    const SignerFacts signer = exampleSigner();
    record.signer = signer;
    UPKEEP_VERIFY_OK(History(InstallLayout(m_install).history()).append(record));

    const ProgramRun run = upkeep({u"history"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    const JsonValue history = *JsonParser().parse(run.out.toUtf8());
    const JsonArray& records = history.toArray().front().find("history")->toArray();
    QCOMPARE(records.size(), size_t(2));
    QVERIFY(!records[0].find("signer")); // the install before, unsigned
    const JsonValue* printed = records[1].find("signer");
    QVERIFY(printed);
    QCOMPARE(*printed, signer.toJson());
    QCOMPARE(printed->find("serial")->toString(), u"3F9A0C21D4E85B7760A1F2C3B4D5E6F7"_s);
}

void TestUpkeep::overview()
{
    const ProgramRun help = upkeep({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QCOMPARE(help.err, QString());
    QVERIFY2(help.out.startsWith(u"Usage: upkeep COMMAND [options]\n"_s), qPrintable(help.out));
    for (const char* command :
        {"add", "check", "update", "rollback", "history", "channel", "remove", "hold", "unhold", "status"})
        QVERIFY2(help.out.contains(u"\n  %1 "_s.arg(QLatin1StringView(command))), command);
    QVERIFY(help.out.contains(u"Exit codes: 0 success, 1 failure (nothing changed), 2 misuse, 3 an update failed"_s));
    // As in upkeep-publish: "help" is the overview too.
    const ProgramRun word = upkeep({u"help"_s});
    QCOMPARE(word.exitCode, 0);
    QCOMPARE(word.out, help.out);

    const ProgramRun unknown = upkeep({u"upgrade"_s});
    QCOMPARE(unknown.exitCode, 2);
    QCOMPARE(unknown.out, QString());
    QCOMPARE(unknown.err, u"upkeep: unknown command \"upgrade\".\n\n"_s + help.out);

    // The version is the one the User-Agent and upkeep-publish give: the project's.
    const ProgramRun version = upkeep({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, u"upkeep %1\n"_s.arg(QLatin1StringView(UPKEEP_VERSION)));

    const ProgramRun commandHelp = upkeep({u"rollback"_s, u"--help"_s});
    QCOMPARE(commandHelp.exitCode, 0);
    QVERIFY2(commandHelp.out.startsWith(u"Usage: upkeep rollback [options]\n"_s), qPrintable(commandHelp.out));
    for (const QString& option : {u"--dir <D>"_s, u"--to <V>"_s, u"--json"_s, u"-h, --help"_s})
        QVERIFY2(commandHelp.out.contains(u"  "_s + option + u' '), qPrintable(option + u"\n"_s + commandHelp.out));
    const ProgramRun channelHelp = upkeep({u"channel"_s, u"--help"_s});
    QVERIFY2(channelHelp.out.startsWith(u"Usage: upkeep channel [options] CHANNEL\n"_s), qPrintable(channelHelp.out));
}

void TestUpkeep::removeStopsManaging()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    const ProgramRun run = upkeep({u"remove"_s, u"--dir"_s, m_install, u"--yes"_s});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, u"Upkeep no longer manages viewer in %1; its files stay.\n"_s.arg(m_install));
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.0.0"_s);
    const ProgramRun status = upkeep({u"status"_s});
    QCOMPARE(status.exitCode, 2);
    QVERIFY2(status.err.contains(u"no installation is registered"_s), qPrintable(status.err));
}

void TestUpkeep::removeDeletesTheFolder()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    // A link inside the installation to a folder outside it: removed, never followed.
    const QString outside = m_dir->filePath(u"outside"_s);
    writeTestFile(outside + u"/keep.txt"_s, "mine"_ba);
    QVERIFY(QFile::link(outside, m_install + u"/link-out"_s));
    const QStringList arguments{u"remove"_s, u"--dir"_s, m_install, u"--delete"_s};

    // Asked on a terminal; anything but yes changes nothing.
    ProgramRun run = upkeep(arguments, {}, "n\n"_ba);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"Stop managing viewer and delete %1 with everything in it? [y/N]"_s.arg(m_install)),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(u"Nothing changed."_s), qPrintable(run.out));
    QVERIFY(QFileInfo::exists(m_install + u"/.upkeep/config.json"_s));
    QCOMPARE(upkeep({u"status"_s}).exitCode, 0);

    run = upkeep(arguments, {}, "y\n"_ba);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        run.out.contains(u"Upkeep no longer manages viewer; %1 is deleted."_s.arg(m_install)), qPrintable(run.out));
    QVERIFY(!QFileInfo::exists(m_install));
    QCOMPARE(readTestFile(outside + u"/keep.txt"_s), "mine"_ba);
    QCOMPARE(upkeep({u"status"_s}).exitCode, 2); // nothing registered
}

void TestUpkeep::removeRefused_data()
{
    QTest::addColumn<QStringList>("arguments"); // INSTALL, PLAIN and LINK stand for the folders
    QTest::addColumn<bool>("locked");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("without --dir") << QStringList{u"remove"_s, u"--yes"_s} << false << 2
                                   << u"upkeep remove: name the installation to remove with --dir."_s;
    QTest::newRow("no terminal, no --yes")
        << QStringList{u"remove"_s, u"--dir"_s, u"INSTALL"_s, u"--delete"_s} << false << 2
        << u"upkeep remove: there is no terminal to confirm on; run \"upkeep remove --dir INSTALL --delete --yes\" "
           "to remove without asking."_s;
    QTest::newRow("an update is running") << QStringList{u"remove"_s, u"--dir"_s, u"INSTALL"_s, u"--delete"_s,
        u"--yes"_s} << true << 2 << u"Another Upkeep process is changing this installation"_s;
    QTest::newRow("not an installation") << QStringList{u"remove"_s, u"--dir"_s, u"PLAIN"_s, u"--delete"_s,
        u"--yes"_s} << false << 1 << u"upkeep remove: PLAIN is not an installation Upkeep manages"_s;
    QTest::newRow("a link to the installation")
        << QStringList{u"remove"_s, u"--dir"_s, u"LINK"_s, u"--delete"_s, u"--yes"_s} << false << 2
        << u"upkeep remove: LINK is a symbolic link; name the installation's folder itself to delete it."_s;
}

void TestUpkeep::removeRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, locked);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    const QString plain = m_dir->filePath(u"plain"_s);
    writeTestFile(plain + u"/file.txt"_s, "data"_ba);
    const QString link = m_dir->filePath(u"link"_s);
    QVERIFY(QFile::link(m_install, link));
    auto placed = [&](QString text) {
        return text.replace(u"INSTALL"_s, m_install).replace(u"PLAIN"_s, plain).replace(u"LINK"_s, link);
    };
    for (QString& argument : arguments)
        argument = placed(argument);
    std::optional<InstallLock> lock;
    if (locked) {
        auto taken = InstallLock::acquire(m_install + u"/.upkeep/lock"_s);
        UPKEEP_VERIFY_OK(taken);
        lock.emplace(std::move(*taken));
    }

    const ProgramRun run = upkeep(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(placed(message)), qPrintable(run.err));
    QCOMPARE(run.out, QString());
    // Nothing changed: still registered, still installed, the plain folder untouched.
    const ProgramRun status = upkeep({u"status"_s});
    QCOMPARE(status.exitCode, 0);
    QCOMPARE(status.out, u"viewer 1.0.0 (stable) in %1; kept: 1.0.0\n"_s.arg(m_install));
    QCOMPARE(readTestFile(plain + u"/file.txt"_s), "data"_ba);
}

void TestUpkeep::registeredButGone()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    QVERIFY(QDir(m_install).removeRecursively());

    ProgramRun run = upkeep({u"status"_s});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err,
        u"upkeep status: %1: registered, but the folder is gone; run upkeep remove --dir %1\n"_s.arg(m_install));
    run = upkeep({u"status"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 1);
    const JsonValue status = *JsonParser().parse(run.out.toUtf8());
    QCOMPARE(status.toArray().size(), size_t(1));
    QCOMPARE(status.toArray().front().find("dir")->toString(), m_install);
    QCOMPARE(status.toArray().front().find("gone")->toBool(), true);

    // Forgotten without a question: there is nothing left to lose.
    run = upkeep({u"remove"_s, u"--dir"_s, m_install});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, u"%1 was already gone; Upkeep no longer manages it.\n"_s.arg(m_install));
    run = upkeep({u"status"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"no installation is registered"_s), qPrintable(run.err));
}

void TestUpkeep::commandsSkipAGoneFolder_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("said"); // on stdout, about the installation still there
    QTest::newRow("check") << QStringList{u"check"_s} << u"check"_s << u"viewer 1.0.0 -> 1.1.0 is available"_s;
    QTest::newRow("update") << QStringList{u"update"_s, u"--yes"_s} << u"update"_s << u"viewer 1.1.0 is installed"_s;
    QTest::newRow("history") << QStringList{u"history"_s} << u"history"_s << u"install  - -> 1.0.0  installed"_s;
    QTest::newRow("channel") << QStringList{u"channel"_s, u"beta"_s} << u"channel"_s << u"viewer now follows beta."_s;
}

// A folder deleted behind Upkeep's back is named and skipped; the others are served and decide the exit code.
void TestUpkeep::commandsSkipAGoneFolder()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, command);
    QFETCH(QString, said);
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    const QString kept = m_install;
    m_install = m_dir->filePath(u"other"_s);
    QCOMPARE(add().exitCode, 0);
    QVERIFY(QDir(m_install).removeRecursively());
    release(u"1.1.0"_s, u"stable"_s);

    ProgramRun run = upkeep(arguments);
    QCOMPARE(run.err,
        u"upkeep %1: %2: registered, but the folder is gone; skipped (upkeep remove --dir %2 forgets it)\n"_s.arg(
            command, m_install));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(said), qPrintable(run.out));
    QVERIFY2(!run.out.contains(m_install), qPrintable(run.out));

    // With nothing else registered, the command did nothing: a failure, still naming the folder.
    QCOMPARE(upkeep({u"remove"_s, u"--dir"_s, kept, u"--yes"_s}).exitCode, 0);
    run = upkeep(arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(u"upkeep %1: %2: registered, but the folder is gone"_s.arg(command, m_install)),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(u"every registered folder is gone; nothing to do."_s), qPrintable(run.err));
}

void TestUpkeep::commandsSkipADamagedInstallation_data()
{
    commandsSkipAGoneFolder_data();
    QTest::newRow("status") << QStringList{u"status"_s} << u"status"_s << u"viewer 1.0.0 (stable)"_s;
}

// An installation whose config.json someone damaged stops neither the others nor cron: it is
// named with what is wrong, the others are served, and the exit code says that one failed.
// Named with --dir, it fails as it always did.
void TestUpkeep::commandsSkipADamagedInstallation()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, command);
    QFETCH(QString, said);
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    m_install = m_dir->filePath(u"other"_s);
    QCOMPARE(add().exitCode, 0);
    const QString config = m_install + u"/.upkeep/config.json"_s;
    const QByteArray damaged = readTestFile(config).left(20);
    writeTestFile(config, damaged);
    release(u"1.1.0"_s, u"stable"_s);

    const ProgramRun run = upkeep(arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(u"upkeep %1: %2: Invalid JSON"_s.arg(command, config)), qPrintable(run.describe()));
    QCOMPARE(run.err.count(u'\n'), 1);
    QVERIFY2(run.out.contains(said), qPrintable(run.describe()));
    QVERIFY2(!run.out.contains(m_install), qPrintable(run.out));
    QCOMPARE(readTestFile(config), damaged); // nothing rewrote it

    const ProgramRun named = upkeep(arguments + QStringList{u"--dir"_s, m_install});
    QCOMPARE(named.exitCode, 1);
    QVERIFY2(named.err.contains(u"Invalid JSON"_s), qPrintable(named.describe()));
    QVERIFY2(named.out.isEmpty(), qPrintable(named.out));
}

void TestUpkeep::holdPausesUpdates()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    // A config.json written before holding existed reads as not held.
    const QString config = m_install + u"/.upkeep/config.json"_s;
    JsonObject document = JsonParser().parse(readTestFile(config))->toObject();
    QVERIFY(document.erase("held") == 1);
    writeTestFile(config, prettyJson(document));
    ProgramRun run = upkeep({u"status"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(JsonParser().parse(run.out.toUtf8())->toArray().front().find("held")->toBool(), false);

    release(u"1.1.0"_s, u"stable"_s);
    run = upkeep({u"hold"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
        u"viewer in %1 is held: Upkeep still checks for updates but installs none until \"upkeep unhold --dir "
        "%1\".\n"_s.arg(m_install));

    run = upkeep({u"check"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"viewer 1.0.0 -> 1.1.0 is available on stable"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(
                 u"  viewer is held, so it is not installed until \"upkeep unhold --dir %1\".\n"_s.arg(m_install)),
        qPrintable(run.out));
    run = upkeep({u"check"_s, u"--json"_s});
    const JsonValue checked = *JsonParser().parse(run.out.toUtf8());
    QCOMPARE(checked.toArray().front().find("held")->toBool(), true);
    QCOMPARE(checked.toArray().front().find("available")->toString(), u"1.1.0"_s);

    for (const QStringList& update :
        {QStringList{u"update"_s, u"--yes"_s}, QStringList{u"update"_s, u"--yes"_s, u"--dir"_s, m_install}}) {
        run = upkeep(update);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out,
            u"viewer in %1 is held; not updating it (\"upkeep unhold --dir %1\" releases it).\n"_s.arg(m_install));
        QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.0.0"_s);
    }
    run = upkeep({u"update"_s, u"--yes"_s, u"--json"_s});
    QCOMPARE(JsonParser().parse(run.out.toUtf8())->toArray().front().find("held")->toBool(), true);
    run = upkeep({u"status"_s});
    QCOMPARE(run.out, u"viewer 1.0.0 (stable) in %1; kept: 1.0.0; held\n"_s.arg(m_install));

    run = upkeep({u"unhold"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, u"viewer in %1 is updated again.\n"_s.arg(m_install));
    run = upkeep({u"update"_s, u"--yes"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"viewer 1.1.0 is installed"_s), qPrintable(run.out));
    QCOMPARE(QFile::symLinkTarget(m_install + u"/current"_s), m_install + u"/versions/1.1.0"_s);
}

// The window keeps its installation open; skipping a version there after `upkeep hold` in a
// terminal keeps the hold (and the skip).
void TestUpkeep::holdSurvivesAnotherProcessesChange()
{
    release(u"1.0.0"_s, u"stable"_s);
    QCOMPARE(add().exitCode, 0);
    auto open = Installation::open(m_install);
    UPKEEP_VERIFY_OK(open);
    QCOMPARE(upkeep({u"hold"_s, u"--dir"_s, m_install}).exitCode, 0);
    UPKEEP_VERIFY_OK(open->setSkipped(*Version::parse(u"1.1.0"_s), true));
    QVERIFY(open->config().held);
    const ProgramRun run = upkeep({u"status"_s});
    QCOMPARE(run.out, u"viewer 1.0.0 (stable) in %1; kept: 1.0.0; held\n"_s.arg(m_install));
    auto config = InstallationConfig::load(InstallLayout(m_install));
    UPKEEP_VERIFY_OK(config);
    QCOMPARE(config->skipped, QStringList{u"1.1.0"_s});
}

void TestUpkeep::windowWithoutADisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("help"); // the command line's overview follows the explanation

    QTest::newRow("the window") << QStringList() << true;
    QTest::newRow("the tray") << QStringList{u"--tray"_s} << false;
    QTest::newRow("the window on one installation") << QStringList{u"--dir"_s, u"/tmp"_s} << false;
}

// Where no window can open, upkeep says why and how to run it anyway, and points at the
// commands; the overview only where nothing more was asked for than the window.
void TestUpkeep::windowWithoutADisplay()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, help);
    const ProgramRun run = upkeep(arguments, {u"QT_QPA_PLATFORM=offscreen"_s});
    QCOMPARE(run.exitCode, 2); // misuse
    QVERIFY2(run.err.startsWith(u"upkeep: the Qt platform \"offscreen\" shows no windows, so the window cannot open"_s),
        qPrintable(run.describe()));
    QVERIFY2(run.err.contains(u"xvfb-run upkeep"_s), qPrintable(run.describe()));
    QCOMPARE(run.err.contains(u"Usage: upkeep COMMAND"_s) || run.out.contains(u"Usage: upkeep COMMAND"_s), help);
    QCOMPARE(run.err.contains(u"the commands below work anywhere"_s), help);
    QCOMPARE(run.err.contains(u"the commands (\"upkeep --help\") work anywhere"_s), !help);
}

QTEST_GUILESS_MAIN(TestUpkeep)
#include "tst_upkeep.moc"
