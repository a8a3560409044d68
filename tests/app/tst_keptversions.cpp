// Installed versions as a user and an application meet them, through the real `upkeep`: every file
// is read-only with the mode its manifest gives, a change of mode alone reaches the new version
// without touching the old one, and a kept version is checked before Upkeep switches to it:
// repaired from the repository when it is damaged, or refused with the damaged files named.

#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "support/testrepository.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <map>

using namespace Qt::StringLiterals;

namespace {

struct SourceFile {
    QByteArray bytes;
    int mode = 0644;
};
using Files = std::map<QString, SourceFile>;

// Changes a file of an installed version the way an application or a user might, whatever its mode.
void overwrite(const QString& path, const QByteArray& bytes)
{
    ::chmod(QFile::encodeName(path).constData(), 0644);
    writeTestFile(path, bytes);
}

} // namespace

class TestKeptVersions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void modeChangesAreApplied();
    void changedModeIsDamage();
    void rollbackRepairsDamage_data();
    void rollbackRepairsDamage();
    void unrepairableRollbackIsRefused();
    void savedManifestIsCheckedToo();
    void failedVersionIsCheckedBeforeReuse();

private:
    ProgramRun upkeep(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_BINARY), {.configHome = m_dir->filePath(u"config"_s)}).run(arguments);
    }
    void release(const QString& version, const Files& files, const QString& healthCheck = {});
    // The usual two releases: 1.0.0 installed, 1.1.0 running, 1.0.0 kept.
    void installBoth();
    [[nodiscard]] QString version(const QString& number) const { return m_install + u"/versions/"_s + number; }
    [[nodiscard]] QString running() const
    {
        return QFileInfo(QFile::symLinkTarget(m_install + u"/current"_s)).fileName();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestRepository> m_repository;
    QString m_install;
};

void TestKeptVersions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    m_install = m_dir->filePath(u"install"_s);
}

void TestKeptVersions::release(const QString& version, const Files& files, const QString& healthCheck)
{
    const QString source = m_dir->filePath(u"source-"_s + version);
    for (const auto& [path, file] : files) {
        writeTestFile(source + u'/' + path, file.bytes);
        QVERIFY(::chmod(QFile::encodeName(source + u'/' + path).constData(), mode_t(file.mode)) == 0);
    }
    ReleasePublisher::Options options;
    options.app = u"viewer"_s;
    options.version = version;
    options.channel = u"stable"_s;
    options.source = source;
    options.healthCheck = healthCheck;
    options.healthCheckTimeout = 5;
    m_repository->publishRelease(options);
}

void TestKeptVersions::installBoth()
{
    release(u"1.0.0"_s,
        {{u"bin/viewer"_s, {"#!/bin/sh\necho 1.0.0\n", 0755}}, {u"share/data.txt"_s, {"the same in both\n", 0644}},
            {u"share/old.txt"_s, {"only in 1.0.0\n", 0644}}});
    const QString root = m_dir->filePath(u"root.json"_s);
    writeTestFile(root, m_repository->initialRoot());
    ProgramRun run = upkeep({u"add"_s, u"--repo"_s, u"file://"_s + m_repository->path(), u"--trust"_s, root, u"--app"_s,
        u"viewer"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    release(u"1.1.0"_s,
        {{u"bin/viewer"_s, {"#!/bin/sh\necho 1.1.0\n", 0755}}, {u"share/data.txt"_s, {"the same in both\n", 0644}}});
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(running(), u"1.1.0"_s);
}

void TestKeptVersions::modeChangesAreApplied()
{
    // Same bytes, new modes: a script made executable, a file made private, one left alone.
    release(u"1.0.0"_s,
        {{u"bin/run"_s, {"#!/bin/sh\nexit 0\n", 0644}}, {u"bin/tool"_s, {"tool\n", 0666}},
            {u"etc/secret.conf"_s, {"key=1\n", 0644}}, {u"share/same.txt"_s, {"same\n", 0644}}});
    const QString root = m_dir->filePath(u"root.json"_s);
    writeTestFile(root, m_repository->initialRoot());
    ProgramRun run = upkeep({u"add"_s, u"--repo"_s, m_repository->path(), u"--trust"_s, root, u"--app"_s, u"viewer"_s,
        u"--channel"_s, u"stable"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    release(u"1.1.0"_s,
        {{u"bin/run"_s, {"#!/bin/sh\nexit 0\n", 0755}}, {u"bin/tool"_s, {"tool\n", 0644}},
            {u"etc/secret.conf"_s, {"key=1\n", 0600}}, {u"share/same.txt"_s, {"same\n", 0644}}});
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    // Installed files are read-only: the manifest's mode less the write bits.
    QCOMPARE(modeOf(version(u"1.1.0"_s) + u"/bin/run"_s), 0555);
    QCOMPARE(modeOf(version(u"1.1.0"_s) + u"/bin/tool"_s), 0444);
    QCOMPARE(modeOf(version(u"1.1.0"_s) + u"/etc/secret.conf"_s), 0400);
    QCOMPARE(modeOf(version(u"1.1.0"_s) + u"/share/same.txt"_s), 0444);
    // The kept version keeps its own modes.
    QCOMPARE(modeOf(version(u"1.0.0"_s) + u"/bin/run"_s), 0444);
    QCOMPARE(modeOf(version(u"1.0.0"_s) + u"/bin/tool"_s), 0444);
    QCOMPARE(modeOf(version(u"1.0.0"_s) + u"/etc/secret.conf"_s), 0444);
    // Content is shared only where the installed mode is the same.
    QCOMPARE(inodeOf(version(u"1.1.0"_s) + u"/share/same.txt"_s), inodeOf(version(u"1.0.0"_s) + u"/share/same.txt"_s));
    QCOMPARE(inodeOf(version(u"1.1.0"_s) + u"/bin/tool"_s), inodeOf(version(u"1.0.0"_s) + u"/bin/tool"_s));
    QVERIFY(inodeOf(version(u"1.1.0"_s) + u"/bin/run"_s) != inodeOf(version(u"1.0.0"_s) + u"/bin/run"_s));

    // The script that became executable runs.
    QCOMPARE(QProcess::execute(m_install + u"/current/bin/run"_s, {}), 0);
    run = upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"every file matches its manifest."_s), qPrintable(run.out));
}

void TestKeptVersions::changedModeIsDamage()
{
    installBoth();
    QVERIFY(::chmod(QFile::encodeName(version(u"1.1.0"_s) + u"/bin/viewer"_s).constData(), 0755) == 0);
    const ProgramRun run = upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.out,
        u"viewer 1.1.0 (stable) in %1; kept: 1.0.0, 1.1.0; DAMAGED: bin/viewer (mode 0755, not 0555).\n"_s.arg(
            m_install));
}

void TestKeptVersions::rollbackRepairsDamage_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("found"); // how status --verify would name it
    QTest::newRow("changed content") << u"content"_s << u"bin/viewer (changed content)"_s;
    QTest::newRow("made writable") << u"mode"_s << u"bin/viewer (mode 0755, not 0555)"_s;
    QTest::newRow("removed") << u"removed"_s << u"bin/viewer (missing)"_s;
    QTest::newRow("replaced by a symlink") << u"symlink"_s << u"bin/viewer (not a file)"_s;
    QTest::newRow("a file added") << u"added"_s << u"bin/plugin.so (not part of the release)"_s;
}

void TestKeptVersions::rollbackRepairsDamage()
{
    QFETCH(QString, damage);
    QFETCH(QString, found);
    installBoth();
    const QString file = version(u"1.0.0"_s) + u"/bin/viewer"_s;
    if (damage == u"content"_s)
        overwrite(file, "#!/bin/sh\necho evil\n");
    else if (damage == u"mode"_s)
        QVERIFY(::chmod(QFile::encodeName(file).constData(), 0755) == 0);
    else if (damage == u"removed"_s)
        QVERIFY(QFile::remove(file));
    else if (damage == u"symlink"_s)
        QVERIFY(QFile::remove(file) && QFile::link(u"/bin/sh"_s, file));
    else
        writeTestFile(version(u"1.0.0"_s) + u"/bin/plugin.so"_s, "loaded by the viewer");
    const ino_t shared = inodeOf(version(u"1.1.0"_s) + u"/share/data.txt"_s);

    const ProgramRun run = upkeep({u"rollback"_s, u"--to"_s, u"1.0.0"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out, u"viewer is back on 1.0.0.\n"_s);
    QCOMPARE(running(), u"1.0.0"_s);
    QCOMPARE(readTestFile(file), "#!/bin/sh\necho 1.0.0\n"_ba);
    QCOMPARE(modeOf(file), 0555);
    QVERIFY(!QFileInfo::exists(version(u"1.0.0"_s) + u"/bin/plugin.so"_s));
    const ProgramRun verified = upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.out + verified.err + u" (was: "_s + found + u')'));
    // The version that ran is untouched, and the content both share is still shared.
    QCOMPARE(readTestFile(version(u"1.1.0"_s) + u"/bin/viewer"_s), "#!/bin/sh\necho 1.1.0\n"_ba);
    QCOMPARE(inodeOf(version(u"1.0.0"_s) + u"/share/data.txt"_s), shared);
    QVERIFY(!QFileInfo::exists(m_install + u"/versions/.staging-1.0.0"_s));
}

void TestKeptVersions::unrepairableRollbackIsRefused()
{
    installBoth();
    const QString file = version(u"1.0.0"_s) + u"/bin/viewer"_s;
    overwrite(file, "#!/bin/sh\necho evil\n");
    writeTestFile(version(u"1.0.0"_s) + u"/bin/plugin.so"_s, "loaded by the viewer");
    // The repository is gone (offline, say): nothing to repair from.
    QVERIFY(QDir().rename(m_repository->path(), m_repository->path() + u".away"_s));

    const ProgramRun run = upkeep({u"rollback"_s, u"--to"_s, u"1.0.0"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(u"upkeep rollback: Version 1.0.0 is damaged and could not be repaired, so Upkeep does "
                                "not switch to it: bin/plugin.so (not part of the release), bin/viewer (changed "
                                "content)."_s),
        qPrintable(run.err));
    // Nothing changed: 1.1.0 runs, intact; the damaged folder is as it was; no history record.
    QCOMPARE(running(), u"1.1.0"_s);
    QCOMPARE(readTestFile(file), "#!/bin/sh\necho evil\n"_ba);
    QVERIFY(QFileInfo::exists(version(u"1.0.0"_s) + u"/bin/plugin.so"_s));
    QVERIFY(!QFileInfo::exists(m_install + u"/versions/.staging-1.0.0"_s));
    QCOMPARE(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install}).exitCode, 0);
    const ProgramRun history = upkeep({u"history"_s, u"--dir"_s, m_install});
    QVERIFY2(!history.out.contains(u"rolled-back-by-user"_s), qPrintable(history.out));

    // Back online, the same command repairs it and goes back.
    QVERIFY(QDir().rename(m_repository->path() + u".away"_s, m_repository->path()));
    const ProgramRun again = upkeep({u"rollback"_s, u"--to"_s, u"1.0.0"_s, u"--dir"_s, m_install});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(readTestFile(file), "#!/bin/sh\necho 1.0.0\n"_ba);
    QCOMPARE(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install}).exitCode, 0);
}

void TestKeptVersions::savedManifestIsCheckedToo()
{
    // Whoever changed a kept version's file also changed the manifest Upkeep saved for it, to match.
    installBoth();
    const QByteArray good = "#!/bin/sh\necho 1.0.0\n";
    const QByteArray evil = "#!/bin/sh\necho EVIL!\n";
    overwrite(version(u"1.0.0"_s) + u"/bin/viewer"_s, evil);
    const QString saved = m_install + u"/.upkeep/manifests/1.0.0.json"_s;
    const QByteArray signedManifest = readTestFile(saved);
    QByteArray edited = signedManifest;
    edited.replace(sha256(good).toLatin1(), sha256(evil).toLatin1());
    QVERIFY(edited != signedManifest);
    writeTestFile(saved, edited);

    // The signed manifest, which the trusted metadata still lists, is what counts.
    const ProgramRun run = upkeep({u"rollback"_s, u"--to"_s, u"1.0.0"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(readTestFile(version(u"1.0.0"_s) + u"/bin/viewer"_s), good);
    QCOMPARE(readTestFile(saved), signedManifest);
    QCOMPARE(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install}).exitCode, 0);
}

void TestKeptVersions::failedVersionIsCheckedBeforeReuse()
{
    // 1.1.0 passes its health check only once a marker exists outside the installation.
    const QString marker = m_dir->filePath(u"healthy"_s);
    const QByteArray check = "#!/bin/sh\ntest -e '" + QFile::encodeName(marker) + "'\n";
    release(u"1.0.0"_s, {{u"bin/viewer"_s, {"#!/bin/sh\necho 1.0.0\n", 0755}}, {u"bin/check"_s, {check, 0755}}},
        u"bin/check"_s);
    const QString root = m_dir->filePath(u"root.json"_s);
    writeTestFile(root, m_repository->initialRoot());
    writeTestFile(marker, {});
    ProgramRun run = upkeep({u"add"_s, u"--repo"_s, m_repository->path(), u"--trust"_s, root, u"--app"_s, u"viewer"_s,
        u"--channel"_s, u"stable"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(QFile::remove(marker));
    release(u"1.1.0"_s, {{u"bin/viewer"_s, {"#!/bin/sh\necho 1.1.0\n", 0755}}, {u"bin/check"_s, {check, 0755}}},
        u"bin/check"_s);
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QCOMPARE(run.exitCode, 3); // rolled back automatically; versions/1.1.0 stays behind
    QVERIFY(QFileInfo(version(u"1.1.0"_s)).isDir());

    // Someone changes the folder left behind; the next try must not run what they left.
    overwrite(version(u"1.1.0"_s) + u"/bin/viewer"_s, "#!/bin/sh\necho evil\n");
    writeTestFile(marker, {});
    run = upkeep({u"update"_s, u"--yes"_s, u"--dir"_s, m_install});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QCOMPARE(running(), u"1.1.0"_s);
    QCOMPARE(readTestFile(version(u"1.1.0"_s) + u"/bin/viewer"_s), "#!/bin/sh\necho 1.1.0\n"_ba);
    QCOMPARE(upkeep({u"status"_s, u"--verify"_s, u"--dir"_s, m_install}).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestKeptVersions)
#include "tst_keptversions.moc"
