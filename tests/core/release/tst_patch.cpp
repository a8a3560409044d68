// Patches between two versions of a file, both formats: every pair round-trips, the smaller
// patch is kept, and the decoder refuses a wrong, damaged or hostile patch without leaving an
// output behind, writing through a symlink or touching the old file. A zstd frame that asks for
// more memory than the old and new files justify is refused before zstd allocates it.

#include "publish/patchencoder.h"
#include "release/bsdiffformat.h"
#include "release/patchdecoder.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"
#include "support/zstdframes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <array>
#include <limits>
#include <map>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(PatchFormat)

namespace {

// Two versions of a file.
struct Versions {
    QByteArray before;
    QByteArray after;
};

// Bytes shaped like a linked executable: short instructions whose 4-byte operands are absolute
// addresses of other instructions, then a table of strings. Its next version inserts code in
// the middle, so every address past that point shifts, as a new build does throughout a binary.

Versions executable(int instructions, quint32 seed)
{
    QRandomGenerator generator(seed);
    std::vector<quint8> ops(static_cast<size_t>(instructions));
    std::vector<quint32> targets(static_cast<size_t>(instructions));
    for (int i = 0; i < instructions; ++i) {
        ops[size_t(i)] = quint8(0x40 + generator.bounded(12));
        targets[size_t(i)] = generator.bounded(quint32(instructions));
    }
    QByteArray strings;
    for (int i = 0; i < instructions / 40; ++i)
        strings += "message number " + QByteArray::number(generator.bounded(1000)) + " of the demo program\n";

    auto render = [](const std::vector<quint8>& code, const std::vector<quint32>& to, const QByteArray& table) {
        QByteArray bytes;
        bytes.reserve(qsizetype(code.size()) * 5 + table.size());
        for (size_t i = 0; i < code.size(); ++i) {
            const quint32 address = 0x400000 + to[i] * 5;
            bytes.append(char(code[i]));
            for (int shift = 0; shift < 32; shift += 8)
                bytes.append(char(address >> shift));
        }
        return bytes + table;
    };
    Versions result;
    result.before = render(ops, targets, strings);

    const auto insertAt = quint32(instructions / 2);
    const int inserted = 300;
    for (quint32& target : targets) {
        if (target >= insertAt)
            target += inserted;
    }
    std::vector<quint8> newOps(ops.begin(), ops.begin() + insertAt);
    std::vector<quint32> newTargets(targets.begin(), targets.begin() + insertAt);
    for (int i = 0; i < inserted; ++i) {
        newOps.push_back(quint8(0x40 + generator.bounded(12)));
        newTargets.push_back(generator.bounded(quint32(instructions + inserted)));
    }
    newOps.insert(newOps.end(), ops.begin() + insertAt, ops.end());
    newTargets.insert(newTargets.end(), targets.begin() + insertAt, targets.end());
    for (int i = 0; i < instructions / 1000; ++i)
        newOps[size_t(generator.bounded(quint32(newOps.size())))] = 0x90;
    strings.replace("number 1", "NUMBER 1");
    result.after = render(newOps, newTargets, strings);
    return result;
}

// Lines of words, and a next version with some lines replaced and others inserted, as a
// document or a data file changes between releases.
Versions document(int lines, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArrayList words;
    for (int i = 0; i < 500; ++i) {
        QByteArray word;
        for (int length = 2 + int(generator.bounded(8)); length > 0; --length)
            word.append(char('a' + generator.bounded(26)));
        words.append(word);
    }
    auto line = [&](int count) {
        QByteArrayList picked;
        for (int i = 0; i < count; ++i)
            picked.append(words[qsizetype(generator.bounded(quint32(words.size())))]);
        return picked.join(' ') + '\n';
    };
    QByteArrayList text;
    for (int i = 0; i < lines; ++i)
        text.append(line(3 + int(generator.bounded(10))));
    Versions result;
    result.before = text.join();
    for (int i = 0; i < lines / 300; ++i)
        text[qsizetype(generator.bounded(quint32(text.size())))] = line(5);
    for (int i = 0; i < lines / 600; ++i)
        text.insert(qsizetype(generator.bounded(quint32(text.size()))), "inserted " + line(6));
    result.after = text.join();
    return result;
}

// A bsdiff patch of streams compressed by hand: the header, then the streams as they are.
QByteArray bsdiffPatchOfStreams(quint64 newSize, const std::array<QByteArray, 3>& streams)
{
    QByteArray patch = BsdiffFormat::kMagic.toByteArray();
    BsdiffFormat::appendVarint(patch, newSize);
    for (const QByteArray& stream : streams)
        BsdiffFormat::appendVarint(patch, quint64(stream.size()));
    for (const QByteArray& stream : streams)
        patch += stream;
    return patch;
}

// A bsdiff patch put together by hand: the header, then the three streams compressed as given.
QByteArray bsdiffPatch(quint64 newSize, const QByteArray& control, const QByteArray& diff, const QByteArray& extra)
{
    std::array<QByteArray, 3> streams;
    const QByteArray* raw[3] = {&control, &diff, &extra};
    for (size_t i = 0; i < 3; ++i) {
        if (!raw[i]->isEmpty())
            streams[i] = ZstdFrames::compress(*raw[i]);
    }
    return bsdiffPatchOfStreams(newSize, streams);
}

// How much address space this process has mapped now, from /proc/self/statm.
qint64 addressSpaceInUse()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(0).toLongLong() * ::sysconf(_SC_PAGESIZE);
}

QByteArray controls(std::initializer_list<std::array<quint64, 3>> steps)
{
    QByteArray bytes;
    for (const auto& step : steps) {
        for (const quint64 value : step)
            BsdiffFormat::appendVarint(bytes, value);
    }
    return bytes;
}

quint64 seekBy(qint64 distance)
{
    return BsdiffFormat::zigzag(distance);
}

// Where the bsdiff streams of `patch` start and how long each is.
std::array<std::pair<qsizetype, qsizetype>, 3> bsdiffStreams(const QByteArray& patch)
{
    qsizetype pos = BsdiffFormat::kMagic.size();
    auto next = [&]() -> std::optional<quint8> { return quint8(patch[pos++]); };
    BsdiffFormat::readVarint(next);
    std::array<qsizetype, 3> lengths{};
    for (qsizetype& length : lengths)
        length = qsizetype(*BsdiffFormat::readVarint(next));
    std::array<std::pair<qsizetype, qsizetype>, 3> streams;
    for (int i = 0; i < 3; ++i) {
        streams[size_t(i)] = {pos, lengths[size_t(i)]};
        pos += lengths[size_t(i)];
    }
    return streams;
}

PatchFormat otherFormat(PatchFormat format)
{
    return format == PatchFormat::Zstd ? PatchFormat::Bsdiff : PatchFormat::Zstd;
}

const QByteArray kText = "The quick brown fox jumps over the lazy dog.\n"_ba.repeated(200);

} // namespace

class TestPatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void smallestIsKept_data();
    void smallestIsKept();
    void damagedPatchIsRefused_data();
    void damagedPatchIsRefused();
    void wideZstdWindowIsRefused();
    void hostileZstdFrameIsRefused_data();
    void hostileZstdFrameIsRefused();
    void memoryStaysWithinTheSizes_data();
    void memoryStaysWithinTheSizes();
    void hostileBsdiffIsRefused_data();
    void hostileBsdiffIsRefused();
    void outputIsNeverWrittenThrough_data();
    void outputIsNeverWrittenThrough();

private:
    Versions m_executable;
    Versions m_document;
    QByteArray m_damagedAfter; // what damagedPatchIsRefused patches to
    std::map<PatchFormat, QByteArray> m_damagedPatches;
};

void TestPatch::initTestCase()
{
    m_executable = executable(40000, 1); // 200 KB
    m_document = document(50000, 2);     // 2.5 MB

    // damagedPatchIsRefused damages these patches; extra bytes too, so that each bsdiff stream
    // has something to damage.
    m_damagedAfter = m_executable.after;
    m_damagedAfter.insert(m_damagedAfter.size() / 3, randomBytes(5000, 11));
    QTemporaryDir dir;
    writeTestFile(dir.filePath(u"old"_s), m_executable.before);
    writeTestFile(dir.filePath(u"new"_s), m_damagedAfter);
    for (const PatchFormat format : {PatchFormat::Zstd, PatchFormat::Bsdiff}) {
        UPKEEP_VERIFY_OK(
            PatchEncoder::encode(format, dir.filePath(u"old"_s), dir.filePath(u"new"_s), dir.filePath(u"patch"_s)));
        m_damagedPatches[format] = readTestFile(dir.filePath(u"patch"_s));
    }
}

void TestPatch::roundTrip_data()
{
    QTest::addColumn<PatchFormat>("format");
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<qint64>("largestPatch"); // what a working differential update stays under

    const QByteArray random = randomBytes(300000, 7); // a patch longer than the decoder's read buffer
    // The size of two of the zstd decoder's output buffers, so that the frame ends as one fills.
    const QByteArray noise = randomBytes(qsizetype(2 * ZSTD_DStreamOutSize()), 9);
    QByteArray rebuilt = noise;
    for (qsizetype at = 1000; at < rebuilt.size(); at += 20000)
        rebuilt[at] = char(rebuilt[at] ^ 0x11);
    QByteArray inserted = kText;
    inserted.insert(kText.size() / 2, "a sentence inserted in the middle\n");
    struct Case {
        const char* name;
        QByteArray before;
        QByteArray after;
        qint64 largestPatch;
    };
    const Case cases[] = {
        {"empty old", {}, kText, 200},
        {"empty new", kText, {}, 60},
        {"both empty", {}, {}, 60},
        {"identical", kText, kText, 60},
        {"appended", kText, kText + "one more line\n", 80},
        {"inserted in the middle", kText, inserted, 100},
        {"executable with shifted addresses", m_executable.before, m_executable.after, 60000},
        {"unrelated random data", random, randomBytes(300000, 8), 300100},
        {"as long as two decoder buffers", noise, rebuilt, 1000},
        {"a few megabytes", m_document.before, m_document.after, 20000},
    };
    for (const Case& c : cases) {
        for (const PatchFormat format : {PatchFormat::Zstd, PatchFormat::Bsdiff}) {
            QTest::addRow("%s, %s", c.name, qPrintable(patchFormatName(format)))
                << format << c.before << c.after << c.largestPatch;
        }
    }
}

void TestPatch::roundTrip()
{
    QFETCH(PatchFormat, format);
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(qint64, largestPatch);

    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString newFile = dir.filePath(u"new"_s);
    const QString patchFile = dir.filePath(u"patch"_s);
    const QString output = dir.filePath(u"output"_s);
    writeTestFile(oldFile, before);
    writeTestFile(newFile, after);

    const auto patch = PatchEncoder::encode(format, oldFile, newFile, patchFile);
    UPKEEP_VERIFY_OK(patch);
    QCOMPARE(patch->format, format);
    const QByteArray patchBytes = readTestFile(patchFile);
    QCOMPARE(patch->size, patchBytes.size());
    QVERIFY2(patch->size <= largestPatch, qPrintable(QString::number(patch->size)));

    UPKEEP_VERIFY_OK(applyPatch(format, oldFile, patchFile, output, after.size(), sha256(after), 0750));
    QCOMPARE(readTestFile(output), after);
    struct stat status {
    };
    QCOMPARE(::stat(QFile::encodeName(output).constData(), &status), 0);
    QCOMPARE(status.st_mode & 07777, 0750u);
    QCOMPARE(readTestFile(oldFile), before);
}

void TestPatch::smallestIsKept_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QByteArray>("after");
    QTest::addColumn<PatchFormat>("smaller");

    QTest::newRow("executable: bsdiff") << m_executable.before << m_executable.after << PatchFormat::Bsdiff;
    QTest::newRow("one changed word: zstd") << "hello world\n"_ba
                                            << "hello there\n"_ba << PatchFormat::Zstd;
    QTest::newRow("moved paragraphs: zstd") << kText + randomBytes(3000, 3) + kText.left(500)
                                            << randomBytes(3000, 3) + kText + "end\n"_ba << PatchFormat::Zstd;
}

void TestPatch::smallestIsKept()
{
    QFETCH(QByteArray, before);
    QFETCH(QByteArray, after);
    QFETCH(PatchFormat, smaller);

    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString newFile = dir.filePath(u"new"_s);
    writeTestFile(oldFile, before);
    writeTestFile(newFile, after);
    const auto zstd = PatchEncoder::encode(PatchFormat::Zstd, oldFile, newFile, dir.filePath(u"zstd"_s));
    UPKEEP_VERIFY_OK(zstd);
    const auto bsdiff = PatchEncoder::encode(PatchFormat::Bsdiff, oldFile, newFile, dir.filePath(u"bsdiff"_s));
    UPKEEP_VERIFY_OK(bsdiff);
    QVERIFY2((smaller == PatchFormat::Bsdiff) == (bsdiff->size < zstd->size),
        qPrintable(u"zstd %1, bsdiff %2"_s.arg(zstd->size).arg(bsdiff->size)));

    const QString patchFile = dir.filePath(u"smallest"_s);
    const auto smallest = PatchEncoder::encodeSmallest(oldFile, newFile, patchFile);
    UPKEEP_VERIFY_OK(smallest);
    QCOMPARE(smallest->format, smaller);
    QCOMPARE(smallest->size, std::min(zstd->size, bsdiff->size));
    QCOMPARE(
        readTestFile(patchFile), readTestFile(dir.filePath(smaller == PatchFormat::Zstd ? u"zstd"_s : u"bsdiff"_s)));
    const QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left, (QStringList{u"bsdiff"_s, u"new"_s, u"old"_s, u"smallest"_s, u"zstd"_s}));
    UPKEEP_VERIFY_OK(
        applyPatch(smallest->format, oldFile, patchFile, dir.filePath(u"output"_s), after.size(), sha256(after), 0644));
    QCOMPARE(readTestFile(dir.filePath(u"output"_s)), after);
}

void TestPatch::damagedPatchIsRefused_data()
{
    QTest::addColumn<PatchFormat>("format");
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("message");

    for (const PatchFormat format : {PatchFormat::Zstd, PatchFormat::Bsdiff}) {
        const QByteArray name = patchFormatName(format).toLatin1();
        auto row = [&](const char* what, const QString& damage, const QString& message) {
            QTest::addRow("%s: %s", name.constData(), what) << format << damage << message;
        };
        row("expected size one byte bigger", u"bigger"_s, u"unpacks to "_s);
        row("expected size one byte smaller", u"smaller"_s, u"unpacks to more than the"_s);
        row("expected size much smaller", u"much smaller"_s, u"unpacks to more than the"_s);
        row("other sha256", u"sha256"_s, u"its sha256 differs"_s);
        row("truncated", u"truncated"_s, u"is truncated"_s);
        row("applied as the other format", u"other format"_s, QString());
        row("another old file", u"other old file"_s, QString());
        if (format == PatchFormat::Zstd) {
            row("flipped byte in the frame", u"flip 0"_s, QString());
        } else {
            row("flipped byte in the control stream", u"flip 0"_s, QString());
            row("flipped byte in the diff stream", u"flip 1"_s, QString());
            row("flipped byte in the extra stream", u"flip 2"_s, QString());
        }
        row("bytes appended", u"appended"_s, u"is damaged"_s);
    }
}

void TestPatch::damagedPatchIsRefused()
{
    QFETCH(PatchFormat, format);
    QFETCH(QString, damage);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString patchFile = dir.filePath(u"patch"_s);
    const QString output = dir.filePath(u"output"_s);
    const QByteArray& after = m_damagedAfter;
    writeTestFile(oldFile, m_executable.before);
    QByteArray patch = m_damagedPatches[format];

    qint64 expectedSize = after.size();
    QString expectedSha = sha256(after);
    PatchFormat appliedAs = format;
    if (damage == u"bigger"_s) {
        expectedSize += 1;
    } else if (damage == u"smaller"_s) {
        expectedSize -= 1;
    } else if (damage == u"much smaller"_s) {
        expectedSize = 1000;
    } else if (damage == u"sha256"_s) {
        expectedSha = sha256("other content");
    } else if (damage == u"truncated"_s) {
        patch.chop(patch.size() / 3);
    } else if (damage == u"other format"_s) {
        appliedAs = otherFormat(format);
    } else if (damage == u"other old file"_s) {
        writeTestFile(oldFile, m_executable.after);
    } else if (damage.startsWith(u"flip "_s)) {
        qsizetype at = patch.size() / 2;
        if (format == PatchFormat::Bsdiff) {
            const auto [start, length] = bsdiffStreams(patch)[damage.mid(5).toUInt()];
            QVERIFY(length > 0);
            at = start + length / 2;
        }
        patch[at] = char(patch[at] ^ 0x10);
    } else if (damage == u"appended"_s) {
        patch += "trailing bytes";
    }
    writeTestFile(patchFile, patch);
    const QByteArray oldBefore = readTestFile(oldFile);

    const auto applied = applyPatch(appliedAs, oldFile, patchFile, output, expectedSize, expectedSha, 0644);
    UPKEEP_VERIFY_ERROR(applied, Error::Code::Mismatch);
    QVERIFY2(applied.error().message.contains(message), qPrintable(applied.error().message));
    QVERIFY(!QFileInfo::exists(output));
    QCOMPARE(readTestFile(oldFile), oldBefore);
}

void TestPatch::wideZstdWindowIsRefused()
{
    // A patch that makes exactly the new content, but in a frame asking for a window far past the
    // old and new sizes together: refused before zstd allocates it.
    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString patchFile = dir.filePath(u"patch"_s);
    const QString output = dir.filePath(u"output"_s);
    const Versions& versions = m_executable;
    const QByteArray patch = ZstdFrames::compressWithWideWindow(versions.after, versions.before);
    QCOMPARE(ZstdFrames::declaredWindow(patch), quint64(1) << 27);
    writeTestFile(oldFile, versions.before);
    writeTestFile(patchFile, patch);

    const auto applied = applyPatch(
        PatchFormat::Zstd, oldFile, patchFile, output, versions.after.size(), sha256(versions.after), 0644);
    UPKEEP_VERIFY_ERROR(applied, Error::Code::Mismatch);
    QVERIFY2(applied.error().message.contains(u"does not say how many bytes it unpacks to"_s),
        qPrintable(applied.error().message));
    QVERIFY(!QFileInfo::exists(output));
}

void TestPatch::hostileZstdFrameIsRefused_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<QString>("message"); // empty: the patch is valid

    // The real patch between the two versions of the executable, and its blocks under headers that
    // declare what each row needs.
    const Versions& versions = m_executable;
    QTemporaryDir dir;
    writeTestFile(dir.filePath(u"old"_s), versions.before);
    writeTestFile(dir.filePath(u"new"_s), versions.after);
    UPKEEP_VERIFY_OK(PatchEncoder::encode(
        PatchFormat::Zstd, dir.filePath(u"old"_s), dir.filePath(u"new"_s), dir.filePath(u"patch"_s)));
    const QByteArray made = readTestFile(dir.filePath(u"patch"_s));
    QVERIFY(!ZstdFrames::hasChecksum(made));
    const QByteArray blocks = ZstdFrames::blocksOf(made);
    const auto newSize = quint64(versions.after.size());
    const quint64 both = quint64(versions.before.size()) + newSize;
    auto frame = [&](std::optional<quint64> window, std::optional<quint64> contentSize) {
        return ZstdFrames::frame({window, contentSize, false}, blocks);
    };
    QByteArray reserved = made;
    reserved[4] = char(reserved[4] | 0x08);

    QTest::newRow("as made") << made << QString();
    QTest::newRow("a header as the encoder writes it") << frame({}, newSize) << QString();
    QTest::newRow("a window as large as the old and new files together")
        << frame(ZstdFrames::windowAtMost(both), newSize) << QString();
    QTest::newRow("a 2 GiB window") << frame(quint64(1) << 31, newSize)
                                    << u"asks for a zstd window of 2147483648 bytes"_s;
    QTest::newRow("a window just past the old and new files together") << frame(ZstdFrames::windowAbove(both),
        newSize) << u"asks for a zstd window of %1 bytes"_s.arg(ZstdFrames::windowAbove(both));
    QTest::newRow("no content size") << frame(ZstdFrames::windowAbove(newSize), {})
                                     << u"does not say how many bytes it unpacks to"_s;
    QTest::newRow("a content size one byte larger")
        << frame({}, newSize + 1) << u"unpacks to more than the %1 bytes"_s.arg(newSize);
    QTest::newRow("a content size one byte smaller")
        << frame({}, newSize - 1) << u"unpacks to %1 bytes where the manifest gives %2"_s.arg(newSize - 1).arg(newSize);
    QTest::newRow("a skippable frame first") << ZstdFrames::skippableFrame(64) + made << u"it is not a zstd frame"_s;
    QTest::newRow("a reserved bit set") << reserved << u"its frame header is not valid"_s;
    QTest::newRow("empty") << QByteArray() << u"is truncated"_s;
    QTest::newRow("a header cut short") << made.left(5) << u"is truncated"_s;
}

void TestPatch::hostileZstdFrameIsRefused()
{
    QFETCH(QByteArray, patch);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString patchFile = dir.filePath(u"patch"_s);
    const QString output = dir.filePath(u"output"_s);
    const Versions& versions = m_executable;
    writeTestFile(oldFile, versions.before);
    writeTestFile(patchFile, patch);

    const auto applied = applyPatch(
        PatchFormat::Zstd, oldFile, patchFile, output, versions.after.size(), sha256(versions.after), 0644);
    if (message.isEmpty()) {
        UPKEEP_VERIFY_OK(applied);
        QCOMPARE(readTestFile(output), versions.after);
        return;
    }
    UPKEEP_VERIFY_ERROR(applied, Error::Code::Mismatch);
    QVERIFY2(applied.error().message.contains(message), qPrintable(applied.error().message));
    QVERIFY(!QFileInfo::exists(output));
    QCOMPARE(readTestFile(oldFile), versions.before);
}

void TestPatch::memoryStaysWithinTheSizes_data()
{
    QTest::addColumn<bool>("contentSize");
    QTest::addColumn<QString>("message"); // empty: the patch is valid

    QTest::newRow("a frame that gives its content size") << true << QString();
    QTest::newRow("a frame that does not") << false << u"does not say how many bytes it unpacks to"_s;
}

void TestPatch::memoryStaysWithinTheSizes()
{
    // A patch of a small new file from a large old one, in a frame whose window reaches over the
    // old file. Run with the address space limited to what the process has, the old file mapped,
    // and 64 MiB: a decoder that gave the frame the window it asks for could not allocate it.
    QFETCH(bool, contentSize);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString patchFile = dir.filePath(u"patch"_s);
    const QString output = dir.filePath(u"output"_s);
    const qint64 oldSize = qint64(256) << 20;
    {
        QFile old(oldFile);
        QVERIFY(old.open(QIODevice::WriteOnly));
        QVERIFY(old.resize(oldSize)); // sparse: no disk, and no memory until read
    }
    const QByteArray after = randomBytes(1000, 21);
    const quint64 window = quint64(oldSize); // within the old and new files together
    const auto declared = contentSize ? std::optional<quint64>(quint64(after.size())) : std::nullopt;
    writeTestFile(patchFile, ZstdFrames::frame({window, declared, false}, ZstdFrames::storedBlocks(after)));

    const qint64 inUse = addressSpaceInUse();
    QVERIFY(inUse > 0);
    rlimit before{};
    QCOMPARE(::getrlimit(RLIMIT_AS, &before), 0);
    rlimit limited = before;
    limited.rlim_cur = rlim_t(inUse + oldSize + (qint64(64) << 20));
    QVERIFY(before.rlim_max == RLIM_INFINITY || limited.rlim_cur <= before.rlim_max);
    QCOMPARE(::setrlimit(RLIMIT_AS, &limited), 0);
    const auto applied = applyPatch(PatchFormat::Zstd, oldFile, patchFile, output, after.size(), sha256(after), 0644);
    QCOMPARE(::setrlimit(RLIMIT_AS, &before), 0);

    if (message.isEmpty()) {
        UPKEEP_VERIFY_OK(applied);
        QCOMPARE(readTestFile(output), after);
        return;
    }
    UPKEEP_VERIFY_ERROR(applied, Error::Code::Mismatch);
    QVERIFY2(applied.error().message.contains(message), qPrintable(applied.error().message));
    QVERIFY(!QFileInfo::exists(output));
}

void TestPatch::hostileBsdiffIsRefused_data()
{
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<qint64>("expectedSize");
    QTest::addColumn<QString>("message");

    // The old file is 1000 bytes of 'o'; a valid patch for comparison turns it into 10 bytes.
    const quint64 max = std::numeric_limits<quint64>::max();
    const quint64 half = quint64(1) << 63;
    const QByteArray zeros(10, '\0');
    QTest::newRow("seek before the start")
        << bsdiffPatch(10, controls({{seekBy(-1), 10, 0}}), zeros, {}) << qint64(10) << u"outside the old file"_s;
    QTest::newRow("seek past the end") << bsdiffPatch(10, controls({{seekBy(1001), 10, 0}}), zeros, {}) << qint64(10)
                                       << u"outside the old file"_s;
    QTest::newRow("most negative seek") << bsdiffPatch(10, controls({{max, 10, 0}}), zeros, {}) << qint64(10)
                                        << u"outside the old file"_s;
    QTest::newRow("largest seek") << bsdiffPatch(10, controls({{max - 1, 10, 0}}), zeros, {}) << qint64(10)
                                  << u"outside the old file"_s;
    QTest::newRow("diff reads past the old file's end")
        << bsdiffPatch(10, controls({{seekBy(995), 10, 0}}), zeros, {}) << qint64(10) << u"past the end of the old"_s;
    QTest::newRow("add past the new size")
        << bsdiffPatch(10, controls({{0, 11, 0}}), QByteArray(11, '\0'), {}) << qint64(10) << u"more than the 10"_s;
    QTest::newRow("copy past the new size")
        << bsdiffPatch(10, controls({{0, 5, 6}}), zeros, zeros) << qint64(10) << u"more than the 10"_s;
    QTest::newRow("huge add") << bsdiffPatch(10, controls({{0, max, 0}}), zeros, {}) << qint64(10)
                              << u"more than the 10"_s;
    QTest::newRow("add and copy that overflow together")
        << bsdiffPatch(10, controls({{0, half, half}}), zeros, {}) << qint64(10) << u"more than the 10"_s;
    QTest::newRow("copy that wraps the remaining room")
        << bsdiffPatch(10, controls({{0, 5, max - 2}}), zeros, zeros) << qint64(10) << u"more than the 10"_s;
    QTest::newRow("step that writes nothing")
        << bsdiffPatch(10, controls({{0, 0, 0}, {0, 10, 0}}), zeros, {}) << qint64(10) << u"writes nothing"_s;
    QTest::newRow("varint past 64 bits") << bsdiffPatch(10, QByteArray(11, '\xff') + '\x01', zeros, {}) << qint64(10)
                                         << u"control value is not valid"_s;
    QTest::newRow("control stream ends early")
        << bsdiffPatch(10, controls({{0, 5, 0}}), zeros, {}) << qint64(10) << u"is truncated"_s;
    QTest::newRow("control stream goes on")
        << bsdiffPatch(10, controls({{0, 10, 0}, {0, 1, 0}}), zeros, {}) << qint64(10) << u"past the end of the new"_s;
    QTest::newRow("diff stream shorter than its steps")
        << bsdiffPatch(10, controls({{0, 10, 0}}), QByteArray(4, '\0'), {}) << qint64(10) << u"is truncated"_s;
    QTest::newRow("extra stream shorter than its steps")
        << bsdiffPatch(10, controls({{0, 0, 10}}), {}, QByteArray(4, 'x')) << qint64(10) << u"is truncated"_s;
    QTest::newRow("diff stream longer than its steps") << bsdiffPatch(10, controls({{0, 10, 0}}), QByteArray(20, '\0'),
        {}) << qint64(10) << u"past the end of the new"_s;
    QTest::newRow("header gives a larger new size")
        << bsdiffPatch(11, controls({{0, 11, 0}}), QByteArray(11, '\0'), {}) << qint64(10) << u"more than the 10"_s;
    QTest::newRow("header gives a smaller new size")
        << bsdiffPatch(9, controls({{0, 9, 0}}), QByteArray(9, '\0'), {}) << qint64(10) << u"unpacks to 9 bytes"_s;

    QByteArray huge = BsdiffFormat::kMagic.toByteArray();
    for (const quint64 value : {quint64(10), max, max, quint64(2)})
        BsdiffFormat::appendVarint(huge, value);
    QTest::newRow("stream lengths past the patch") << huge << qint64(10) << u"is truncated"_s;
    QByteArray wrapping = BsdiffFormat::kMagic.toByteArray();
    for (const quint64 value : {quint64(10), half, half, quint64(0)})
        BsdiffFormat::appendVarint(wrapping, value);
    QTest::newRow("stream lengths that wrap around") << wrapping << qint64(10) << u"is truncated"_s;
    QTest::newRow("header cut short") << BsdiffFormat::kMagic.toByteArray() + '\x0a' << qint64(10) << u"is truncated"_s;
    QTest::newRow("no magic") << "UPKBSD2 and more bytes to look like a header"_ba << qint64(10)
                              << u"is not a bsdiff patch"_s;
    QByteArray notZstd = BsdiffFormat::kMagic.toByteArray();
    for (const quint64 value : {quint64(10), quint64(6), quint64(0), quint64(0)})
        BsdiffFormat::appendVarint(notZstd, value);
    QTest::newRow("stream that is not zstd") << notZstd + "abcdef" << qint64(10) << u"is damaged"_s;

    // Streams whose frames ask for more than a 10-byte file justifies, or carry more than it needs.
    const QByteArray wideDiff
        = ZstdFrames::frame({quint64(1) << 20, std::nullopt, false}, ZstdFrames::storedBlocks(zeros));
    QTest::newRow("a stream asking for a wide window")
        << bsdiffPatchOfStreams(10, {ZstdFrames::compress(controls({{0, 10, 0}})), wideDiff, {}}) << qint64(10)
        << u"asks for a zstd window of 1048576 bytes"_s;
    const QByteArray half5 = ZstdFrames::compress(QByteArray(5, '\0'));
    QTest::newRow("a stream of two frames")
        << bsdiffPatchOfStreams(10, {ZstdFrames::compress(controls({{0, 10, 0}})), half5 + half5, {}}) << qint64(10)
        << u"a stream has bytes past its frame"_s;
    QTest::newRow("stream lengths past what the new size needs")
        << bsdiffPatchOfStreams(10,
               {ZstdFrames::compress(controls({{0, 10, 0}})), ZstdFrames::compress(zeros),
                   ZstdFrames::compress(randomBytes(5000, 12))})
        << qint64(10) << u"its streams are longer than a file of 10 bytes needs"_s;

    // The valid patch these variations start from, to show that the refusals are not spurious.
    QTest::newRow("valid") << bsdiffPatch(10, controls({{seekBy(990), 10, 0}}), zeros, {}) << qint64(10) << QString();
}

void TestPatch::hostileBsdiffIsRefused()
{
    QFETCH(QByteArray, patch);
    QFETCH(qint64, expectedSize);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString patchFile = dir.filePath(u"patch"_s);
    const QString output = dir.filePath(u"output"_s);
    writeTestFile(oldFile, QByteArray(1000, 'o'));
    writeTestFile(patchFile, patch);

    const QByteArray expected(expectedSize, 'o');
    const auto applied
        = applyPatch(PatchFormat::Bsdiff, oldFile, patchFile, output, expectedSize, sha256(expected), 0644);
    if (message.isEmpty()) {
        UPKEEP_VERIFY_OK(applied);
        QCOMPARE(readTestFile(output), expected);
        return;
    }
    UPKEEP_VERIFY_ERROR(applied, Error::Code::Mismatch);
    QVERIFY2(applied.error().message.contains(message), qPrintable(applied.error().message));
    QVERIFY(!QFileInfo::exists(output));
    QCOMPARE(readTestFile(oldFile), QByteArray(1000, 'o'));
}

void TestPatch::outputIsNeverWrittenThrough_data()
{
    QTest::addColumn<PatchFormat>("format");
    QTest::addColumn<QString>("existing");

    for (const PatchFormat format : {PatchFormat::Zstd, PatchFormat::Bsdiff}) {
        const QByteArray name = patchFormatName(format).toLatin1();
        QTest::addRow("%s: a file", name.constData()) << format << u"file"_s;
        QTest::addRow("%s: a symlink to a file", name.constData()) << format << u"symlink"_s;
        QTest::addRow("%s: a dangling symlink", name.constData()) << format << u"dangling"_s;
        QTest::addRow("%s: the old file itself", name.constData()) << format << u"old"_s;
    }
}

void TestPatch::outputIsNeverWrittenThrough()
{
    QFETCH(PatchFormat, format);
    QFETCH(QString, existing);

    QTemporaryDir dir;
    const QString oldFile = dir.filePath(u"old"_s);
    const QString newFile = dir.filePath(u"new"_s);
    const QString patchFile = dir.filePath(u"patch"_s);
    const QString target = dir.filePath(u"target"_s);
    QString output = dir.filePath(u"output"_s);
    writeTestFile(oldFile, kText);
    const QByteArray after = kText + "more\n";
    writeTestFile(newFile, after);
    UPKEEP_VERIFY_OK(PatchEncoder::encode(format, oldFile, newFile, patchFile));

    if (existing == u"file"_s) {
        writeTestFile(output, "already here");
    } else if (existing == u"symlink"_s) {
        writeTestFile(target, "the link's target");
        QVERIFY(QFile::link(target, output));
    } else if (existing == u"dangling"_s) {
        QVERIFY(QFile::link(target, output));
    } else {
        output = oldFile;
    }

    const auto applied = applyPatch(format, oldFile, patchFile, output, after.size(), sha256(after), 0644);
    UPKEEP_VERIFY_ERROR(applied, Error::Code::Io);
    QVERIFY2(applied.error().message.startsWith(u"Cannot create "_s), qPrintable(applied.error().message));
    QCOMPARE(readTestFile(oldFile), kText);
    if (existing == u"file"_s) {
        QCOMPARE(readTestFile(output), "already here"_ba);
    } else if (existing == u"symlink"_s) {
        QVERIFY(QFileInfo(output).isSymLink());
        QCOMPARE(readTestFile(target), "the link's target"_ba);
    } else if (existing == u"dangling"_s) {
        QVERIFY(QFileInfo(output).isSymLink());
        QVERIFY(!QFileInfo::exists(target));
    }
}

QTEST_GUILESS_MAIN(TestPatch)
#include "tst_patch.moc"
