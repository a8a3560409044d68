// Objects are checked by what they decompress to. Every size must come out whole, including
// those that end exactly where the decoder's output buffer fills (where a tail once went
// missing), and an object that makes anything else is refused without leaving a file. So is a
// frame whose header asks for more memory than the file it makes justifies, before zstd
// allocates it: an object is only checked by what it makes, so only the decoder can catch it.

#include "publish/objectwriter.h"
#include "release/objectdecoder.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"
#include "support/zstdframes.h"

#include <QTemporaryDir>
#include <QTest>

#include <zstd.h>

using namespace Qt::StringLiterals;

namespace {

// Text-like bytes that compress, of any length.
QByteArray content(qsizetype length)
{
    QByteArray bytes;
    bytes.reserve(length);
    for (qsizetype i = 0; bytes.size() < length; ++i)
        bytes.append(QByteArray::number(i * 7919 % 100003)).append(i % 13 ? ' ' : '\n');
    bytes.truncate(length);
    return bytes;
}

} // namespace

class TestObjectDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void refused_data();
    void refused();
    void wideWindowIsRefused();
    void hostileFrameIsRefused_data();
    void hostileFrameIsRefused();
};

void TestObjectDecoder::roundTrip_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<int>("level");
    QTest::addColumn<int>("workers"); // zstd's own, as the publisher gives a file much larger than the rest
    const auto buffer = qsizetype(ZSTD_DStreamOutSize());
    QTest::newRow("1 byte") << qsizetype(1) << 19 << 0;
    QTest::newRow("one output buffer less a byte") << buffer - 1 << 19 << 0;
    QTest::newRow("exactly one output buffer") << buffer << 19 << 0;
    QTest::newRow("one output buffer and a byte") << buffer + 1 << 19 << 0;
    QTest::newRow("exactly two output buffers") << 2 * buffer << 19 << 0;
    QTest::newRow("1 MiB") << qsizetype(1024 * 1024) << 19 << 0;
    // Multithreaded frames: the same header facts (size, a window within it), read the same.
    QTest::newRow("1 byte on two workers") << qsizetype(1) << 19 << 2;
    QTest::newRow("3 MiB on two workers, within one window") << qsizetype(3 << 20) << 19 << 2;
    QTest::newRow("20 MiB on two workers, in several jobs") << qsizetype(20 << 20) << 3 << 2;
}

void TestObjectDecoder::roundTrip()
{
    QFETCH(qsizetype, size);
    QFETCH(int, level);
    QFETCH(int, workers);
    QTemporaryDir dir;
    const QByteArray bytes = content(size);
    writeTestFile(dir.filePath(u"file"_s), bytes);
    auto object = ObjectWriter(dir.path(), level).put(dir.filePath(u"file"_s), sha256(bytes), workers);
    UPKEEP_VERIFY_OK(object);
    const QString objectFile = ObjectWriter(dir.path()).objectPath(sha256(bytes));
    UPKEEP_VERIFY_OK(verifyObject(objectFile, size, sha256(bytes)));
    UPKEEP_VERIFY_OK(decodeObject(objectFile, dir.filePath(u"out"_s), size, sha256(bytes), 0640));
    QCOMPARE(readTestFile(dir.filePath(u"out"_s)), bytes);
    QCOMPARE(QFileInfo(dir.filePath(u"out"_s)).permissions() & QFile::ReadGroup, QFile::ReadGroup);
}

void TestObjectDecoder::refused_data()
{
    QTest::addColumn<qint64>("sizeDelta"); // added to the true size
    QTest::addColumn<bool>("otherSha");
    QTest::addColumn<QString>("message");

    QTest::newRow("the manifest understates the size") << qint64(-1) << false << u"unpacks to more than"_s;
    QTest::newRow("the manifest overstates the size") << qint64(1) << false << u"unpacks to 300000 bytes"_s;
    QTest::newRow("another content") << qint64(0) << true << u"does not match its sha256"_s;
    QTest::newRow("a window far past the size") << qint64(-299000) << false << u"unpacks to more than"_s;
}

void TestObjectDecoder::refused()
{
    QFETCH(qint64, sizeDelta);
    QFETCH(bool, otherSha);
    QFETCH(QString, message);

    QTemporaryDir dir;
    const QByteArray bytes = content(300000);
    writeTestFile(dir.filePath(u"file"_s), bytes);
    UPKEEP_VERIFY_OK(ObjectWriter(dir.path()).put(dir.filePath(u"file"_s), sha256(bytes)));
    const QString objectFile = ObjectWriter(dir.path()).objectPath(sha256(bytes));
    const qint64 size = bytes.size() + sizeDelta;
    const QString sha = otherSha ? sha256("something else") : sha256(bytes);

    auto verified = verifyObject(objectFile, size, sha);
    UPKEEP_VERIFY_ERROR(verified, Error::Code::Mismatch);
    QVERIFY2(verified.error().message.contains(message), qPrintable(verified.error().message));
    auto decoded = decodeObject(objectFile, dir.filePath(u"out"_s), size, sha, 0644);
    UPKEEP_VERIFY_ERROR(decoded, Error::Code::Mismatch);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"out"_s)));
}

void TestObjectDecoder::wideWindowIsRefused()
{
    // Exactly the content the manifest names, but in a frame asking for a window far past its
    // size: refused before zstd allocates it, so a hostile object cannot make a client reserve
    // 128 MiB for a small file.
    QTemporaryDir dir;
    const QByteArray bytes = content(300000);
    const QByteArray frame = ZstdFrames::compressWithWideWindow(bytes);
    QCOMPARE(ZstdFrames::declaredWindow(frame), quint64(1) << 27);
    QCOMPARE(ZSTD_getFrameContentSize(frame.constData(), size_t(frame.size())), ZSTD_CONTENTSIZE_UNKNOWN);
    const QString objectFile = dir.filePath(u"object"_s);
    writeTestFile(objectFile, frame);

    auto verified = verifyObject(objectFile, bytes.size(), sha256(bytes));
    UPKEEP_VERIFY_ERROR(verified, Error::Code::Mismatch);
    QVERIFY2(verified.error().message.contains(u"does not say how many bytes it unpacks to"_s),
        qPrintable(verified.error().message));
    auto decoded = decodeObject(objectFile, dir.filePath(u"out"_s), bytes.size(), sha256(bytes), 0644);
    UPKEEP_VERIFY_ERROR(decoded, Error::Code::Mismatch);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"out"_s)));
}

void TestObjectDecoder::hostileFrameIsRefused_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<QString>("message"); // empty: the object is valid

    // A small file, as stored blocks (of 1 KiB, so that any window fits them) inside frames whose
    // headers say what each row needs.
    const QByteArray bytes = content(3000);
    const QByteArray stored = ZstdFrames::storedBlocks(bytes, 1024);
    QTemporaryDir dir;
    writeTestFile(dir.filePath(u"file"_s), bytes);
    UPKEEP_VERIFY_OK(ObjectWriter(dir.path()).put(dir.filePath(u"file"_s), sha256(bytes)));
    const QByteArray published = readTestFile(ObjectWriter(dir.path()).objectPath(sha256(bytes)));
    const quint64 twoGiB = quint64(1) << 31;
    auto frame = [](std::optional<quint64> window, std::optional<quint64> contentSize, const QByteArray& blocks) {
        return ZstdFrames::frame({window, contentSize, false}, blocks);
    };
    QByteArray reserved = published;
    reserved[4] = char(reserved[4] | 0x08);

    QTest::newRow("as published") << published << QString();
    QTest::newRow("stored blocks in a frame that says their size") << frame({}, 3000, stored) << QString();
    QTest::newRow("a window just under the file's size") << frame(2816, 3000, stored) << QString();
    QTest::newRow("a 2 GiB window for a small file")
        << frame(twoGiB, 3000, stored) << u"asks for a zstd window of 2147483648 bytes"_s;
    QTest::newRow("a window just past the file's size")
        << frame(4096, 3000, stored) << u"asks for a zstd window of 4096 bytes"_s;
    QTest::newRow("a 2 GiB window and no content size")
        << frame(twoGiB, {}, stored) << u"does not say how many bytes it unpacks to"_s;
    QTest::newRow("a small window and no content size")
        << frame(1024, {}, stored) << u"does not say how many bytes it unpacks to"_s;
    QTest::newRow("a single segment of 2 GiB") << frame({}, twoGiB, stored) << u"unpacks to more than the 3000 bytes"_s;
    QTest::newRow("a content size one byte larger")
        << frame({}, 3001, stored) << u"unpacks to more than the 3000 bytes"_s;
    QTest::newRow("a content size one byte smaller")
        << frame({}, 2999, stored) << u"unpacks to 2999 bytes where the manifest gives 3000"_s;
    QTest::newRow("a second, empty frame after it")
        << published + frame({}, 0, ZstdFrames::storedBlocks({})) << u"it has bytes past its frame"_s;
    QTest::newRow("bytes after the frame") << published + "trailing" << u"it has bytes past its frame"_s;
    QTest::newRow("a skippable frame first")
        << ZstdFrames::skippableFrame(64) + published << u"it is not a zstd frame"_s;
    QTest::newRow("a reserved bit set") << reserved << u"its frame header is not valid"_s;
    QTest::newRow("empty") << QByteArray() << u"is truncated"_s;
    QTest::newRow("a header cut short") << published.left(5) << u"is truncated"_s;
}

void TestObjectDecoder::hostileFrameIsRefused()
{
    QFETCH(QByteArray, object);
    QFETCH(QString, message);

    const QByteArray bytes = content(3000);
    QTemporaryDir dir;
    const QString objectFile = dir.filePath(u"object"_s);
    const QString output = dir.filePath(u"out"_s);
    writeTestFile(objectFile, object);

    auto verified = verifyObject(objectFile, bytes.size(), sha256(bytes));
    auto decoded = decodeObject(objectFile, output, bytes.size(), sha256(bytes), 0644);
    if (message.isEmpty()) {
        UPKEEP_VERIFY_OK(verified);
        UPKEEP_VERIFY_OK(decoded);
        QCOMPARE(readTestFile(output), bytes);
        return;
    }
    UPKEEP_VERIFY_ERROR(verified, Error::Code::Mismatch);
    QVERIFY2(verified.error().message.contains(message), qPrintable(verified.error().message));
    UPKEEP_VERIFY_ERROR(decoded, Error::Code::Mismatch);
    QVERIFY2(decoded.error().message.contains(message), qPrintable(decoded.error().message));
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{u"object"_s});
}

QTEST_GUILESS_MAIN(TestObjectDecoder)
#include "tst_objectdecoder.moc"
