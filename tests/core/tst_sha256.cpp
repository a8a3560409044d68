#include "sha256.h"

#include <QBuffer>
#include <QTemporaryFile>
#include <QTest>

using namespace Qt::StringLiterals;

// Sha256 is what every manifest, object, patch and download is checked with: it must give the
// standard digests, whole or fed in pieces, from memory or from a file.
class TestSha256 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void digests_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        // FIPS 180-2's examples, and a block boundary.
        QTest::newRow("empty") << QByteArray() << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
        QTest::newRow("abc") << "abc"_ba << u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s;
        QTest::newRow("two blocks") << "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"_ba
                                    << u"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"_s;
        QTest::newRow("a million a") << QByteArray(1'000'000, 'a')
                                     << u"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"_s;
    }

    void digests()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QCOMPARE(Sha256::hexOf(input), expected);
        QCOMPARE(Sha256::hash(input).toHex(), expected.toLatin1());

        // In uneven pieces, as downloads arrive.
        Sha256 pieces;
        for (qsizetype at = 0, step = 1; at < input.size(); at += step, step = step * 3 + 1)
            pieces.addData(QByteArrayView(input).sliced(at, std::min(step, input.size() - at)));
        QCOMPARE(pieces.hex(), expected);

        QTemporaryFile file;
        QVERIFY(file.open());
        QCOMPARE(file.write(input), input.size());
        QVERIFY(file.seek(0));
        Sha256 fromFile;
        QVERIFY(fromFile.addData(&file));
        QCOMPARE(fromFile.hex(), expected);
    }

    void resultStartsAgain()
    {
        Sha256 hash;
        hash.addData("abc");
        QCOMPARE(hash.hex(), u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
        QCOMPARE(hash.hex(), u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s);
        hash.addData("ab");
        hash.reset();
        hash.addData("abc");
        QCOMPARE(hash.hex(), u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
    }

    void unreadableDevice()
    {
        QBuffer closed;
        Sha256 hash;
        QVERIFY(!hash.addData(&closed));
        QVERIFY(!hash.addData(nullptr));
    }
};

QTEST_GUILESS_MAIN(TestSha256)
#include "tst_sha256.moc"
