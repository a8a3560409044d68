// Sizes as the window writes them: whole bytes, one decimal below three digits, none above.

#include "datasize.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestDataSize : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void format_data();
    void format();
};

void TestDataSize::format_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("nothing") << qint64(0) << u"0 bytes"_s;
    QTest::newRow("bytes") << qint64(850) << u"850 bytes"_s;
    QTest::newRow("kilobytes") << qint64(1500) << u"1.5 kB"_s;
    QTest::newRow("hundreds of kilobytes") << qint64(850000) << u"850 kB"_s;
    QTest::newRow("a delta") << qint64(12400000) << u"12.4 MB"_s;
    QTest::newRow("three digits") << qint64(310000000) << u"310 MB"_s;
    QTest::newRow("rounds up to three digits") << qint64(99960000) << u"100 MB"_s;
    QTest::newRow("a round figure") << qint64(27000000) << u"27 MB"_s;
    QTest::newRow("gigabytes") << qint64(2300000000) << u"2.3 GB"_s;
}

void TestDataSize::format()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(DataSize::format(bytes), text);
}

QTEST_GUILESS_MAIN(TestDataSize)
#include "tst_datasize.moc"
