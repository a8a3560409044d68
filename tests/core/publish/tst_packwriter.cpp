// Packs: PackWriter groups the contents an update from an earlier release needs and writes them as
// one zstd frame against the old contents; PackDecoder makes them again from the installed files,
// and refuses the whole pack (writing nothing) when the pack, its size or an old file is not what
// the signed metadata and the installed manifest say. A pack of format zstd-solid-2 also carries the
// new manifest without its members' sha256: the decoder restores exactly the signed bytes from the
// contents it decodes, or refuses the pack.

#include "publish/packwriter.h"
#include "publish/prefixframewriter.h"
#include "release/packdecoder.h"
#include "release/packedmanifest.h"
#include "release/packheader.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A release "demo" of `files` written under `folder`, with its manifest (no objects needed here).
Manifest release(const QString& folder, const char* version, const std::map<QString, QByteArray>& files)
{
    writeTestFiles(folder, files);
    Manifest manifest;
    manifest.app = u"demo"_s;
    manifest.version = *Version::parse(QString::fromLatin1(version));
    for (const auto& [path, bytes] : files) // std::map: sorted by path
        manifest.entries.push_back({path, Manifest::Entry::Type::File, bytes.size(), sha256(bytes), 0644, {}});
    return manifest;
}

// A text that changes a little from one version to the next, like a time zone file.
QByteArray zoneText(int zone, int version)
{
    QByteArray text;
    for (int line = 0; line < 40; ++line)
        text += "Rule Zone" + QByteArray::number(zone) + " " + QByteArray::number(1970 + line) + " max - Oct lastSun "
            + QByteArray::number((line * 7 + zone + (line % 9 == 0 ? version : 0)) % 24) + ":00 0 -\n";
    return text;
}

} // namespace

class TestPackWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTrip_data();
    void roundTrip();
    void refused_data();
    void refused();
    void headerRefusesWhatNamesNoEntry();
    void manifestTravelsInPack_data();
    void manifestTravelsInPack();
    void packedManifestRoundTrip();

private:
    struct Packed {
        Manifest oldManifest;
        Manifest newManifest;
        std::vector<PackInfo> packs;
    };
    Packed publish(const std::map<QString, QByteArray>& oldFiles, const std::map<QString, QByteArray>& newFiles);
    // The old contents by sha256, as the publisher unpacks them from their objects.
    QString oldContent(const QString& sha) const { return m_dir->filePath(u"old/"_s + sha); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestPackWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

TestPackWriter::Packed TestPackWriter::publish(
    const std::map<QString, QByteArray>& oldFiles, const std::map<QString, QByteArray>& newFiles)
{
    Packed packed;
    packed.oldManifest = release(m_dir->filePath(u"installed"_s), "1.0.0", oldFiles);
    packed.newManifest = release(m_dir->filePath(u"new"_s), "1.1.0", newFiles);
    for (const auto& [path, bytes] : oldFiles)
        writeTestFile(oldContent(sha256(bytes)), bytes);
    const auto groups = PackWriter::groups(
        packed.newManifest, packed.oldManifest,
        [&](const Manifest::Entry& entry) { return m_dir->filePath(u"new/"_s + entry.path); },
        [&](const QString& sha) { return oldContent(sha); });
    const PackWriter writer(m_dir->filePath(u"repository"_s));
    for (const PackWriter::Group& group : groups) {
        auto pack = writer.write(group);
        if (!pack)
            qWarning() << pack.error().message;
        else
            packed.packs.push_back(*pack);
    }
    return packed;
}

void TestPackWriter::roundTrip_data()
{
    QTest::addColumn<int>("changed");  // files that change a little
    QTest::addColumn<int>("added");    // new files (no old content at their path)
    QTest::addColumn<qint64>("large"); // a changed file of this size (0: none)
    QTest::addColumn<int>("members");

    QTest::newRow("one changed file") << 1 << 0 << qint64(0) << 1;
    QTest::newRow("many small changed files") << 200 << 0 << qint64(0) << 200;
    QTest::newRow("changed and new files") << 30 << 5 << qint64(0) << 35;
    QTest::newRow("a file over the member limit stays a per-file patch")
        << 10 << 0 << PackInfo::kMaxMemberSize + 1 << 10;
}

void TestPackWriter::roundTrip()
{
    QFETCH(int, changed);
    QFETCH(int, added);
    QFETCH(qint64, large);
    QFETCH(int, members);

    std::map<QString, QByteArray> oldFiles{{u"README"_s, "unchanged\n"}};
    std::map<QString, QByteArray> newFiles{{u"README"_s, "unchanged\n"}};
    for (int i = 0; i < changed; ++i) {
        oldFiles[u"zones/z%1"_s.arg(i, 3, 10, QChar(u'0'))] = zoneText(i, 0);
        newFiles[u"zones/z%1"_s.arg(i, 3, 10, QChar(u'0'))] = zoneText(i, 1);
    }
    for (int i = 0; i < added; ++i)
        newFiles[u"added/a%1"_s.arg(i)] = zoneText(1000 + i, 1);
    if (large > 0) {
        oldFiles[u"big.bin"_s] = randomBytes(large, 1);
        newFiles[u"big.bin"_s] = randomBytes(large, 2);
    }
    const Packed packed = publish(oldFiles, newFiles);
    QCOMPARE(packed.packs.size(), size_t(1));
    const PackInfo& pack = packed.packs.front();
    QCOMPARE(pack.entries, members);
    QCOMPARE(pack.from.toString(), u"1.0.0"_s);
    const QString file = m_dir->filePath(u"repository/packs/"_s + pack.sha256);
    QCOMPARE(sha256(readTestFile(file)), pack.sha256);
    QCOMPARE(QFileInfo(file).size(), pack.size);
    if (changed >= 200) // later files match earlier ones: far less than a patch each
        QVERIFY2(pack.size < 40 * changed, qPrintable(QString::number(pack.size)));

    const QString out = m_dir->filePath(u"out"_s);
    QDir().mkpath(out);
    auto made = PackDecoder::decode(file, pack, packed.newManifest, packed.oldManifest, m_dir->filePath(u"installed"_s),
        [&](const QString& sha) { return out + u'/' + sha; });
    UPKEEP_VERIFY_OK(made);
    QCOMPARE(made->size(), qsizetype(members));
    for (const auto& [path, bytes] : newFiles) {
        if (oldFiles.contains(path) && oldFiles.at(path) == bytes)
            continue;
        if (bytes.size() > PackInfo::kMaxMemberSize) {
            QVERIFY(!made->contains(sha256(bytes)));
            continue;
        }
        QVERIFY2(made->contains(sha256(bytes)), qPrintable(path));
        QCOMPARE(readTestFile(out + u'/' + sha256(bytes)), bytes);
    }
}

void TestPackWriter::refused_data()
{
    QTest::addColumn<QString>("fault");
    QTest::newRow("a byte of the frame flipped") << u"flip"_s;
    QTest::newRow("truncated") << u"truncate"_s;
    QTest::newRow("longer than signed") << u"longer"_s;
    QTest::newRow("signed with another size") << u"size"_s;
    QTest::newRow("signed with another sha256") << u"sha256"_s;
    QTest::newRow("an installed old file damaged") << u"old"_s;
    QTest::newRow("from another installed version") << u"version"_s;
    QTest::newRow("signed with another member count") << u"entries"_s;
}

void TestPackWriter::refused()
{
    QFETCH(QString, fault);
    std::map<QString, QByteArray> oldFiles;
    std::map<QString, QByteArray> newFiles;
    for (int i = 0; i < 20; ++i) {
        oldFiles[u"zones/z%1"_s.arg(i, 2, 10, QChar(u'0'))] = zoneText(i, 0);
        newFiles[u"zones/z%1"_s.arg(i, 2, 10, QChar(u'0'))] = zoneText(i, 1);
    }
    Packed packed = publish(oldFiles, newFiles);
    QCOMPARE(packed.packs.size(), size_t(1));
    PackInfo pack = packed.packs.front();
    const QString file = m_dir->filePath(u"repository/packs/"_s + pack.sha256);
    QByteArray bytes = readTestFile(file);
    if (fault == u"flip"_s) {
        bytes = flipped(bytes, bytes.size() - 10);
    } else if (fault == u"truncate"_s) {
        bytes.chop(7);
    } else if (fault == u"longer"_s) {
        bytes.append("more");
    } else if (fault == u"size"_s) {
        pack.size += 1;
    } else if (fault == u"sha256"_s) {
        pack.sha256 = sha256("another pack");
    } else if (fault == u"old"_s) {
        const QString old = m_dir->filePath(u"installed/zones/z07"_s);
        flipTestFileByte(old);
    } else if (fault == u"version"_s) {
        packed.oldManifest.version = *Version::parse(u"0.9.0"_s);
    } else if (fault == u"entries"_s) {
        pack.entries += 1;
    }
    writeTestFile(file, bytes);
    const QString out = m_dir->filePath(u"out"_s);
    QDir().mkpath(out);
    auto made = PackDecoder::decode(file, pack, packed.newManifest, packed.oldManifest, m_dir->filePath(u"installed"_s),
        [&](const QString& sha) { return out + u'/' + sha; });
    QVERIFY(!made);
    QVERIFY2(made.error().message.contains(u"cannot be used"_s), qPrintable(made.error().message));
    QVERIFY(QDir(out).isEmpty());
}

void TestPackWriter::headerRefusesWhatNamesNoEntry()
{
    QByteArray header = PackHeader::write({0, 2, 5});
    auto read = PackHeader::read(header, 6);
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->indices(), (std::vector<qsizetype>{0, 2, 5}));
    QCOMPARE(read->size(), header.size());
    QVERIFY(!PackHeader::read(header, 5));                           // entry 5 is not there
    QVERIFY(!PackHeader::read(header.left(10), 6));                  // cut short
    QVERIFY(!PackHeader::read("UPKPACK\x03\x01\x00", 6));            // another format
    QVERIFY(!PackHeader::read(QByteArray("UPKPACK\x01\x00", 9), 6)); // no members
}

void TestPackWriter::manifestTravelsInPack_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<bool>("used");
    QTest::newRow("the signed manifest") << QString() << true;
    QTest::newRow("the frame makes another manifest") << u"other"_s << false;
    QTest::newRow("the frame is against another installed manifest") << u"installed"_s << false;
    QTest::newRow("a byte of the manifest frame flipped, signed so") << u"flip"_s << false;
    QTest::newRow("an installed old file damaged") << u"old"_s << false;
    QTest::newRow("a pack of format 1") << u"format1"_s << false;
    QTest::newRow("the signed length differs") << u"length"_s << false;
}

void TestPackWriter::manifestTravelsInPack()
{
    QFETCH(QString, fault);
    QFETCH(bool, used);
    std::map<QString, QByteArray> oldFiles{{u"README"_s, "unchanged\n"}};
    std::map<QString, QByteArray> newFiles{{u"README"_s, "unchanged\n"}};
    for (int i = 0; i < 40; ++i) {
        oldFiles[u"zones/z%1"_s.arg(i, 2, 10, QChar(u'0'))] = zoneText(i, 0);
        newFiles[u"zones/z%1"_s.arg(i, 2, 10, QChar(u'0'))] = zoneText(i, 1);
    }
    newFiles[u"zones/new"_s] = zoneText(99, 1);
    const Manifest oldManifest = release(m_dir->filePath(u"installed"_s), "1.0.0", oldFiles);
    const Manifest newManifest = release(m_dir->filePath(u"new"_s), "1.1.0", newFiles);
    for (const auto& [path, bytes] : oldFiles)
        writeTestFile(oldContent(sha256(bytes)), bytes);
    const QByteArray oldBytes = oldManifest.toBytes();
    const QByteArray newBytes = newManifest.toBytes();
    const auto groups = PackWriter::groups(
        newManifest, oldManifest, [&](const Manifest::Entry& entry) { return m_dir->filePath(u"new/"_s + entry.path); },
        [&](const QString& sha) { return oldContent(sha); });
    QCOMPARE(groups.size(), size_t(1));
    const PackWriter writer(m_dir->filePath(u"repository"_s));
    auto compressed = writer.compress(groups.front());
    UPKEEP_VERIFY_OK(compressed);
    auto stripped = PackedManifest::strip(newBytes, compressed->indices);
    UPKEEP_VERIFY_OK(stripped);
    // Every member's hash is gone from what travels, and nothing else.
    QCOMPARE(stripped->size(), newBytes.size() - 41 * qsizetype(sizeof(",\"sha256\":\"\"") - 1 + 64));
    QByteArray content = *stripped;
    QByteArray prefix = oldBytes;
    if (fault == u"other"_s) // another file's size, as a broken publisher might have written it
        content.replace("\"size\":10,", "\"size\":11,");
    else if (fault == u"installed"_s)
        prefix = newBytes;
    auto frame = PrefixFrameWriter::encode(content, prefix);
    UPKEEP_VERIFY_OK(frame);
    if (fault == u"flip"_s)
        *frame = flipped(*frame, frame->size() / 2);
    auto pack = writer.store(groups.front(), *compressed, fault == u"format1"_s ? QByteArrayView() : *frame);
    UPKEEP_VERIFY_OK(pack);
    QCOMPARE(pack->format, fault == u"format1"_s ? 1 : 2);
    if (fault == u"old"_s)
        flipTestFileByte(m_dir->filePath(u"installed/zones/z07"_s));
    PackDecoder::SignedManifest expected{sha256(newBytes), newBytes.size() + (fault == u"length"_s ? 1 : 0)};

    const QString file = m_dir->filePath(u"repository/packs/"_s + pack->sha256);
    const QString out = m_dir->filePath(u"out"_s);
    QDir().mkpath(out);
    auto made = PackDecoder::decodeWithManifest(file, *pack, expected, oldBytes, oldManifest,
        m_dir->filePath(u"installed"_s), [&](const QString& sha) { return out + u'/' + sha; });
    if (!used) {
        QVERIFY(!made);
        QVERIFY2(made.error().message.contains(u"cannot be used"_s), qPrintable(made.error().message));
        QVERIFY(QDir(out).isEmpty());
        return;
    }
    UPKEEP_VERIFY_OK(made);
    QCOMPARE(made->manifest, newBytes);
    QCOMPARE(made->written.size(), 41);
    for (const auto& [path, bytes] : newFiles) {
        if (path != u"README"_s)
            QCOMPARE(readTestFile(out + u'/' + sha256(bytes)), bytes);
    }
    // Once the manifest is known, the same pack decodes as any other.
    QDir(out).removeRecursively();
    QDir().mkpath(out);
    auto again = PackDecoder::decode(file, *pack, newManifest, oldManifest, m_dir->filePath(u"installed"_s),
        [&](const QString& sha) { return out + u'/' + sha; });
    UPKEEP_VERIFY_OK(again);
    QCOMPARE(again->size(), 41);
}

void TestPackWriter::packedManifestRoundTrip()
{
    const Manifest manifest
        = release(m_dir->filePath(u"new"_s), "1.1.0", {{u"a"_s, "first\n"}, {u"b"_s, "second\n"}, {u"c"_s, "third\n"}});
    const QByteArray bytes = manifest.toBytes();
    auto stripped = PackedManifest::strip(bytes, {0, 2});
    UPKEEP_VERIFY_OK(stripped);
    QVERIFY(!stripped->contains(manifest.entries[0].sha256.toLatin1()));
    QVERIFY(stripped->contains(manifest.entries[1].sha256.toLatin1()));
    QVERIFY(!stripped->contains(manifest.entries[2].sha256.toLatin1()));
    auto packed = PackedManifest::read(*stripped);
    UPKEEP_VERIFY_OK(packed);
    QCOMPARE(packed->fileCount(), 3);
    UPKEEP_VERIFY_OK(packed->member(0));
    QCOMPARE(packed->member(2)->path, u"c"_s);
    QVERIFY(!packed->member(1)); // its sha256 travels
    QVERIFY(!packed->member(3));
    QCOMPARE(packed->restore({0, 2}, {manifest.entries[0].sha256, manifest.entries[2].sha256}), bytes);
    QVERIFY(packed->restore({0, 2}, {manifest.entries[2].sha256, manifest.entries[0].sha256}) != bytes);
    QVERIFY(!PackedManifest::strip(bytes, {3}));
    QVERIFY(!PackedManifest::read("[1, 2]"));
}

QTEST_GUILESS_MAIN(TestPackWriter)
#include "tst_packwriter.moc"
