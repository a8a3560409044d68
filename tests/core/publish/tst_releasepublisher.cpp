// Publishing releases into a real repository: objects stored once however many releases share
// them, each decompressing to the file it stands for; a bundle that unpacks to exactly the
// release; the manifest and changelog signed in as targets of the channel, with the facts clients
// need in `custom`; and misuse refused with a sentence, before anything is written.

#include "net/directorysource.h"
#include "publish/bundlewriter.h"
#include "publish/keyring.h"
#include "publish/memorybudget.h"
#include "publish/objectwriter.h"
#include "publish/releasepublisher.h"
#include "release/objectdecoder.h"
#include "release/patchdecoder.h"
#include "release/releasetree.h"
#include "release/repositorypaths.h"
#include "support/testarchive.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "support/zstdframes.h"
#include "trust/repositoryclient.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace {

const QDateTime kReleased = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

const QByteArray kLibrary = randomBytes(256 * 1024, 7);
const QByteArray kShared = "the same text in two files, and in both releases\n"_ba;

// Version 1.0.0 of "editor": a program, a library and its symlink, two files of the same content,
// an empty file and an empty folder.
ArchiveItems firstRelease()
{
    return {ArchiveItem::folder(u"bin"_s),
        ArchiveItem::file(u"bin/editor"_s, "#!/bin/sh\necho editor 1.0.0\n"_ba, 0755), ArchiveItem::folder(u"lib"_s),
        ArchiveItem::file(u"lib/libcore.so.1"_s, kLibrary, 0644),
        ArchiveItem::symlink(u"lib/libcore.so"_s, u"libcore.so.1"_s), ArchiveItem::folder(u"data"_s),
        ArchiveItem::file(u"data/a.txt"_s, kShared, 0644), ArchiveItem::file(u"data/b.txt"_s, kShared, 0600),
        ArchiveItem::file(u"data/empty"_s, {}, 0644), ArchiveItem::folder(u"cache"_s, 0700)};
}

// Version 1.1.0: a new program; the library and the shared text unchanged.
ArchiveItems secondRelease()
{
    ArchiveItems items = firstRelease();
    items[1].content = "#!/bin/sh\necho editor 1.1.0\n"_ba;
    items.append(ArchiveItem::file(u"data/new.txt"_s, "new in 1.1.0\n"_ba, 0644));
    return items;
}

// The objects folder: file names, sorted.
QStringList objectFiles(const QString& repo)
{
    return QDir(repo + u"/objects"_s).entryList(QDir::Files, QDir::Name);
}

// One entry of a bundle as libarchive reads it back.
struct BundleEntry {
    QString path;
    int type = 0; // AE_IFREG, AE_IFDIR, AE_IFLNK
    int mode = 0;
    qint64 size = 0;
    QString target;
    QByteArray content;
};

std::vector<BundleEntry> readBundle(const QString& path, QString* error)
{
    struct ReadFree {
        void operator()(archive* a) const { archive_read_free(a); }
    };
    std::unique_ptr<archive, ReadFree> reader(archive_read_new());
    archive_read_support_filter_zstd(reader.get());
    archive_read_support_format_tar(reader.get());
    std::vector<BundleEntry> entries;
    if (archive_read_open_filename(reader.get(), QFile::encodeName(path).constData(), 64 * 1024) != ARCHIVE_OK) {
        *error = QString::fromUtf8(archive_error_string(reader.get()));
        return entries;
    }
    archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while ((status = archive_read_next_header(reader.get(), &entry)) == ARCHIVE_OK) {
        BundleEntry item;
        item.path = QString::fromUtf8(archive_entry_pathname_utf8(entry));
        item.type = int(archive_entry_filetype(entry));
        item.mode = int(archive_entry_perm(entry));
        item.size = archive_entry_size(entry);
        if (const char* target = archive_entry_symlink_utf8(entry))
            item.target = QString::fromUtf8(target);
        QByteArray block(64 * 1024, Qt::Uninitialized);
        la_ssize_t read = 0;
        while ((read = archive_read_data(reader.get(), block.data(), size_t(block.size()))) > 0)
            item.content.append(block.constData(), qsizetype(read));
        entries.push_back(std::move(item));
    }
    if (status != ARCHIVE_EOF)
        *error = QString::fromUtf8(archive_error_string(reader.get()));
    return entries;
}

} // namespace

class TestReleasePublisher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void twoReleasesShareObjects();
    void healthCheck();
    void patchesFromEarlierReleases();
    void patchDepth_data();
    void patchDepth();
    void patchDepthCountsEachChannel();
    void yankedVersionIsNeverReused();
    void bundleIsTheSameWhateverTheWorkers();
    void bundleCopiesLargeFilesObjects();
    void jobLargerThanTheLimitRunsAlone();
    void misuse_data();
    void misuse();

private:
    // Publishes with a writer of the test repository; commits only when the release was accepted.
    std::expected<Manifest, Error> publish(const ReleasePublisher::Options& options);
    ReleasePublisher::Options options(const QString& version, const QString& source) const;
    // Every object a manifest lists: there once, of the size and sha256 listed, and decompressing
    // to content of the sha256 it is filed under.
    void expectObjects(const Manifest& manifest);
    // The bundle: the size and sha256 listed, and exactly the release's entries, modes and bytes.
    void expectBundle(const Manifest& manifest, const QString& sourceFolder);
    // The manifest as a client fetches it through TUF: signed, and equal to what was published.
    void expectSignedManifest(const Manifest& manifest);
    // A patch the manifest lists: in patches/, of its size and sha256, making newContent from oldContent.
    void expectPatch(const QString& from, const Manifest::Patch& patch, const QString& to, const QByteArray& oldContent,
        const QByteArray& newContent);
    [[nodiscard]] TargetFileInfo targetInfo(const QString& channel, const QString& path);

    std::unique_ptr<TestRepository> m_repository;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestReleasePublisher::init()
{
    // Signed now, so that a client's refresh accepts it; the release date is kReleased.
    m_repository = std::make_unique<TestRepository>(QDateTime::currentDateTimeUtc());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestReleasePublisher::cleanup()
{
    m_repository.reset();
    m_dir.reset();
}

std::expected<Manifest, Error> TestReleasePublisher::publish(const ReleasePublisher::Options& options)
{
    KeyRing keys({KeyStore(m_repository->keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(m_repository->path(), keys);
    if (!writer)
        return std::unexpected(writer.error());
    auto manifest = ReleasePublisher(m_repository->path(), *writer).publish(options);
    if (!manifest)
        return manifest;
    if (auto committed = writer->commit(); !committed)
        return std::unexpected(committed.error());
    return manifest;
}

ReleasePublisher::Options TestReleasePublisher::options(const QString& version, const QString& source) const
{
    ReleasePublisher::Options options;
    options.app = u"editor"_s;
    options.version = version;
    options.channel = u"beta"_s;
    options.source = source;
    options.now = kReleased;
    return options;
}

TargetFileInfo TestReleasePublisher::targetInfo(const QString& channel, const QString& path)
{
    KeyRing keys({KeyStore(m_repository->keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(m_repository->path(), keys);
    if (!writer)
        return {};
    const std::map<QString, TargetFileInfo> targets = writer->channelTargets(channel);
    const auto it = targets.find(path);
    return it == targets.end() ? TargetFileInfo{} : it->second;
}

void TestReleasePublisher::expectObjects(const Manifest& manifest)
{
    for (const Manifest::Entry& entry : manifest.entries) {
        if (entry.type == Manifest::Entry::Type::File && entry.size > 0)
            QVERIFY2(manifest.objects.contains(entry.sha256), qPrintable(entry.path));
    }
    for (const auto& [content, object] : manifest.objects) {
        const QString path = m_repository->path() + u"/objects/"_s + content + u".zst"_s;
        const QByteArray compressed = readTestFile(path);
        QVERIFY2(!compressed.isEmpty(), qPrintable(path));
        QCOMPARE(compressed.size(), object.size);
        const QByteArray original = ZstdFrames::decompress(compressed);
        QCOMPARE(sha256(original), content);
        // The size the manifest gives the files with this content.
        const auto file = std::find_if(manifest.entries.begin(), manifest.entries.end(),
            [&](const Manifest::Entry& e) { return e.sha256 == content; });
        QVERIFY(file != manifest.entries.end());
        QCOMPARE(original.size(), file->size);
    }
}

void TestReleasePublisher::expectBundle(const Manifest& manifest, const QString& sourceFolder)
{
    const QString path = m_repository->path() + u'/' + RepositoryPaths::bundle(manifest.app, manifest.version);
    QCOMPARE(path, m_repository->path() + u"/bundles/editor-%1.tar.zst"_s.arg(manifest.version.toString()));
    QVERIFY(manifest.bundle);
    const QByteArray bytes = readTestFile(path);
    QCOMPARE(bytes.size(), manifest.bundle->size);
    QCOMPARE(sha256(bytes), manifest.bundle->sha256);
    QVERIFY(!QFileInfo::exists(path + u".part"_s));
    QVERIFY(!QFileInfo::exists(path + u".frames"_s));

    QString error;
    const std::vector<BundleEntry> entries = readBundle(path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(entries.size(), manifest.entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        const BundleEntry& actual = entries[i];
        const Manifest::Entry& expected = manifest.entries[i];
        // tar names folders with a trailing slash.
        QCOMPARE(actual.type == AE_IFDIR ? actual.path.chopped(1) : actual.path, expected.path);
        switch (expected.type) {
        case Manifest::Entry::Type::File:
            QCOMPARE(actual.type, int(AE_IFREG));
            QCOMPARE(actual.mode, expected.mode);
            QCOMPARE(actual.size, expected.size);
            QCOMPARE(sha256(actual.content), expected.sha256);
            QCOMPARE(actual.content, readTestFile(sourceFolder + u'/' + expected.path));
            break;
        case Manifest::Entry::Type::Directory:
            QCOMPARE(actual.type, int(AE_IFDIR));
            QCOMPARE(actual.mode, expected.mode);
            break;
        case Manifest::Entry::Type::Symlink:
            QCOMPARE(actual.type, int(AE_IFLNK));
            QCOMPARE(actual.target, expected.target);
            break;
        }
    }
}

void TestReleasePublisher::expectSignedManifest(const Manifest& manifest)
{
    QTemporaryDir state;
    const QString stateFile = state.filePath(u"trusted.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(stateFile, m_repository->initialRoot()));
    RepositoryClient client({std::make_shared<DirectorySource>(m_repository->path())}, stateFile);
    UPKEEP_VERIFY_OK(client.refresh());
    auto audit = client.verifyAllTargets();
    UPKEEP_VERIFY_OK(audit);
    QVERIFY(audit->problems.empty());
    auto bytes = client.fetchTarget(RepositoryPaths::manifest(manifest.app, manifest.version));
    UPKEEP_VERIFY_OK(bytes);
    QCOMPARE(*bytes, manifest.toBytes());
    auto parsed = Manifest::parse(*bytes);
    UPKEEP_VERIFY_OK(parsed);
    QVERIFY(parsed->entries == manifest.entries);
    // Format 2: the tables are in their own file, stored as an object and named by the manifest.
    QCOMPARE(parsed->format, 2);
    QVERIFY(!parsed->tablesLoaded);
    QVERIFY(parsed->tablesFile == manifest.tablesFile);
    const QString tables = m_dir->filePath(u"tables"_s);
    QFile::remove(tables);
    UPKEEP_VERIFY_OK(decodeObject(m_repository->path() + u'/' + RepositoryPaths::object(parsed->tablesFile->sha256),
        tables, parsed->tablesFile->size, parsed->tablesFile->sha256, 0600));
    QCOMPARE(QFileInfo(m_repository->path() + u'/' + RepositoryPaths::object(parsed->tablesFile->sha256)).size(),
        parsed->tablesFile->objectSize);
    UPKEEP_VERIFY_OK(parsed->attachTables(readTestFile(tables)));
    QVERIFY(parsed->objects == manifest.objects);
    QVERIFY(parsed->patches == manifest.patches);
    QVERIFY(parsed->bundle == manifest.bundle);
    QVERIFY(parsed->healthCheck == manifest.healthCheck);
}

void TestReleasePublisher::twoReleasesShareObjects()
{
    const QString repo = m_repository->path();
    const QString firstFolder = m_dir->filePath(u"editor-1.0.0"_s);
    QVERIFY(writeFolder(firstFolder, firstRelease()).isEmpty());
    const QString notes = m_dir->filePath(u"CHANGELOG-1.0.0.md"_s);
    writeTestFile(notes, "# 1.0.0\n\n- First release.\n"_ba);

    // The first release, from a folder, with notes.
    ReleasePublisher::Options first = options(u"1.0.0"_s, firstFolder);
    first.notesFile = notes;
    auto one = publish(first);
    UPKEEP_VERIFY_OK(one);
    QCOMPARE(one->app, u"editor"_s);
    QCOMPARE(one->version.toString(), u"1.0.0"_s);
    QCOMPARE(one->entries.size(), size_t(firstRelease().size()));
    // Three distinct non-empty contents: program, library, the shared text (in two files).
    QCOMPARE(one->objects.size(), size_t(3));
    // Their objects, and the manifest's tables file (format 2), an object too.
    QCOMPARE(one->format, 2);
    QVERIFY(objectFiles(repo).contains(one->tablesFile->sha256 + u".zst"_s));
    QCOMPARE(objectFiles(repo).size(), 4);
    QCOMPARE(one->totalFileBytes(), 28 + kLibrary.size() + 2 * kShared.size());
    expectObjects(*one);
    expectBundle(*one, firstFolder);
    // The library is noise: its object stays about its size, never much larger.
    QVERIFY(one->objects.at(sha256(kLibrary)).size < kLibrary.size() + 1024);

    const TargetFileInfo manifestInfo = targetInfo(u"beta"_s, u"editor/1.0.0/manifest.json"_s);
    const JsonValue expectedCustom = JsonObject{{"version", "1.0.0"}, {"released", "2026-06-01T12:00:00Z"},
        {"critical", false}, {"rollout", 100}, {"size", one->totalFileBytes()}, {"bundle_size", one->bundle->size}};
    QCOMPARE(manifestInfo.custom, expectedCustom);
    QCOMPARE(manifestInfo.length, one->toBytes().size());
    const TargetFileInfo changelogInfo = targetInfo(u"beta"_s, u"editor/1.0.0/CHANGELOG.md"_s);
    QCOMPARE(changelogInfo.custom, JsonValue(JsonObject{{"version", "1.0.0"}}));
    QCOMPARE(changelogInfo.length, readTestFile(notes).size());
    // Only beta has it.
    QCOMPARE(targetInfo(u"stable"_s, u"editor/1.0.0/manifest.json"_s).length, 0);

    // The second, from a .tar.zst, critical, to a quarter, from 1.0.0 on.
    const QString secondFolder = m_dir->filePath(u"editor-1.1.0"_s);
    QVERIFY(writeFolder(secondFolder, secondRelease()).isEmpty());
    const QString archive = m_dir->filePath(u"editor-1.1.0.tar.zst"_s);
    QVERIFY(writeArchive(archive, secondRelease()).isEmpty());
    ReleasePublisher::Options second = options(u"1.1.0"_s, archive);
    second.channel = u"nightly"_s;
    second.critical = true;
    second.rolloutPercent = 25;
    second.minimumFrom = u"1.0.0"_s;
    second.patchDepth = 0; // patches are patchesFromEarlierReleases' subject
    const QStringList before = objectFiles(repo);
    auto two = publish(second);
    UPKEEP_VERIFY_OK(two);
    QCOMPARE(two->objects.size(), size_t(4));
    // Two new contents (program, new.txt) and the tables file; the library and the shared text are
    // stored once.
    QStringList after = objectFiles(repo);
    QCOMPARE(after.size(), 7);
    for (const QString& file : before)
        QVERIFY2(after.contains(file), qPrintable(file));
    for (const QByteArray& content : {kLibrary, kShared}) {
        const QString sha = sha256(content);
        QCOMPARE(two->objects.at(sha), one->objects.at(sha));
    }
    expectObjects(*two);
    expectBundle(*two, secondFolder);
    const JsonValue secondCustom
        = JsonObject{{"version", "1.1.0"}, {"released", "2026-06-01T12:00:00Z"}, {"critical", true}, {"rollout", 25},
            {"size", two->totalFileBytes()}, {"bundle_size", two->bundle->size}, {"min_from", "1.0.0"}};
    QCOMPARE(targetInfo(u"nightly"_s, u"editor/1.1.0/manifest.json"_s).custom, secondCustom);
    // No notes, no changelog.
    QCOMPARE(targetInfo(u"nightly"_s, u"editor/1.1.0/CHANGELOG.md"_s).length, 0);

    // Both bundles are there, and the repository verifies as a client sees it.
    QCOMPARE(QDir(repo + u"/bundles"_s).entryList(QDir::Files, QDir::Name),
        QStringList({u"editor-1.0.0.tar.zst"_s, u"editor-1.1.0.tar.zst"_s}));
    expectSignedManifest(*one);
    expectSignedManifest(*two);

    // A third release of the same files stores nothing new.
    ReleasePublisher::Options third = options(u"1.2.0-rc.1"_s, secondFolder);
    third.patchDepth = 0;
    auto three = publish(third);
    UPKEEP_VERIFY_OK(three);
    QCOMPARE(objectFiles(repo), after);
    QVERIFY(three->objects == two->objects);
    QVERIFY(three->entries == two->entries);
}

void TestReleasePublisher::healthCheck()
{
    const QString folder = m_dir->filePath(u"editor"_s);
    QVERIFY(writeFolder(folder, firstRelease()).isEmpty());
    ReleasePublisher::Options withCheck = options(u"2.0.0"_s, folder);
    withCheck.healthCheck = u"bin/editor --self-test \"a quoted argument\""_s;
    withCheck.healthCheckTimeout = 45;
    auto manifest = publish(withCheck);
    UPKEEP_VERIFY_OK(manifest);
    QVERIFY(manifest->healthCheck);
    QCOMPARE(manifest->healthCheck->command, QStringList({u"bin/editor"_s, u"--self-test"_s, u"a quoted argument"_s}));
    QCOMPARE(manifest->healthCheck->timeoutSeconds, 45);
    expectSignedManifest(*manifest);
}

// The library of release `n`: the same noise with a few bytes changed per release, the way a
// rebuilt library differs from the one before.
QByteArray libraryOf(int n)
{
    QByteArray bytes = kLibrary;
    for (int i = 1; i <= n; ++i) {
        for (int at = 1000 * i; at < bytes.size(); at += 20000)
            bytes[at] = char(bytes[at] ^ (0x11 * i));
    }
    return bytes;
}

ArchiveItems releaseWithLibrary(int n)
{
    ArchiveItems items = firstRelease();
    items[3].content = libraryOf(n);
    items[1].content = "#!/bin/sh\necho editor "_ba + QByteArray::number(n) + '\n';
    return items;
}

void TestReleasePublisher::expectPatch(const QString& from, const Manifest::Patch& patch, const QString& to,
    const QByteArray& oldContent, const QByteArray& newContent)
{
    QCOMPARE(patch.from, from);
    const QString path = m_repository->path() + u'/' + RepositoryPaths::patch(from, to);
    const QByteArray bytes = readTestFile(path);
    QCOMPARE(bytes.size(), patch.size);
    const QString oldFile = m_dir->filePath(u"old-"_s + from);
    writeTestFile(oldFile, oldContent);
    const QString output = m_dir->filePath(u"new-"_s + from + to);
    UPKEEP_VERIFY_OK(applyPatch(patch.format, oldFile, path, output, newContent.size(), to, 0600));
    QCOMPARE(readTestFile(output), newContent);
}

void TestReleasePublisher::patchesFromEarlierReleases()
{
    // 1.0.0 on stable, 1.1.0 on beta, then 1.2.0 on nightly patches from both.
    std::vector<Manifest> published;
    for (int n = 0; n < 3; ++n) {
        const QString folder = m_dir->filePath(u"editor-%1"_s.arg(n));
        QVERIFY(writeFolder(folder, releaseWithLibrary(n)).isEmpty());
        ReleasePublisher::Options release = options(u"1.%1.0"_s.arg(n), folder);
        release.channel = QStringList{u"stable"_s, u"beta"_s, u"nightly"_s}[n];
        auto manifest = publish(release);
        UPKEEP_VERIFY_OK(manifest);
        published.push_back(*manifest);
    }
    QVERIFY(published[0].patches.empty()); // nothing earlier
    const Manifest& last = published[2];
    const QString newLibrary = sha256(libraryOf(2));
    QVERIFY(last.patches.contains(newLibrary));
    const std::vector<Manifest::Patch>& patches = last.patches.at(newLibrary);
    QCOMPARE(patches.size(), size_t(2)); // from 1.0.0's library and from 1.1.0's
    // Sorted by the content they start from; each far smaller than the 256 KiB object.
    std::map<QString, QByteArray> olds{{sha256(libraryOf(0)), libraryOf(0)}, {sha256(libraryOf(1)), libraryOf(1)}};
    for (const Manifest::Patch& patch : patches) {
        QVERIFY(olds.contains(patch.from));
        QVERIFY2(patch.size < last.objects.at(newLibrary).size / 10, qPrintable(QString::number(patch.size)));
        expectPatch(patch.from, patch, newLibrary, olds[patch.from], libraryOf(2));
    }
    QVERIFY(
        std::is_sorted(patches.begin(), patches.end(), [](const auto& a, const auto& b) { return a.from < b.from; }));
    // Unchanged contents get none.
    QVERIFY(!last.patches.contains(sha256(kShared)));
    expectSignedManifest(last);

    // The manifest itself comes as a patch from each earlier manifest, listed in the signed facts.
    const JsonValue& custom = targetInfo(u"nightly"_s, u"editor/1.2.0/manifest.json"_s).custom;
    const JsonValue* manifestPatches = custom.find("manifest_patches");
    QVERIFY(manifestPatches && manifestPatches->isArray());
    QCOMPARE(manifestPatches->toArray().size(), size_t(2));
    const QByteArray newBytes = last.toBytes();
    for (const JsonValue& item : manifestPatches->toArray()) {
        const QString from = item.find("from")->toString();
        const QByteArray oldBytes
            = from == sha256(published[0].toBytes()) ? published[0].toBytes() : published[1].toBytes();
        QCOMPARE(sha256(oldBytes), from);
        Manifest::Patch patch{
            from, *patchFormatFromName(item.find("format")->toString()), item.find("size")->toInteger()};
        QVERIFY(patch.size < newBytes.size() / 2);
        expectPatch(from, patch, sha256(newBytes), oldBytes, newBytes);
    }
}

void TestReleasePublisher::patchDepth_data()
{
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("patches"); // for the library of the fourth release

    QTest::newRow("0: no patches") << 0 << 0;
    QTest::newRow("1: from the newest earlier release") << 1 << 1;
    QTest::newRow("3 (the default)") << 3 << 3;
    QTest::newRow("more than there are") << 10 << 3;
}

void TestReleasePublisher::patchDepth()
{
    QFETCH(int, depth);
    QFETCH(int, patches);

    for (int n = 0; n < 4; ++n) {
        const QString folder = m_dir->filePath(u"editor-%1"_s.arg(n));
        QVERIFY(writeFolder(folder, releaseWithLibrary(n)).isEmpty());
        ReleasePublisher::Options release = options(u"2.%1.0"_s.arg(n), folder);
        release.patchDepth = n == 3 ? depth : 0; // the earlier ones need none here
        auto manifest = publish(release);
        UPKEEP_VERIFY_OK(manifest);
        if (n < 3)
            continue;
        const auto found = manifest->patches.find(sha256(libraryOf(3)));
        QCOMPARE(found == manifest->patches.end() ? 0 : int(found->second.size()), patches);
        if (depth == 1)
            QCOMPARE(found->second.front().from, sha256(libraryOf(2)));
    }
}

void TestReleasePublisher::patchDepthCountsEachChannel()
{
    // Stable 1.0.0, five nightlies, then stable 1.1.0 at depth 3: the nightlies must not crowd out
    // 1.0.0, or stable users get no patch.
    const QStringList versions{u"1.0.0"_s, u"1.1.0-nightly.1"_s, u"1.1.0-nightly.2"_s, u"1.1.0-nightly.3"_s,
        u"1.1.0-nightly.4"_s, u"1.1.0-nightly.5"_s, u"1.1.0"_s};
    std::vector<Manifest> published;
    for (int n = 0; n < int(versions.size()); ++n) {
        const QString folder = m_dir->filePath(u"editor-%1"_s.arg(n));
        QVERIFY(writeFolder(folder, releaseWithLibrary(n)).isEmpty());
        ReleasePublisher::Options release = options(versions[n], folder);
        const bool stable = n == 0 || n == int(versions.size()) - 1;
        release.channel = stable ? u"stable"_s : u"nightly"_s;
        release.patchDepth = n == int(versions.size()) - 1 ? 3 : 0; // the earlier ones need none here
        auto manifest = publish(release);
        UPKEEP_VERIFY_OK(manifest);
        published.push_back(*manifest);
    }
    const Manifest& last = published.back();
    const QString newLibrary = sha256(libraryOf(6));
    QVERIFY(last.patches.contains(newLibrary));
    // From the three newest nightlies and from stable 1.0.0.
    std::set<QString> froms;
    for (const Manifest::Patch& patch : last.patches.at(newLibrary))
        froms.insert(patch.from);
    const std::set<QString> expected{
        sha256(libraryOf(0)), sha256(libraryOf(3)), sha256(libraryOf(4)), sha256(libraryOf(5))};
    QCOMPARE(froms, expected);
    const auto fromStable
        = std::ranges::find(last.patches.at(newLibrary), sha256(libraryOf(0)), &Manifest::Patch::from);
    expectPatch(fromStable->from, *fromStable, newLibrary, libraryOf(0), libraryOf(6));

    // The manifest comes as a patch from 1.0.0's manifest too.
    const JsonValue& custom = targetInfo(u"stable"_s, u"editor/1.1.0/manifest.json"_s).custom;
    const JsonValue* manifestPatches = custom.find("manifest_patches");
    QVERIFY(manifestPatches && manifestPatches->isArray());
    QCOMPARE(manifestPatches->toArray().size(), size_t(4));
    const QByteArray oldBytes = published.front().toBytes();
    const QByteArray newBytes = last.toBytes();
    const JsonValue* fromOld = nullptr;
    for (const JsonValue& item : manifestPatches->toArray()) {
        if (item.find("from")->toString() == sha256(oldBytes))
            fromOld = &item;
    }
    QVERIFY(fromOld);
    Manifest::Patch patch{sha256(oldBytes), *patchFormatFromName(fromOld->find("format")->toString()),
        fromOld->find("size")->toInteger()};
    expectPatch(patch.from, patch, sha256(newBytes), oldBytes, newBytes);
}

void TestReleasePublisher::yankedVersionIsNeverReused()
{
    // A client may hold the first 1.0.0's manifest; a second, different 1.0.0 must not replace its bundle.
    const QString source = m_dir->filePath(u"release"_s);
    QVERIFY(writeFolder(source, firstRelease()).isEmpty());
    UPKEEP_VERIFY_OK(publish(options(u"1.0.0"_s, source)));
    m_repository->publish(QDateTime::currentDateTimeUtc(),
        [](RepositoryWriter& writer) { QVERIFY(writer.yank(u"editor"_s, u"1.0.0"_s)); });
    auto again = publish(options(u"1.0.0"_s, source));
    UPKEEP_VERIFY_ERROR(again, Error::Code::Usage);
    QCOMPARE(again.error().message,
        u"editor 1.0.0 was published before (and yanked since); a version number is never "
        "reused. Publish a new version."_s);
}

void TestReleasePublisher::bundleIsTheSameWhateverTheWorkers()
{
    // 34 MiB, more than one zstd job of level 19 (32 MiB): the jobs, not the workers, cut the stream.
    // The large file is compressed with the rest here (tst_bundlewriter has those copied from objects).
    QTemporaryDir dir;
    const QByteArray block = randomBytes(2 << 20, 17);
    QByteArray large;
    for (int i = 0; i < 17; ++i)
        large.append(flipped(block, i * 1000));
    const QString folder = dir.filePath(u"release"_s);
    QVERIFY(writeFolder(folder, firstRelease() + ArchiveItems{ArchiveItem::file(u"data/large.bin"_s, large, 0644)})
                .isEmpty());
    auto tree = ReleaseTree::open(folder, dir.filePath(u"work"_s));
    UPKEEP_VERIFY_OK(tree);
    Manifest manifest;
    manifest.app = u"editor"_s;
    manifest.entries = tree->entries();
    std::optional<QByteArray> first;
    for (int workers : {1, 2}) {
        const QString path = dir.filePath(u"bundle-%1.tar.zst"_s.arg(workers));
        BundleWriter writer(path, tree->root(), manifest, large.size() + 1);
        UPKEEP_VERIFY_OK(writer.compress(workers));
        auto bundle = writer.assemble(ObjectWriter(dir.filePath(u"repository"_s)));
        UPKEEP_VERIFY_OK(bundle);
        const QByteArray bytes = readTestFile(path);
        QCOMPARE(bundle->sha256, sha256(bytes));
        if (!first)
            first = bytes;
        QVERIFY2(bytes == *first, qPrintable(u"%1 workers"_s.arg(workers)));
    }
    QString error;
    const std::vector<BundleEntry> entries = readBundle(dir.filePath(u"bundle-1.tar.zst"_s), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto found = std::find_if(
        entries.begin(), entries.end(), [](const BundleEntry& e) { return e.path == u"data/large.bin"_s; });
    QVERIFY(found != entries.end());
    QVERIFY(found->content == large);
}

void TestReleasePublisher::bundleCopiesLargeFilesObjects()
{
    // A file of BundleWriter::kCopiedSize is in the bundle as its object's frame, byte for byte, and
    // a fresh install's unpacking gives exactly the release.
    const QByteArray block = randomBytes(64 * 1024, 21);
    QByteArray large;
    while (large.size() < BundleWriter::kCopiedSize)
        large.append(flipped(block, large.size() / 1024));
    const QString source = m_dir->filePath(u"release"_s);
    QVERIFY(writeFolder(source, firstRelease() + ArchiveItems{ArchiveItem::file(u"lib/large.so"_s, large, 0755)})
                .isEmpty());
    auto manifest = publish(options(u"1.0.0"_s, source));
    UPKEEP_VERIFY_OK(manifest);
    expectBundle(*manifest, source);
    const QString bundle = m_repository->path() + u'/' + RepositoryPaths::bundle(manifest->app, manifest->version);
    const QByteArray object = readTestFile(m_repository->path() + u"/objects/"_s + sha256(large) + u".zst"_s);
    QVERIFY(!object.isEmpty());
    QVERIFY(readTestFile(bundle).contains(object));

    const QString unpacked = m_dir->filePath(u"unpacked"_s);
    QVERIFY(QDir().mkpath(unpacked));
    UPKEEP_VERIFY_OK(ReleaseTree::unpack(bundle, unpacked));
    auto tree = ReleaseTree::open(unpacked, m_dir->filePath(u"work"_s));
    UPKEEP_VERIFY_OK(tree);
    QCOMPARE(tree->entries(), manifest->entries);
}

void TestReleasePublisher::jobLargerThanTheLimitRunsAlone()
{
    // At the least limit, the patch of a 5 MiB file (zstd's level-19 tables, the old file copied as
    // its dictionary) needs more than the limit: it runs alone, the release is made, and says so.
    const QByteArray old = randomBytes(5 << 20, 5);
    QByteArray fresh = old;
    fresh.replace(1000, 100, QByteArray(100, 'x'));
    KeyRing keys({KeyStore(m_repository->keysPath(), KeyStore::NewKeys::Unencrypted)});
    std::vector<Manifest> published;
    for (const QByteArray& content : {old, fresh}) {
        const QString version = published.empty() ? u"1.0.0"_s : u"1.1.0"_s;
        const QString folder = m_dir->filePath(version);
        QVERIFY(writeFolder(folder, {ArchiveItem::file(u"big.bin"_s, content, 0644)}).isEmpty());
        auto writer = RepositoryWriter::open(m_repository->path(), keys);
        UPKEEP_VERIFY_OK(writer);
        ReleasePublisher::Options release = options(version, folder);
        release.memoryLimit = MemoryBudget::kMinimum;
        ReleasePublisher publisher(m_repository->path(), *writer);
        auto manifest = publisher.publish(release);
        UPKEEP_VERIFY_OK(manifest);
        UPKEEP_VERIFY_OK(writer->commit());
        QCOMPARE(publisher.report().memoryLimit, MemoryBudget::kMinimum);
        QVERIFY(publisher.report().threads >= 1);
        if (published.empty()) {
            QCOMPARE(publisher.report().warnings, QStringList());
        } else {
            QCOMPARE(publisher.report().warnings.size(), 1);
            const QString warning = publisher.report().warnings.first();
            QVERIFY2(warning.startsWith(u"The patch to big.bin needs about "_s)
                    && warning.endsWith(u", more than the memory limit of 128 MB: it ran alone."_s),
                qPrintable(warning));
            QVERIFY(publisher.report().reservedPeak > MemoryBudget::kMinimum);
            QVERIFY(manifest->patches.contains(sha256(fresh)));
        }
        published.push_back(*manifest);
    }
}

void TestReleasePublisher::misuse_data()
{
    QTest::addColumn<QString>("app");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("source");  // under the test's folder {tmp}: release/ is sound
    QTest::addColumn<QString>("notes");   // a file under {tmp}, or empty
    QTest::addColumn<int>("rollout");     // 100 unless a row says
    QTest::addColumn<QString>("minFrom"); // empty, or a version
    QTest::addColumn<QString>("health");  // empty, or a health check command
    QTest::addColumn<int>("timeout");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message"); // {tmp} is the test's folder

    const auto usage = Error::Code::Usage;
    const auto row = [](const char* name, const QString& app, const QString& version, const QString& channel,
                         const QString& source = u"release"_s) -> QTestData& {
        return QTest::newRow(name) << app << version << channel << source << QString() << 100 << QString() << QString()
                                   << 30;
    };
    const QString ok = u"editor"_s;
    const QString cannotName = u"\"%1\" cannot name an application: use letters, digits, \".\", \"_\" and \"-\"."_s;
    const QString notSemver = u"\"%1\" is not a semantic version (such as 1.4.2 or 2.0.0-beta.1): %2."_s;

    row("app name with a slash", u"../editor"_s, u"1.0.0"_s, u"beta"_s) << usage << cannotName.arg(u"../editor"_s);
    row("app name starting with a dot", u".editor"_s, u"1.0.0"_s, u"beta"_s) << usage << cannotName.arg(u".editor"_s);
    row("app name with a space", u"my editor"_s, u"1.0.0"_s, u"beta"_s) << usage << cannotName.arg(u"my editor"_s);
    row("version with two numbers", ok, u"1.0"_s, u"beta"_s)
        << usage << notSemver.arg(u"1.0"_s, u"it needs three numbers, MAJOR.MINOR.PATCH"_s);
    row("version with a v", ok, u"v1.0.0"_s, u"beta"_s)
        << usage << notSemver.arg(u"v1.0.0"_s, u"MAJOR, MINOR and PATCH must be numbers"_s);
    row("version with a leading zero", ok, u"1.01.0"_s, u"beta"_s)
        << usage << notSemver.arg(u"1.01.0"_s, u"numbers must not have leading zeros"_s);
    row("unknown channel", ok, u"1.0.0"_s, u"candidate"_s)
        << usage << u"There is no channel \"candidate\"; the channels are: stable, beta, nightly."_s;

    const QString published = u"demo %1 is already published (on stable, as 1.0.0); a release is never replaced. "
                              "Publish a new version, or promote this one."_s;
    row("the same version twice", u"demo"_s, u"1.0.0"_s, u"beta"_s) << usage << published.arg(u"1.0.0"_s);
    row("the same version with other build metadata", u"demo"_s, u"1.0.0+build2"_s, u"stable"_s)
        << usage << published.arg(u"1.0.0+build2"_s);

    for (int rollout : {0, 101, -5}) {
        QTest::addRow("rollout %d", rollout)
            << ok << u"1.0.0"_s << u"beta"_s << u"release"_s << QString() << rollout << QString() << QString() << 30
            << usage << u"The rollout is a percentage from 1 to 100."_s;
    }
    const QString notOlder = u"The minimum version to update from (%1) must be older than 2.0.0."_s;
    for (const QString& minimum : {u"2.0.0"_s, u"2.0.1"_s, u"3.0.0-alpha"_s, u"2.0.0+other"_s}) {
        QTest::addRow("--min-from %s", qPrintable(minimum))
            << ok << u"2.0.0"_s << u"beta"_s << u"release"_s << QString() << 100 << minimum << QString() << 30 << usage
            << notOlder.arg(minimum);
    }
    QTest::newRow("--min-from not a version")
        << ok << u"2.0.0"_s << u"beta"_s << u"release"_s << QString() << 100 << u"latest"_s << QString() << 30 << usage
        << notSemver.arg(u"latest"_s, u"it needs three numbers, MAJOR.MINOR.PATCH"_s);
    QTest::newRow("notes file missing")
        << ok << u"1.0.0"_s << u"beta"_s << u"release"_s << u"absent.md"_s << 100 << QString() << QString() << 30
        << usage << u"Cannot read the release notes {tmp}/absent.md: No such file or directory."_s;
    QTest::newRow("notes file a folder")
        << ok << u"1.0.0"_s << u"beta"_s << u"release"_s << u"release"_s << 100 << QString() << QString() << 30 << usage
        << u"Cannot read the release notes {tmp}/release: file to open is a directory."_s;

    row("an empty folder", ok, u"1.0.0"_s, u"beta"_s, u"empty"_s) << usage << u"{tmp}/empty holds no files."_s;
    row("a missing source", ok, u"1.0.0"_s, u"beta"_s, u"absent"_s)
        << Error::Code::NotFound << u"{tmp}/absent does not exist."_s;
    row("a source that is not an archive", ok, u"1.0.0"_s, u"beta"_s, u"release/bin/editor"_s)
        << usage
        << u"{tmp}/release/bin/editor is neither a folder nor an archive Upkeep reads (.tar, .tar.gz, .tar.xz, "
           ".tar.zst, .zip)."_s;
    row("a hostile archive", ok, u"1.0.0"_s, u"beta"_s, u"hostile.tar.gz"_s)
        << Error::Code::InvalidInput
        << u"{tmp}/hostile.tar.gz: Refused the entry \"../../evil\": the path leaves the release folder or is not a "
           "plain relative path."_s;
    row("a folder with an escaping symlink", ok, u"1.0.0"_s, u"beta"_s, u"escaping"_s)
        << Error::Code::InvalidInput
        << u"Refused the entry \"etc\": a symlink to \"../../../etc\", outside the release."_s;
    // a/up is the top folder, so x points two levels above the release; refused before any
    // object or the bundle is written.
    row("a symlink through a symlink", ok, u"1.0.0"_s, u"beta"_s, u"chained"_s)
        << Error::Code::InvalidInput
        << u"The manifest is unsafe or malformed: the symlink x points through the symlink a/up."_s;

    // A hard link to x would copy what x points to, /etc/passwd, into the release and its objects.
    row("a hard link that would copy /etc/passwd", ok, u"1.0.0"_s, u"beta"_s, u"exfiltrate.tar"_s)
        << Error::Code::InvalidInput
        << u"{tmp}/exfiltrate.tar: Refused the entry \"copy\": a hard link to \"x\", which is not a file of the "
           "archive."_s;

    const auto check = [](const char* name, const QString& command, int timeout) -> QTestData& {
        return QTest::newRow(name) << u"editor"_s << u"1.0.0"_s << u"beta"_s << u"release"_s << QString() << 100
                                   << QString() << command << timeout;
    };
    const QString notFile = u"The health check runs \"%1\", which is not a file of the release; name it relative to "
                            "the release's top folder."_s;
    check("health check not in the release", u"bin/absent --check"_s, 30) << usage << notFile.arg(u"bin/absent"_s);
    check("health check by absolute path", u"/bin/sh -c true"_s, 30) << usage << notFile.arg(u"/bin/sh"_s);
    check("health check of a folder", u"bin"_s, 30) << usage << notFile.arg(u"bin"_s);
    check("health check of a symlink", u"lib/libcore.so"_s, 30) << usage << notFile.arg(u"lib/libcore.so"_s);
    check("health check of only spaces", u"   "_s, 30) << usage << u"The health check \"   \" names no program."_s;
    check("health check time-out 0", u"bin/editor"_s, 0)
        << usage << u"The health check's time-out is from 1 to 3600 seconds."_s;
    check("health check time-out over an hour", u"bin/editor"_s, 3601)
        << usage << u"The health check's time-out is from 1 to 3600 seconds."_s;
}

void TestReleasePublisher::misuse()
{
    QFETCH(QString, app);
    QFETCH(QString, version);
    QFETCH(QString, channel);
    QFETCH(QString, source);
    QFETCH(QString, notes);
    QFETCH(int, rollout);
    QFETCH(QString, minFrom);
    QFETCH(QString, health);
    QFETCH(int, timeout);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    const QString tmp = m_dir->path();
    QVERIFY(writeFolder(tmp + u"/release"_s, firstRelease()).isEmpty());
    QVERIFY(QDir().mkpath(tmp + u"/empty"_s));
    QVERIFY(writeArchive(tmp + u"/hostile.tar.gz"_s,
        {ArchiveItem::file(u"readme"_s, "x"_ba), ArchiveItem::file(u"../../evil"_s, "x"_ba)})
                .isEmpty());
    QVERIFY(writeFolder(tmp + u"/escaping"_s,
        {ArchiveItem::file(u"readme"_s, "x"_ba), ArchiveItem::symlink(u"etc"_s, u"../../../etc"_s)})
                .isEmpty());
    QVERIFY(writeFolder(tmp + u"/chained"_s,
        {ArchiveItem::file(u"readme"_s, "x"_ba), ArchiveItem::folder(u"a"_s), ArchiveItem::symlink(u"a/up"_s, u".."_s),
            ArchiveItem::symlink(u"x"_s, u"a/up/../../secret"_s)})
                .isEmpty());

    // a/b/c/d/e/f/g/h/up is the top folder; eight levels above it is / wherever the work folder is.
    const QString deep = u"a/b/c/d/e/f/g/h"_s;
    QVERIFY(writeArchive(tmp + u"/exfiltrate.tar"_s,
        {ArchiveItem::folder(deep), ArchiveItem::symlink(deep + u"/up"_s, QStringList(8, u".."_s).join(u'/')),
            ArchiveItem::symlink(u"x"_s, deep + u"/up/"_s + QStringList(8, u".."_s).join(u'/') + u"/etc/passwd"_s),
            ArchiveItem::hardlink(u"copy"_s, u"x"_s)})
                .isEmpty());

    ReleasePublisher::Options options;
    options.app = app;
    options.version = version;
    options.channel = channel;
    options.source = tmp + u'/' + source;
    options.notesFile = notes.isEmpty() ? QString() : tmp + u'/' + notes;
    options.rolloutPercent = rollout;
    options.minimumFrom = minFrom;
    options.healthCheck = health;
    options.healthCheckTimeout = timeout;

    const QString repo = m_repository->path();
    const QStringList metadataBefore = QDir(repo + u"/metadata"_s).entryList(QDir::Files, QDir::Name);
    KeyRing keys({KeyStore(m_repository->keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repo, keys);
    UPKEEP_VERIFY_OK(writer);
    auto manifest = ReleasePublisher(repo, *writer).publish(options);
    UPKEEP_VERIFY_ERROR(manifest, code);
    QCOMPARE(manifest.error().message, QString(message).replace(u"{tmp}"_s, tmp));

    // Refused before anything was written: no object, no bundle, no target.
    QVERIFY(!QFileInfo::exists(repo + u"/objects"_s));
    QVERIFY(!QFileInfo::exists(repo + u"/bundles"_s));
    QVERIFY(!QFileInfo::exists(repo + u"/targets/editor"_s));
    QCOMPARE(QDir(repo + u"/metadata"_s).entryList(QDir::Files, QDir::Name), metadataBefore);
    for (const QString& role : writer->channels()) {
        for (const auto& [path, info] : writer->channelTargets(role))
            QVERIFY2(!path.startsWith(u"editor/"_s), qPrintable(path));
    }
}

QTEST_GUILESS_MAIN(TestReleasePublisher)
#include "tst_releasepublisher.moc"
