// An update of many small files comes as one pack: a handful of requests however many files
// change; with manifests of format 2 the pack also carries the manifest, and the manifest's
// tables are not fetched at all. A pack that is corrupt, cut short, of the wrong size or missing,
// and an installed file the pack starts from that was changed on disk, all fall back to the
// manifest's patch, its tables and the per-file patches and objects, and the update still ends
// with exactly the new release. A repository of format 1 (packs zstd-solid-1) still updates.
// A download ahead (the window's background download) keeps what the pack made, and the
// install after it, in the same process or another, neither fetches nor decodes anything again.
// Real repositories published by ReleasePublisher, served over HTTP, installed by Installation.

#include "release/repositorypaths.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/updatescenario.h"
#include "support/verify.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

ino_t inode(const QString& path)
{
    struct stat facts {};
    return ::stat(QFile::encodeName(path).constData(), &facts) == 0 ? facts.st_ino : 0;
}

} // namespace

class TestPackUpdate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void manySmallFilesComeInOnePack_data();
    void manySmallFilesComeInOnePack();
    void faultyPackFallsBackToFiles_data();
    void faultyPackFallsBackToFiles();
    void damagedOldFileFallsBackToFiles();
    void downloadAheadIsInstalledWithoutDecodingAgain_data();
    void downloadAheadIsInstalledWithoutDecodingAgain();

private:
    // Paths the mirrors were asked for since m_mark that start with `prefix`.
    [[nodiscard]] QStringList requested(const QString& prefix) const;
    // The packs release `n` lists (by its published target).
    [[nodiscard]] QStringList packPaths() const;
    // Publishes and installs release 0 with `smallFiles` small files that change in each release.
    void installFirst(int smallFiles);

    std::unique_ptr<UpdateScenario> m_scenario;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
    std::optional<Installation> m_installation;
    size_t m_mark[2] = {0, 0};
};

void TestPackUpdate::init()
{
    m_scenario = std::make_unique<UpdateScenario>();
    m_dir = std::make_unique<QTemporaryDir>();
    m_folder = m_dir->filePath(u"tool"_s);
}

void TestPackUpdate::cleanup()
{
    m_installation.reset();
    m_scenario.reset();
    m_dir.reset();
}

QStringList TestPackUpdate::requested(const QString& prefix) const
{
    QStringList paths;
    for (int mirror = 0; mirror < 2; ++mirror) {
        const auto requests = m_scenario->mirror(mirror).requests();
        for (size_t i = m_mark[mirror]; i < requests.size(); ++i) {
            if (requests[i].path.startsWith(prefix))
                paths.append(requests[i].path);
        }
    }
    return paths;
}

QStringList TestPackUpdate::packPaths() const
{
    QStringList paths;
    for (const QString& name : QDir(m_scenario->repository().path() + u"/packs"_s).entryList(QDir::Files))
        paths.append(u"packs/"_s + name);
    return paths;
}

void TestPackUpdate::installFirst(int smallFiles)
{
    m_scenario->setSmallFiles(smallFiles);
    m_scenario->publish(0);
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    m_installation.emplace(std::move(*installation));
    UPKEEP_VERIFY_OK(UpdateScenario::install(*m_installation, 0));
    QVERIFY(m_scenario->runs(m_folder, 0));
    for (int mirror = 0; mirror < 2; ++mirror)
        m_mark[mirror] = m_scenario->mirror(mirror).requests().size();
}

void TestPackUpdate::manySmallFilesComeInOnePack_data()
{
    QTest::addColumn<int>("installedFormat"); // of the installed release's manifest
    QTest::addColumn<int>("newFormat");
    QTest::newRow("format 2") << 2 << 2;
    QTest::newRow("a repository of format 1") << 1 << 1;
    QTest::newRow("format 1 installed, format 2 published") << 1 << 2;
}

void TestPackUpdate::manySmallFilesComeInOnePack()
{
    QFETCH(int, installedFormat);
    QFETCH(int, newFormat);
    m_scenario->setManifestFormat(installedFormat);
    installFirst(200);
    m_scenario->setManifestFormat(newFormat);
    m_scenario->publish(1);
    QCOMPARE(packPaths().size(), 1);
    auto record = UpdateScenario::install(*m_installation, 1);
    UPKEEP_VERIFY_OK(record);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
    QCOMPARE(record->transfer, History::Transfer::Patch);
    QCOMPARE(readTestFile(m_folder + u"/.upkeep/manifests/1.1.0.json"_s).contains("\"format\":2"), newFormat == 2);

    // 201 changed files and a new one: the pack, and nothing per file. In format 2 the pack also
    // makes the manifest (no request for it) and the tables are not needed; in format 1 the
    // manifest comes as a patch.
    QCOMPARE(requested(u"packs/"_s), packPaths());
    if (newFormat == 2) {
        QVERIFY2(requested(u"patches/"_s).isEmpty(), qPrintable(requested(u"patches/"_s).join(u' ')));
        QVERIFY2(!requested(u"targets/"_s).join(u' ').contains(u"manifest.json"_s),
            qPrintable(requested(u"targets/"_s).join(u' ')));
    } else {
        QVERIFY2(requested(u"patches/"_s).size() <= 1, qPrintable(requested(u"patches/"_s).join(u' ')));
    }
    QVERIFY(requested(u"objects/"_s).isEmpty());
    const qsizetype beyondMetadata = requested(QString()).size() - requested(u"metadata/"_s).size();
    QVERIFY2(beyondMetadata <= 24, qPrintable(requested(QString()).join(u' ')));
    QVERIFY(QDir(m_folder + u"/.upkeep/cache"_s).isEmpty(QDir::Files));
}

void TestPackUpdate::faultyPackFallsBackToFiles_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<bool>("fallback"); // the members come file by file
    QTest::newRow("a byte of the pack flipped") << u"flip"_s << true;
    QTest::newRow("the pack cut short each time: resumed to the end") << u"drop"_s << false;
    QTest::newRow("the connection closed before any byte") << u"drop0"_s << true;
    QTest::newRow("a pack of the wrong size") << u"size"_s << true;
    QTest::newRow("the pack missing") << u"missing"_s << true;
}

void TestPackUpdate::faultyPackFallsBackToFiles()
{
    QFETCH(QString, fault);
    QFETCH(bool, fallback);
    installFirst(30);
    m_scenario->publish(1);
    QCOMPARE(packPaths().size(), 1);
    const QString pack = packPaths().front();
    const QString file = m_scenario->repository().path() + u'/' + pack;
    for (int mirror = 0; mirror < 2; ++mirror) {
        if (fault == u"flip"_s)
            m_scenario->mirror(mirror).addFault(pack, FaultServer::Fault::flipByte(100));
        else if (fault == u"drop"_s)
            m_scenario->mirror(mirror).addFault(pack, FaultServer::Fault::dropAfter(200));
        else if (fault == u"drop0"_s)
            m_scenario->mirror(mirror).addFault(pack, FaultServer::Fault::dropAfter(0));
    }
    if (fault == u"size"_s)
        writeTestFile(file, readTestFile(file) + "and more");
    else if (fault == u"missing"_s)
        QVERIFY(QFile::remove(file));

    auto record = UpdateScenario::install(*m_installation, 1);
    UPKEEP_VERIFY_OK(record);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
    QVERIFY(requested(u"packs/"_s).contains(pack));
    if (fallback) {
        // The members came file by file instead: patches for the changed files, the new one whole.
        QVERIFY2(requested(u"patches/"_s).size() >= 30, qPrintable(QString::number(requested(u"patches/"_s).size())));
        QVERIFY(!requested(u"objects/"_s).isEmpty());
    } else {
        QVERIFY(requested(u"packs/"_s).size() > 1);
        QVERIFY(requested(u"patches/"_s).size() <= 1); // the manifest's
        QVERIFY(requested(u"objects/"_s).isEmpty());
    }
    QVERIFY(QDir(m_folder + u"/.upkeep/cache"_s).isEmpty(QDir::Files));
}

void TestPackUpdate::damagedOldFileFallsBackToFiles()
{
    installFirst(30);
    // Someone changed an installed file the pack starts from: the pack could not make the right bytes.
    const QString zone = m_folder + u"/versions/1.0.0/share/zones/z007"_s;
    QFile::setPermissions(zone, QFile::ReadOwner | QFile::WriteOwner);
    flipTestFileByte(zone, 5);

    m_scenario->publish(1);
    auto record = UpdateScenario::install(*m_installation, 1);
    UPKEEP_VERIFY_OK(record);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
    QVERIFY(requested(u"objects/"_s)
                .contains(RepositoryPaths::object(sha256(m_scenario->files(1).at(u"share/zones/z007"_s)))));
    QVERIFY(requested(u"patches/"_s).size() >= 29);
}

void TestPackUpdate::downloadAheadIsInstalledWithoutDecodingAgain_data()
{
    QTest::addColumn<bool>("checkedFirst");  // the window: a check reads the manifest (its patch) first
    QTest::addColumn<bool>("otherProcess"); // the window closed after the download, the install in the next one
    QTest::addColumn<QString>("changed");   // what someone changed in the cache between the two
    QTest::newRow("the window: checked, downloaded, installed") << true << false << QString();
    QTest::newRow("downloaded by a window that had not checked, installed by the next") << false << true << QString();
    QTest::newRow("checked and downloaded, installed by another process") << true << true << QString();
    QTest::newRow("the manifest kept in the cache was changed") << false << true << u"manifest"_s;
    QTest::newRow("a content made ahead was changed") << false << true << u"content"_s;
}

void TestPackUpdate::downloadAheadIsInstalledWithoutDecodingAgain()
{
    QFETCH(bool, checkedFirst);
    QFETCH(bool, otherProcess);
    QFETCH(QString, changed);
    installFirst(30);
    m_scenario->publish(1);
    QCOMPARE(packPaths().size(), 1);
    const QString pack = packPaths().front();
    auto release = UpdateScenario::offered(*m_installation, 1);
    UPKEEP_VERIFY_OK(release);
    if (checkedFirst) {
        auto manifest = m_installation->manifest(*release);
        UPKEEP_VERIFY_OK(manifest);
        QCOMPARE(requested(u"packs/"_s), QStringList());
    }
    UPKEEP_VERIFY_OK(m_installation->download(*release));
    // The pack; a check, which tells the size of the download, reads the manifest's patch and tables
    // first (a few kilobytes), where a download takes the manifest from the pack and needs no tables.
    QCOMPARE(requested(u"packs/"_s), QStringList{pack});
    QCOMPARE(requested(u"patches/"_s).size(), checkedFirst ? 2 : 0);
    QCOMPARE(requested(u"objects/"_s), QStringList());

    // Without a check first, the download took the manifest from the pack, which made the contents
    // too: they stay for the install, which places them rather than decoding the pack again.
    const QString zone = u"share/zones/z007"_s;
    const QString content = m_folder + u"/.upkeep/cache/content-"_s + sha256(m_scenario->files(1).at(zone));
    QCOMPARE(QFileInfo::exists(content), !checkedFirst);
    const ino_t madeAhead = checkedFirst ? 0 : inode(content);
    // Whatever was changed is refused by its sha256: the manifest is restored from the pack again,
    // the content made again from its patch.
    const QString manifest = m_folder + u"/.upkeep/cache/content-"_s + release->manifestInfo.hashes.sha256();
    QCOMPARE(QFileInfo::exists(manifest), !checkedFirst);
    if (changed == u"manifest"_s)
        flipTestFileByte(manifest, 40);
    else if (changed == u"content"_s)
        flipTestFileByte(content, 3);
    for (int mirror = 0; mirror < 2; ++mirror)
        m_mark[mirror] = m_scenario->mirror(mirror).requests().size();
    std::optional<Installation> other;
    if (otherProcess) {
        auto opened = Installation::open(m_folder);
        UPKEEP_VERIFY_OK(opened);
        other.emplace(std::move(*opened));
    }
    Installation& installing = otherProcess ? *other : *m_installation;
    auto again = UpdateScenario::offered(installing, 1);
    UPKEEP_VERIFY_OK(again);
    auto record = installing.install(*again);
    UPKEEP_VERIFY_OK(record);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
    const QString installed = m_folder + u"/versions/"_s + UpdateScenario::version(1) + u'/' + zone;
    if (changed == u"content"_s) {
        QCOMPARE(requested(u"packs/"_s), QStringList());
        QVERIFY(inode(installed) != madeAhead);
    } else {
        QCOMPARE(requested(QString()).join(u' '), requested(u"metadata/"_s).join(u' '));
    }
    if (!checkedFirst && changed.isEmpty())
        QCOMPARE(inode(installed), madeAhead);
    QVERIFY(QDir(m_folder + u"/.upkeep/cache"_s).isEmpty(QDir::Files));
}

QTEST_GUILESS_MAIN(TestPackUpdate)
#include "tst_packupdate.moc"
