// Staged rollout buckets: stable for one installation and release, spread evenly over many
// installations, and different from one release to the next.

#include "policy/rollout.h"

#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

class TestRollout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stable();
    void shareMatchesThePercentage_data();
    void shareMatchesThePercentage();
    void edges();
    void nextReleaseReshuffles();
};

void TestRollout::stable()
{
    const QString id = u"5b1f2c9e-3d0a-4e43-9a57-7f3c1d2e8b6a"_s;
    const int bucket = rolloutBucket(id, u"demo"_s, u"1.2.0"_s);
    QVERIFY(bucket >= 0 && bucket < 100);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(rolloutBucket(id, u"demo"_s, u"1.2.0"_s), bucket);
}

void TestRollout::shareMatchesThePercentage_data()
{
    QTest::addColumn<int>("percent");
    QTest::newRow("1 %") << 1;
    QTest::newRow("10 %") << 10;
    QTest::newRow("50 %") << 50;
    QTest::newRow("90 %") << 90;
}

void TestRollout::shareMatchesThePercentage()
{
    QFETCH(int, percent);
    const int installations = 20000;
    int admitted = 0;
    for (int i = 0; i < installations; ++i)
        admitted += rolloutAdmits(percent, u"install-%1"_s.arg(i), u"demo"_s, u"2.0.0"_s) ? 1 : 0;
    const double share = 100.0 * admitted / installations;
    QVERIFY2(qAbs(share - percent) < 1.0, qPrintable(u"%1 % admitted"_s.arg(share)));
}

void TestRollout::edges()
{
    for (int i = 0; i < 1000; ++i) {
        const QString id = QUuid::createUuid().toString();
        QVERIFY(rolloutAdmits(100, id, u"demo"_s, u"1.0.0"_s));
        QVERIFY(!rolloutAdmits(0, id, u"demo"_s, u"1.0.0"_s));
    }
}

void TestRollout::nextReleaseReshuffles()
{
    // Of those first for 1.0.0 (10 %), only about 10 % are first again for 1.1.0.
    int firstTwice = 0;
    int firstOnce = 0;
    for (int i = 0; i < 20000; ++i) {
        const QString id = u"install-%1"_s.arg(i);
        if (!rolloutAdmits(10, id, u"demo"_s, u"1.0.0"_s))
            continue;
        ++firstOnce;
        firstTwice += rolloutAdmits(10, id, u"demo"_s, u"1.1.0"_s) ? 1 : 0;
    }
    QVERIFY(firstOnce > 0);
    QVERIFY2(firstTwice * 100 / firstOnce < 15, qPrintable(QString::number(firstTwice)));
}

QTEST_GUILESS_MAIN(TestRollout)
#include "tst_rollout.moc"
