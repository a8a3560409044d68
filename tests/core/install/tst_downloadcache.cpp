// The download cache: the names downloads are kept under, what is still to fetch of each, how a
// finished object or patch is checked (and that a refusal says why), and what pruning and
// clearing leave behind.

#include "install/downloadcache.h"
#include "publish/objectwriter.h"
#include "publish/patchencoder.h"
#include "release/repositorypaths.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// 20 kB of noise with one byte set to `mark` at `at`: large enough that a patch copies most of
// the new file from the old one rather than carrying it.
QByteArray content(char mark, qsizetype at)
{
    QByteArray bytes = randomBytes(20000, 7);
    bytes[at] = mark;
    return bytes;
}

const QByteArray kOld = content('o', 100);
const QByteArray kNew = content('n', 100);
const QByteArray kOther = content('x', 100);     // as long as kNew
const QByteArray kChanged = content('c', 15000); // kOld changed on disk after it was installed

} // namespace

class TestDownloadCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void fileNames_data();
    void fileNames();
    void missing_data();
    void missing();
    void verifier_data();
    void verifier();
    void downloadWithItsOwnSha256HasNoVerifier();
    void keepOnlyLeavesWhatIsWanted();
    void clearRemovesEveryDownload();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
};

void TestDownloadCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_folder = m_dir->filePath(u"cache"_s);
}

void TestDownloadCache::fileNames_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("name");
    QTest::newRow("object") << RepositoryPaths::object(sha256(kNew)) << u"objects_%1.zst"_s.arg(sha256(kNew));
    QTest::newRow("patch") << RepositoryPaths::patch(sha256(kOld), sha256(kNew))
                           << u"patches_"_s + sha256(kOld) + u'-' + sha256(kNew);
    QTest::newRow("bundle") << RepositoryPaths::bundle(u"viewer"_s, *Version::parse(u"1.0.0"_s))
                            << u"bundles_viewer-1.0.0.tar.zst"_s;
}

void TestDownloadCache::fileNames()
{
    QFETCH(QString, path);
    QFETCH(QString, name);
    UpdatePlan::Download download;
    download.path = path;
    QCOMPARE(DownloadCache::fileName(download), name);
    QCOMPARE(DownloadCache(m_folder).file(download), m_folder + u'/' + name);
}

void TestDownloadCache::missing_data()
{
    // Of a download of 100 bytes; -1: no such file.
    QTest::addColumn<int>("finished");
    QTest::addColumn<int>("part");
    QTest::addColumn<qint64>("missing");
    QTest::newRow("nothing yet") << -1 << -1 << qint64(100);
    QTest::newRow("a part of 40 bytes") << -1 << 40 << qint64(60);
    QTest::newRow("an empty part") << -1 << 0 << qint64(100);
    QTest::newRow("finished") << 100 << -1 << qint64(0);
    QTest::newRow("finished, a part left beside it") << 100 << 40 << qint64(0);
    QTest::newRow("a finished file of another length") << 99 << -1 << qint64(100);
    QTest::newRow("a file of another length and a part") << 99 << 40 << qint64(60);
    // Longer than the download: not its beginning; the fetcher empties it and starts over.
    QTest::newRow("a part longer than the download") << -1 << 150 << qint64(100);
}

void TestDownloadCache::missing()
{
    QFETCH(int, finished);
    QFETCH(int, part);
    QFETCH(qint64, missing);
    const DownloadCache cache(m_folder);
    UPKEEP_VERIFY_OK(cache.create());
    UpdatePlan::Download download = UpdatePlan::download(sha256(kNew), kNew.size(), Manifest::Object{100});
    if (finished >= 0)
        writeTestFile(cache.file(download), QByteArray(finished, 'x'));
    if (part >= 0)
        writeTestFile(cache.file(download) + u".part"_s, QByteArray(part, 'x'));
    QCOMPARE(cache.missing(download), missing);
    QCOMPARE(cache.holds(download), finished >= 0);
}

void TestDownloadCache::verifier_data()
{
    // What the installed version holds at bin/demo, what the download is and makes, and the
    // start of the sentence refusing it (empty: accepted).
    QTest::addColumn<QByteArray>("installed");
    QTest::addColumn<bool>("patch");
    QTest::addColumn<bool>("absolute"); // the patch names its old file by an absolute path
    QTest::addColumn<QByteArray>("made");
    QTest::addColumn<QByteArray>("named");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("object making its content") << kOld << false << false << kNew << kNew << QString();
    QTest::newRow("object making other content")
        << kOld << false << false << kOther << kNew << u"The object %1 does not match its sha256"_s;
    QTest::newRow("patch from the installed file") << kOld << true << false << kNew << kNew << QString();
    QTest::newRow("patch from an absolute path") << kOld << true << true << kNew << kNew << QString();
    QTest::newRow("patch making other content")
        << kOld << true << false << kOther << kNew << u"The patch %1 does not give the content the manifest names"_s;
    QTest::newRow("patch from a changed installed file")
        << kChanged << true << false << kNew << kNew << u"The patch %1 does not give the content the manifest names"_s;
}

void TestDownloadCache::verifier()
{
    QFETCH(QByteArray, installed);
    QFETCH(bool, patch);
    QFETCH(bool, absolute);
    QFETCH(QByteArray, made);
    QFETCH(QByteArray, named);
    QFETCH(QString, refusal);
    // The download is made right from kOld; the installed file may have changed since.
    const QString installedFolder = m_dir->filePath(u"versions/1.0.0"_s);
    writeTestFile(installedFolder + u"/bin/demo"_s, installed);
    const QString old = m_dir->filePath(u"old"_s);
    writeTestFile(old, kOld);
    const QString content = m_dir->filePath(u"content"_s);
    writeTestFile(content, made);

    UpdatePlan::Download download;
    QString file;
    if (patch) {
        file = m_dir->filePath(u"patch"_s);
        auto encoded = PatchEncoder::encode(PatchFormat::Zstd, old, content, file);
        UPKEEP_VERIFY_OK(encoded);
        download = UpdatePlan::download(sha256(named), named.size(),
            Manifest::Patch{sha256(kOld), PatchFormat::Zstd, encoded->size},
            absolute ? installedFolder + u"/bin/demo"_s : u"bin/demo"_s);
    } else {
        auto object = ObjectWriter(m_dir->filePath(u"repository"_s)).put(content, sha256(made));
        UPKEEP_VERIFY_OK(object);
        file = ObjectWriter(m_dir->filePath(u"repository"_s)).objectPath(sha256(made));
        download = UpdatePlan::download(sha256(named), named.size(), *object);
    }
    // An absolute path does not depend on where the running version is.
    const DownloadCache cache(m_folder);
    UPKEEP_VERIFY_OK(cache.create());
    const PartialFile::Verifier verify
        = cache.verifier(download, absolute ? m_dir->filePath(u"elsewhere"_s) : installedFolder);
    QVERIFY(verify);
    const auto verified = verify(file);
    if (refusal.isEmpty()) {
        UPKEEP_VERIFY_OK(verified);
    } else {
        QVERIFY(!verified);
        QVERIFY2(verified.error().message.startsWith(refusal.arg(file)), qPrintable(verified.error().message));
    }
    // Checking a patch that makes the right content keeps that content, for staging without
    // patching again; a refused one, or checking an object, leaves nothing behind in the cache.
    const QStringList left = QDir(m_folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    if (patch && refusal.isEmpty()) {
        QCOMPARE(left, QStringList{QFileInfo(cache.contentFile(download.makes)).fileName()});
        QCOMPARE(readTestFile(cache.contentFile(download.makes)), made);
    } else {
        QCOMPARE(left, QStringList());
    }
}

void TestDownloadCache::downloadWithItsOwnSha256HasNoVerifier()
{
    // A bundle is checked by the sha256 the manifest gives for its bytes, as it arrives.
    UpdatePlan::Download bundle;
    bundle.path = RepositoryPaths::bundle(u"viewer"_s, *Version::parse(u"1.0.0"_s));
    bundle.length = 1000;
    bundle.sha256 = sha256("bundle"_ba);
    QVERIFY(!DownloadCache(m_folder).verifier(bundle, m_dir->path()));
}

void TestDownloadCache::keepOnlyLeavesWhatIsWanted()
{
    const DownloadCache cache(m_folder);
    UPKEEP_VERIFY_OK(cache.create());
    const UpdatePlan::Download wanted = UpdatePlan::download(sha256(kNew), kNew.size(), Manifest::Object{10});
    const UpdatePlan::Download partial = UpdatePlan::download(sha256(kOther), kOther.size(), Manifest::Object{10});
    const UpdatePlan::Download stale = UpdatePlan::download(sha256(kOld), kOld.size(), Manifest::Object{10});
    writeTestFile(cache.file(wanted), "finished"_ba);
    writeTestFile(cache.file(partial) + u".part"_s, "part"_ba);
    writeTestFile(cache.file(stale), "finished"_ba);
    writeTestFile(cache.file(stale) + u".part"_s, "part"_ba);
    writeTestFile(cache.workPath(u".left-over"_s), "hidden"_ba);
    QVERIFY(QDir().mkpath(cache.workPath(u"bundle-1.0.0"_s)));

    cache.keepOnly({wanted, partial});
    QStringList expected{
        DownloadCache::fileName(wanted), DownloadCache::fileName(partial) + u".part"_s, u"bundle-1.0.0"_s};
    expected.sort();
    QCOMPARE(QDir(m_folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name), expected);
}

void TestDownloadCache::clearRemovesEveryDownload()
{
    const DownloadCache cache(m_folder);
    UPKEEP_VERIFY_OK(cache.create());
    const UpdatePlan::Download finished = UpdatePlan::download(sha256(kNew), kNew.size(), Manifest::Object{10});
    const UpdatePlan::Download partial = UpdatePlan::download(sha256(kOther), kOther.size(), Manifest::Object{10});
    writeTestFile(cache.file(finished), "finished"_ba);
    writeTestFile(cache.file(partial) + u".part"_s, "part"_ba);
    cache.clear();
    QCOMPARE(QDir(m_folder).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
    QVERIFY(!cache.holds(finished));
    QCOMPARE(cache.missing(partial), qint64(10));
}

QTEST_GUILESS_MAIN(TestDownloadCache)
#include "tst_downloadcache.moc"
