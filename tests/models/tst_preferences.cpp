// Which notifications may show when: each kind can be turned off, and quiet hours (which may
// span midnight) silence them all.

#include "preferences.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quietHours_data();
    void quietHours();
    void eachKindCanBeTurnedOff();
    void intervals();
};

void TestPreferences::quietHours_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QTime>("from");
    QTest::addColumn<QTime>("to");
    QTest::addColumn<QTime>("now");
    QTest::addColumn<bool>("quiet");
    const QTime ten(22, 0), eight(8, 0);
    QTest::newRow("off") << false << ten << eight << QTime(23, 0) << false;
    QTest::newRow("late evening") << true << ten << eight << QTime(23, 0) << true;
    QTest::newRow("after midnight") << true << ten << eight << QTime(3, 0) << true;
    QTest::newRow("at the start") << true << ten << eight << QTime(22, 0) << true;
    QTest::newRow("at the end") << true << ten << eight << QTime(8, 0) << false;
    QTest::newRow("daytime") << true << ten << eight << QTime(12, 0) << false;
    QTest::newRow("a lunch break") << true << QTime(12, 0) << QTime(13, 0) << QTime(12, 30) << true;
    QTest::newRow("outside the lunch break") << true << QTime(12, 0) << QTime(13, 0) << QTime(14, 0) << false;
    QTest::newRow("empty span") << true << ten << ten << QTime(22, 0) << false;
}

void TestPreferences::quietHours()
{
    QFETCH(bool, enabled);
    QFETCH(QTime, from);
    QFETCH(QTime, to);
    QFETCH(QTime, now);
    QFETCH(bool, quiet);
    Preferences p;
    p.quietHours = enabled;
    p.quietFrom = from;
    p.quietTo = to;
    QCOMPARE(p.isQuiet(now), quiet);
    QCOMPARE(p.allows(Preferences::Notification::Failed, now), !quiet);
}

void TestPreferences::eachKindCanBeTurnedOff()
{
    using N = Preferences::Notification;
    const QTime noon(12, 0);
    Preferences p;
    for (N kind : {N::UpdateFound, N::Installed, N::RolledBack, N::Failed})
        QVERIFY(p.allows(kind, noon));
    p.notifyInstalled = false;
    QVERIFY(!p.allows(N::Installed, noon));
    QVERIFY(p.allows(N::UpdateFound, noon));
    p.notifyUpdateFound = false;
    p.notifyRolledBack = false;
    QVERIFY(!p.allows(N::UpdateFound, noon));
    QVERIFY(!p.allows(N::RolledBack, noon));
    QVERIFY(p.allows(N::Failed, noon));
}

void TestPreferences::intervals()
{
    using namespace std::chrono;
    QCOMPARE(Preferences::interval(Preferences::CheckInterval::Hourly), hours(1));
    QCOMPARE(Preferences::interval(Preferences::CheckInterval::Weekly), hours(168));
    QCOMPARE(Preferences::interval(Preferences::CheckInterval::Never), seconds(0));
}

QTEST_GUILESS_MAIN(TestPreferences)
#include "tst_preferences.moc"
