// When a staged rollout holds, advances or halts: its plan, its share, the time and the updates
// counted, row by row.

#include "rolloutdecision.h"

#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(RolloutDecision::Action)

namespace {

const QDateTime kSince(QDate(2026, 12, 1), QTime(6, 0), Qt::UTC);

RolloutPlan plan(bool halted = false)
{
    RolloutPlan plan;
    plan.steps = {5, 25, 50, 100};
    plan.everySeconds = 24 * 3600;
    plan.stepSince = kSince;
    plan.haltAboveBasisPoints = 200; // 2 %
    plan.minEvents = 50;
    plan.halted = halted;
    if (halted) {
        plan.haltedAt = kSince;
        plan.haltReason = u"5 of 50 updates failed."_s;
    }
    return plan;
}

} // namespace

class TestRolloutDecision : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decide_data();
    void decide();
    void nextDue();
    void describesNumbers();
};

void TestRolloutDecision::decide_data()
{
    QTest::addColumn<RolloutPlan>("plan");
    QTest::addColumn<int>("share");
    QTest::addColumn<qint64>("hoursLater");
    QTest::addColumn<qint64>("attempts");
    QTest::addColumn<qint64>("failures");
    QTest::addColumn<RolloutDecision::Action>("action");
    QTest::addColumn<int>("newShare");
    QTest::addColumn<QString>("reason"); // a part of it

    using A = RolloutDecision::Action;
    QTest::newRow("step not over") << plan() << 5 << qint64(23) << qint64(200) << qint64(0) << A::Hold << 5
                                   << u"The next step, 25%, is due 2026-12-02T06:00:00Z."_s;
    QTest::newRow("due, healthy: advance") << plan() << 5 << qint64(24) << qint64(50) << qint64(1) << A::Advance << 25
                                           << u"at or below the limit of 2%: advanced from 5% to 25%."_s;
    QTest::newRow("exactly at the limit advances")
        << plan() << 25 << qint64(30) << qint64(100) << qint64(2) << A::Advance << 50 << u"2 of 100 updates"_s;
    QTest::newRow("due, too few updates: wait") << plan() << 5 << qint64(48) << qint64(49) << qint64(0) << A::Hold << 5
                                                << u"it waits for 50 updates: 49 so far."_s;
    QTest::newRow("above the limit: halt") << plan() << 25 << qint64(1) << qint64(100) << qint64(3) << A::Halt << 0
                                           << u"3 of 100 updates failed or were rolled back"_s;
    QTest::newRow("halts before the step is over, at once")
        << plan() << 50 << qint64(0) << qint64(50) << qint64(50) << A::Halt << 0 << u"halted at 50%."_s;
    QTest::newRow("above, too few updates: hold")
        << plan() << 5 << qint64(1) << qint64(49) << qint64(49) << A::Hold << 5 << u"due 2026-12-02T06:00:00Z"_s;
    QTest::newRow("complete, healthy: hold")
        << plan() << 100 << qint64(100) << qint64(500) << qint64(0) << A::Hold << 100 << u"complete at 100%"_s;
    QTest::newRow("complete, failing: halt")
        << plan() << 100 << qint64(100) << qint64(500) << qint64(11) << A::Halt << 0 << u"above the limit of 2%"_s;
    QTest::newRow("between steps: on to the next")
        << plan() << 30 << qint64(24) << qint64(60) << qint64(0) << A::Advance << 50 << u"from 30% to 50%"_s;
    QTest::newRow("halted stays halted") << plan(true) << 0 << qint64(100) << qint64(1000) << qint64(0) << A::Hold << 0
                                         << u"The rollout was halted 2026-12-01T06:00:00Z: 5 of 50 updates failed."_s;
    RolloutPlan zeroLimit = plan();
    zeroLimit.haltAboveBasisPoints = 0;
    zeroLimit.minEvents = 1;
    QTest::newRow("0%: one failure halts") << zeroLimit << 5 << qint64(0) << qint64(1) << qint64(1) << A::Halt << 0
                                           << u"1 of 1 update failed or was rolled back"_s;
}

void TestRolloutDecision::decide()
{
    QFETCH(RolloutPlan, plan);
    QFETCH(int, share);
    QFETCH(qint64, hoursLater);
    QFETCH(qint64, attempts);
    QFETCH(qint64, failures);
    QFETCH(RolloutDecision::Action, action);
    QFETCH(int, newShare);
    QFETCH(QString, reason);

    const RolloutDecision decision
        = RolloutDecision::decide(plan, share, kSince.addSecs(hoursLater * 3600), {attempts, failures});
    QCOMPARE(decision.action, action);
    QCOMPARE(decision.share, newShare);
    QVERIFY2(decision.reason.contains(reason), qPrintable(decision.reason));
}

void TestRolloutDecision::nextDue()
{
    // After an advance the next step is due a step's time from now; after the last, none is.
    const QDateTime now = kSince.addSecs(30 * 3600);
    QCOMPARE(RolloutDecision::decide(plan(), 5, now, {50, 0}).nextDue, now.addSecs(24 * 3600));
    QVERIFY(!RolloutDecision::decide(plan(), 50, now, {50, 0}).nextDue.isValid());
    QCOMPARE(RolloutDecision::decide(plan(), 5, kSince, {0, 0}).nextDue, kSince.addSecs(24 * 3600));
}

void TestRolloutDecision::describesNumbers()
{
    QCOMPARE(RolloutDecision::describe({40, 2}),
        u"2 of 40 updates failed or were rolled back (5.0%, 95% interval 1.4%..16.5%)"_s);
    QCOMPARE(RolloutDecision::describe({0, 0}),
        u"0 of 0 updates failed or were rolled back (0.0%, 95% interval 0.0%..100.0%)"_s);
}

QTEST_GUILESS_MAIN(TestRolloutDecision)
#include "tst_rolloutdecision.moc"
