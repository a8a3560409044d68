// The bundle as a series of zstd frames: large files' contents are their objects' frames copied
// byte for byte, the rest compressed; the client's own unpacking (ReleaseTree::unpack, as a fresh
// install does) reads it as exactly the release, the tar inside is the one a single stream would
// hold, the bytes do not depend on the number of workers, and a file that changed after its object
// was written is refused.

#include "publish/bundlewriter.h"
#include "publish/objectwriter.h"
#include "release/releasetree.h"
#include "release/windowlimits.h"
#include "release/zstdframeheader.h"
#include "support/testarchive.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <zstd.h>

using namespace Qt::StringLiterals;

namespace {

// Files from 128 KiB on are copied here, so that level 19 takes little time over the files.
constexpr qint64 kCopied = 128 * 1024;

// `size` bytes of text that compresses, the same for the same seed.
QByteArray text(qsizetype size, quint32 seed)
{
    static const QList<QByteArray> words{"zone"_ba, "rule"_ba, "link"_ba, "offset"_ba, "standard"_ba, "daylight"_ba,
        "Europe/Paris"_ba, "America/Lima"_ba, "1970"_ba, "2026"_ba, "max"_ba, "only"_ba, "-"_ba, "Sun>=8"_ba};
    QRandomGenerator generator(seed);
    QByteArray bytes;
    bytes.reserve(size + 16);
    while (bytes.size() < size) {
        bytes.append(words[generator.bounded(int(words.size()))]);
        bytes.append(generator.bounded(8) == 0 ? '\n' : '\t');
    }
    bytes.truncate(size);
    return bytes;
}

// The frames of a zstd stream, each as its bytes; empty when the stream is not whole frames.
QList<QByteArray> framesOf(const QByteArray& stream)
{
    QList<QByteArray> frames;
    for (qsizetype at = 0; at < stream.size();) {
        const size_t size = ZSTD_findFrameCompressedSize(stream.constData() + at, size_t(stream.size() - at));
        if (ZSTD_isError(size))
            return {};
        frames.append(stream.mid(at, qsizetype(size)));
        at += qsizetype(size);
    }
    return frames;
}

// What a zstd stream of several frames unpacks to, as any reader sees it; nothing if it is not whole.
std::optional<QByteArray> decompressed(const QByteArray& stream)
{
    struct DCtxFree {
        void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
    };
    std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
    QByteArray out;
    QByteArray block(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    ZSTD_inBuffer input{stream.constData(), size_t(stream.size()), 0};
    while (true) {
        ZSTD_outBuffer output{block.data(), size_t(block.size()), 0};
        const size_t left = ZSTD_decompressStream(context.get(), &output, &input);
        if (ZSTD_isError(left))
            return std::nullopt;
        out.append(block.constData(), qsizetype(output.pos));
        if (input.pos == input.size && left == 0)
            return out;
        if (input.pos == input.size && output.pos < output.size)
            return std::nullopt;
    }
}

} // namespace

class TestBundleWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void largeFilesAreTheirObjects_data();
    void largeFilesAreTheirObjects();
    void changedFileIsRefused_data();
    void changedFileIsRefused();
    void missingObjectIsRefused();

private:
    // The release `items` in a folder, its manifest, and the objects of its files.
    void prepare(const ArchiveItems& items);
    // Compresses and assembles the bundle at `path` with `workers`; its bytes, or "error: " and why.
    QByteArray bundle(const QString& path, int workers, qint64 copiedSize = kCopied);

    std::unique_ptr<QTemporaryDir> m_dir;
    Manifest m_manifest;
    QString m_tree;
    std::unique_ptr<ObjectWriter> m_objects;
};

void TestBundleWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_objects = std::make_unique<ObjectWriter>(m_dir->filePath(u"repository"_s));
}

void TestBundleWriter::cleanup()
{
    m_objects.reset();
    m_dir.reset();
    m_manifest = Manifest();
}

void TestBundleWriter::prepare(const ArchiveItems& items)
{
    m_tree = m_dir->filePath(u"release"_s);
    QVERIFY(writeFolder(m_tree, items).isEmpty());
    auto tree = ReleaseTree::open(m_tree, m_dir->filePath(u"work"_s));
    UPKEEP_VERIFY_OK(tree);
    m_manifest.app = u"editor"_s;
    m_manifest.entries = tree->entries();
    for (const Manifest::Entry& entry : m_manifest.entries) {
        if (entry.type == Manifest::Entry::Type::File && entry.size > 0)
            UPKEEP_VERIFY_OK(m_objects->put(tree->filePath(entry), entry.sha256));
    }
}

QByteArray TestBundleWriter::bundle(const QString& path, int workers, qint64 copiedSize)
{
    BundleWriter writer(path, m_tree, m_manifest, copiedSize);
    if (auto compressed = writer.compress(workers); !compressed)
        return u"error: %1"_s.arg(compressed.error().message).toUtf8();
    auto written = writer.assemble(*m_objects);
    if (!written)
        return u"error: %1"_s.arg(written.error().message).toUtf8();
    const QByteArray bytes = readTestFile(path);
    if (written->size != bytes.size() || written->sha256 != sha256(bytes))
        return "error: the bundle is not of the size and sha256 assemble() gave"_ba;
    return bytes;
}

void TestBundleWriter::largeFilesAreTheirObjects_data()
{
    QTest::addColumn<ArchiveItems>("items");
    QTest::addColumn<QStringList>("copied"); // in the bundle's order

    const QByteArray large = text(600 * 1024, 1);
    const ArchiveItems small{ArchiveItem::folder(u"zoneinfo"_s),
        ArchiveItem::file(u"zoneinfo/Paris"_s, text(3000, 2), 0644),
        ArchiveItem::file(u"zoneinfo/Lima"_s, text(5000, 3), 0644), ArchiveItem::file(u"zoneinfo/empty"_s, {}, 0644),
        ArchiveItem::symlink(u"zoneinfo/localtime"_s, u"Paris"_s)};

    QTest::newRow("small files only: one frame") << small << QStringList();
    QTest::newRow("a large file among small ones") << small
            + ArchiveItems{ArchiveItem::file(u"bin/tool"_s, large, 0755), ArchiveItem::folder(u"bin"_s),
                ArchiveItem::file(u"bin/zz-after"_s, text(7000, 4), 0644)}
                                                   << QStringList{u"bin/tool"_s};
    QTest::newRow("large files side by side, first and last")
        << ArchiveItems{ArchiveItem::file(u"a-first"_s, large, 0644),
               ArchiveItem::file(u"b-second"_s, randomBytes(300 * 1024, 5), 0644),
               ArchiveItem::file(u"c-small"_s, text(100, 6), 0644),
               ArchiveItem::file(u"d-last"_s, text(kCopied, 7), 0600)}
        << QStringList{u"a-first"_s, u"b-second"_s, u"d-last"_s};
    QTest::newRow("one content at two paths: its frame twice")
        << small + ArchiveItems{ArchiveItem::file(u"one"_s, large, 0644), ArchiveItem::file(u"two"_s, large, 0644)}
        << QStringList{u"one"_s, u"two"_s};
    QTest::newRow("a byte under the size: compressed")
        << small + ArchiveItems{ArchiveItem::file(u"under"_s, text(kCopied - 1, 8), 0644)} << QStringList();
    QTest::newRow("a name longer than a tar header holds")
        << small + ArchiveItems{ArchiveItem::file(u"%1/long"_s.arg(QString(120, u'n')), large, 0644)}
        << QStringList{u"%1/long"_s.arg(QString(120, u'n'))};
}

void TestBundleWriter::largeFilesAreTheirObjects()
{
    QFETCH(ArchiveItems, items);
    QFETCH(QStringList, copied);
    prepare(items);

    // The same bytes whatever the number of workers.
    const QString path = m_dir->filePath(u"bundles/editor-1.0.0.tar.zst"_s);
    const QByteArray bytes = bundle(path, 1);
    QVERIFY2(!bytes.startsWith("error: "), bytes.constData());
    QCOMPARE(bundle(m_dir->filePath(u"bundles/two-workers.tar.zst"_s), 2), bytes);
    QCOMPARE(QDir(m_dir->filePath(u"bundles"_s)).entryList(QDir::Files, QDir::Name),
        QStringList({u"editor-1.0.0.tar.zst"_s, u"two-workers.tar.zst"_s})); // no work file left

    // The large files' frames are their objects, byte for byte, in the manifest's order; every
    // frame asks for a window the client allows (zstd's default limit, libarchive sets none).
    const QList<QByteArray> frames = framesOf(bytes);
    QVERIFY(!frames.isEmpty());
    QStringList found;
    for (const QByteArray& frame : frames) {
        const auto header = ZstdFrameHeader::read(frame);
        QVERIFY(header);
        QVERIFY(header->window() <= quint64(WindowLimits::kObjectCeiling));
        for (const Manifest::Entry& entry : m_manifest.entries) {
            if (entry.type == Manifest::Entry::Type::File && entry.size > 0
                && frame == readTestFile(m_objects->objectPath(entry.sha256))) {
                found.append(entry.path);
                break;
            }
        }
    }
    found.removeDuplicates(); // one content at two paths matches the first path twice
    QStringList copiedContents;
    for (const QString& name : copied) {
        const QString sha = m_manifest.find(name)->sha256;
        const auto first = std::find_if(m_manifest.entries.begin(), m_manifest.entries.end(),
            [&](const Manifest::Entry& e) { return e.sha256 == sha; });
        if (!copiedContents.contains(first->path))
            copiedContents.append(first->path);
    }
    QCOMPARE(found, copiedContents);
    // Frames of the rest go between them: one before each copied frame and one at the end.
    QCOMPARE(frames.size(), 2 * copied.size() + 1);

    // Unpacked as a fresh install does, it is exactly the release.
    const QString unpacked = m_dir->filePath(u"unpacked"_s);
    QVERIFY(QDir().mkpath(unpacked));
    UPKEEP_VERIFY_OK(ReleaseTree::unpack(path, unpacked));
    auto tree = ReleaseTree::open(unpacked, m_dir->filePath(u"work2"_s));
    UPKEEP_VERIFY_OK(tree);
    QCOMPARE(tree->entries(), m_manifest.entries);

    // And the tar in it is the one a single stream of every byte holds.
    const QByteArray solid = bundle(m_dir->filePath(u"solid.tar.zst"_s), 1, std::numeric_limits<qint64>::max());
    QCOMPARE(framesOf(solid).size(), 1);
    const std::optional<QByteArray> tar = decompressed(solid);
    QVERIFY(tar && tar->size() > 10240);
    QVERIFY(decompressed(bytes) == tar);
}

void TestBundleWriter::changedFileIsRefused_data()
{
    QTest::addColumn<QString>("changed");
    QTest::addColumn<QByteArray>("content");

    QTest::newRow("a large file, one bit") << u"large"_s << flipped(text(400 * 1024, 9));
    QTest::newRow("a large file, grown") << u"large"_s << text(400 * 1024, 9) + "x"_ba;
    QTest::newRow("a large file, shrunk") << u"large"_s << text(400 * 1024 - 1, 9);
    QTest::newRow("a small file, one bit") << u"small"_s << flipped(text(2000, 10));
}

void TestBundleWriter::changedFileIsRefused()
{
    QFETCH(QString, changed);
    QFETCH(QByteArray, content);
    prepare({ArchiveItem::file(u"large"_s, text(400 * 1024, 9), 0644), ArchiveItem::file(u"small"_s, text(2000, 10)),
        ArchiveItem::file(u"z-after"_s, text(3000, 11))});
    writeTestFile(m_tree + u'/' + changed, content);

    const QString path = m_dir->filePath(u"bundles/editor-1.0.0.tar.zst"_s);
    {
        BundleWriter writer(path, m_tree, m_manifest, kCopied);
        const auto compressed = writer.compress(1);
        UPKEEP_VERIFY_ERROR(compressed, Error::Code::Mismatch);
        QCOMPARE(compressed.error().message,
            u"%1 changed after the release was read: its content no longer has the sha256 of the manifest (and "
            "of its object). Publish again from a folder nothing writes to."_s.arg(changed));
    }
    QCOMPARE(QDir(m_dir->filePath(u"bundles"_s)).entryList(QDir::Files), QStringList());
}

void TestBundleWriter::missingObjectIsRefused()
{
    prepare({ArchiveItem::file(u"large"_s, text(200 * 1024, 12), 0644), ArchiveItem::file(u"small"_s, text(20, 13))});
    const QString object = m_objects->objectPath(m_manifest.find(u"large"_s)->sha256);
    QVERIFY(QFile::remove(object));
    const QString path = m_dir->filePath(u"bundles/editor-1.0.0.tar.zst"_s);
    {
        BundleWriter writer(path, m_tree, m_manifest, kCopied);
        UPKEEP_VERIFY_OK(writer.compress(1));
        const auto written = writer.assemble(*m_objects);
        UPKEEP_VERIFY_ERROR(written, Error::Code::Io);
        QVERIFY2(written.error().message.startsWith(u"Cannot read the object %1 for the bundle: "_s.arg(object)),
            qPrintable(written.error().message));
    }
    QCOMPARE(QDir(m_dir->filePath(u"bundles"_s)).entryList(QDir::Files), QStringList());
}

QTEST_GUILESS_MAIN(TestBundleWriter)
#include "tst_bundlewriter.moc"
