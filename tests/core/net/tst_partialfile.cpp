// PartialFile on its own: a part grows by appends and becomes the destination only with the signed
// length and sha256 (or what the verifier accepts, else its refusal says why); it survives a close
// to be resumed, is never longer than the length, never written through a symlink, and a wrong
// one is deleted.

#include "net/partialfile.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kContent = "The bytes of a file the signed metadata names, in three parts.\n"_ba;
const QString kSha256 = sha256(kContent);
const QString kOtherSha256 = QString(64, u'0');

PartialFile::Verifier acceptsContent()
{
    return [](const QString& file) -> std::expected<void, Error> {
        if (readTestFile(file) == kContent)
            return {};
        return std::unexpected(Error{Error::Code::Mismatch, u"It does not make the file it should."_s});
    };
}

} // namespace

class TestPartialFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finish_data();
    void finish();
    void resumesAfterClose();
    void appendBeyondTheLength();
    void restart();
    void sizeOnDisk_data();
    void sizeOnDisk();
    void partLongerThanTheLengthStartsOver();
    void neverThroughASymlink();
    void isInPlace_data();
    void isInPlace();
    void emptyPartGoesOnClose();
    void notOpen();
};

void TestPartialFile::finish_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("sha256");
    QTest::addColumn<bool>("withVerifier");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("refusal");

    const QByteArray damaged = flipped(kContent, 10);
    QTest::newRow("the signed sha256") << kContent << kSha256 << false << true << QString();
    QTest::newRow("a flipped bit") << damaged << kSha256 << false << false << QString();
    QTest::newRow("another sha256") << kContent << kOtherSha256 << false << false << QString();
    // The sha256 decides when there is one; the verifier is not asked.
    QTest::newRow("sha256 first") << damaged << kSha256 << true << false << QString();
    QTest::newRow("verifier accepts") << kContent << QString() << true << true << QString();
    QTest::newRow("verifier refuses, saying why")
        << damaged << QString() << true << false << u"It does not make the file it should."_s;
    QTest::newRow("nothing to check it") << kContent << QString() << false << false << u"Nothing can check it."_s;
}

void TestPartialFile::finish()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, sha256);
    QFETCH(bool, withVerifier);
    QFETCH(bool, accepted);
    QFETCH(QString, refusal);

    QTemporaryDir folder;
    const QString destination = folder.filePath(u"object"_s);
    PartialFile part(destination, bytes.size(), sha256, withVerifier ? acceptsContent() : PartialFile::Verifier());
    QCOMPARE(part.path(), destination + u".part"_s);
    UPKEEP_VERIFY_OK(part.open());
    UPKEEP_VERIFY_OK(part.append(bytes.left(20)));
    UPKEEP_VERIFY_OK(part.append(bytes.mid(20, 20)));
    UPKEEP_VERIFY_OK(part.append(bytes.mid(40)));
    QCOMPARE(part.missing(), qint64(0));

    const auto finished = part.finish();
    UPKEEP_VERIFY_OK(finished);
    QCOMPARE(*finished, accepted);
    QCOMPARE(part.refusal(), refusal);
    QVERIFY(!QFileInfo::exists(part.path())); // renamed or deleted, never kept
    if (accepted) {
        QCOMPARE(readTestFile(destination), bytes);
    } else {
        QVERIFY(!QFileInfo::exists(destination));
        QCOMPARE(part.size(), qint64(0));
    }
}

void TestPartialFile::resumesAfterClose()
{
    QTemporaryDir folder;
    const QString destination = folder.filePath(u"object"_s);
    {
        PartialFile first(destination, kContent.size(), kSha256);
        UPKEEP_VERIFY_OK(first.open());
        UPKEEP_VERIFY_OK(first.append(kContent.left(25)));
        first.close();
        QVERIFY(!first.isOpen());
        QCOMPARE(first.sizeOnDisk(), qint64(25));
    }
    // Another attempt, or the next run: goes on from byte 25, and the hash covers the bytes before.
    PartialFile second(destination, kContent.size(), kSha256);
    QCOMPARE(second.sizeOnDisk(), qint64(25));
    UPKEEP_VERIFY_OK(second.open());
    QCOMPARE(second.size(), qint64(25));
    QCOMPARE(second.missing(), qint64(kContent.size() - 25));
    UPKEEP_VERIFY_OK(second.append(kContent.mid(25)));
    const auto finished = second.finish();
    UPKEEP_VERIFY_OK(finished);
    QVERIFY(*finished);
    QCOMPARE(readTestFile(destination), kContent);
}

void TestPartialFile::appendBeyondTheLength()
{
    QTemporaryDir folder;
    PartialFile part(folder.filePath(u"object"_s), kContent.size(), kSha256);
    UPKEEP_VERIFY_OK(part.open());
    UPKEEP_VERIFY_OK(part.append(kContent.left(60)));
    // More than is missing: refused whole, nothing of it written.
    UPKEEP_VERIFY_ERROR(part.append(kContent.mid(60) + "x"), Error::Code::LimitExceeded);
    QCOMPARE(part.size(), qint64(60));
    QCOMPARE(readTestFile(part.path()), kContent.left(60));
    UPKEEP_VERIFY_OK(part.append(kContent.mid(60)));
    const auto finished = part.finish();
    UPKEEP_VERIFY_OK(finished);
    QVERIFY(*finished);
}

void TestPartialFile::restart()
{
    QTemporaryDir folder;
    PartialFile part(folder.filePath(u"object"_s), kContent.size(), kSha256);
    UPKEEP_VERIFY_OK(part.open());
    UPKEEP_VERIFY_OK(part.append("not the beginning of the file"));
    UPKEEP_VERIFY_OK(part.restart());
    QCOMPARE(part.size(), qint64(0));
    QCOMPARE(QFileInfo(part.path()).size(), qint64(0));
    // The hash starts over too.
    UPKEEP_VERIFY_OK(part.append(kContent));
    const auto finished = part.finish();
    UPKEEP_VERIFY_OK(finished);
    QVERIFY(*finished);
}

void TestPartialFile::sizeOnDisk_data()
{
    QTest::addColumn<QByteArray>("onDisk");
    QTest::addColumn<bool>("exists");
    QTest::addColumn<qint64>("size");

    QTest::newRow("no part") << QByteArray() << false << qint64(0);
    QTest::newRow("an empty part") << QByteArray() << true << qint64(0);
    QTest::newRow("a beginning") << kContent.left(10) << true << qint64(10);
    QTest::newRow("all of it") << kContent << true << qint64(kContent.size());
    QTest::newRow("longer than the file: not its beginning") << kContent + "x" << true << qint64(0);
}

void TestPartialFile::sizeOnDisk()
{
    QFETCH(QByteArray, onDisk);
    QFETCH(bool, exists);
    QFETCH(qint64, size);

    QTemporaryDir folder;
    PartialFile part(folder.filePath(u"object"_s), kContent.size(), kSha256);
    if (exists)
        writeTestFile(part.path(), onDisk);
    QCOMPARE(part.sizeOnDisk(), size);
}

void TestPartialFile::partLongerThanTheLengthStartsOver()
{
    QTemporaryDir folder;
    PartialFile part(folder.filePath(u"object"_s), kContent.size(), kSha256);
    writeTestFile(part.path(), kContent + "and more");
    UPKEEP_VERIFY_OK(part.open());
    QCOMPARE(part.size(), qint64(0));
    QCOMPARE(QFileInfo(part.path()).size(), qint64(0));
}

void TestPartialFile::neverThroughASymlink()
{
    QTemporaryDir folder;
    const QString elsewhere = folder.filePath(u"elsewhere"_s);
    writeTestFile(elsewhere, kContent.left(10));
    PartialFile part(folder.filePath(u"object"_s), kContent.size(), kSha256);
    QVERIFY(QFile::link(elsewhere, part.path()));
    QCOMPARE(part.sizeOnDisk(), qint64(0));
    UPKEEP_VERIFY_ERROR(part.open(), Error::Code::Io);
    QVERIFY(!part.isOpen());
    QCOMPARE(readTestFile(elsewhere), kContent.left(10));
}

void TestPartialFile::isInPlace_data()
{
    QTest::addColumn<QByteArray>("destination"); // what the destination holds
    QTest::addColumn<bool>("exists");
    QTest::addColumn<QString>("sha256");
    QTest::addColumn<bool>("withVerifier");
    QTest::addColumn<bool>("inPlace");

    const QByteArray damaged = flipped(kContent, 0);
    QTest::newRow("the right bytes") << kContent << true << kSha256 << false << true;
    QTest::newRow("nothing there") << QByteArray() << false << kSha256 << false << false;
    QTest::newRow("a flipped bit") << damaged << true << kSha256 << false << false;
    QTest::newRow("too short") << kContent.chopped(1) << true << kSha256 << false << false;
    QTest::newRow("verifier accepts") << kContent << true << QString() << true << true;
    QTest::newRow("verifier refuses") << damaged << true << QString() << true << false;
    QTest::newRow("no sha256 and no verifier") << kContent << true << QString() << false << false;
}

void TestPartialFile::isInPlace()
{
    QFETCH(QByteArray, destination);
    QFETCH(bool, exists);
    QFETCH(QString, sha256);
    QFETCH(bool, withVerifier);
    QFETCH(bool, inPlace);

    QTemporaryDir folder;
    const QString path = folder.filePath(u"object"_s);
    if (exists)
        writeTestFile(path, destination);
    QCOMPARE(PartialFile::isInPlace(
                 path, kContent.size(), sha256, withVerifier ? acceptsContent() : PartialFile::Verifier()),
        inPlace);
}

void TestPartialFile::emptyPartGoesOnClose()
{
    QTemporaryDir folder;
    PartialFile part(folder.filePath(u"object"_s), kContent.size(), kSha256);
    UPKEEP_VERIFY_OK(part.open());
    QVERIFY(QFileInfo::exists(part.path()));
    part.close(); // nothing to resume from
    QVERIFY(!QFileInfo::exists(part.path()));

    UPKEEP_VERIFY_OK(part.open());
    UPKEEP_VERIFY_OK(part.append(kContent.left(5)));
    part.discard();
    QVERIFY(!QFileInfo::exists(part.path()));
    QCOMPARE(part.size(), qint64(0));
}

void TestPartialFile::notOpen()
{
    QTemporaryDir folder;
    PartialFile part(folder.filePath(u"object"_s), kContent.size(), kSha256);
    UPKEEP_VERIFY_ERROR(part.append("x"), Error::Code::Internal);
    UPKEEP_VERIFY_ERROR(part.restart(), Error::Code::Internal);
    UPKEEP_VERIFY_ERROR(part.finish(), Error::Code::Internal);
    UPKEEP_VERIFY_OK(part.open());
    UPKEEP_VERIFY_ERROR(part.finish(), Error::Code::Internal); // not complete
    QVERIFY(!QFileInfo::exists(folder.filePath(u"object"_s)));
}

QTEST_GUILESS_MAIN(TestPartialFile)
#include "tst_partialfile.moc"
