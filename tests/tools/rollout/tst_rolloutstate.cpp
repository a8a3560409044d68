// Where a rollout stands, read from a release's signed facts, and how a new plan or a decision moves
// it: the share a plan starts at, a halted rollout restarted, when the current step began.

#include "rolloutstate.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime kBefore(QDate(2026, 12, 1), QTime(6, 0), Qt::UTC);
const QDateTime kNow(QDate(2026, 12, 3), QTime(9, 30), Qt::UTC);

RolloutState state(int share, bool planned, bool halted = false)
{
    RolloutState state;
    state.share = share;
    if (planned) {
        RolloutPlan plan;
        plan.steps = {5, 25, 50, 100};
        plan.stepSince = kBefore;
        plan.halted = halted;
        plan.haltedAt = halted ? kBefore : QDateTime();
        plan.haltReason = halted ? u"too many failed."_s : QString();
        state.plan = plan;
    }
    return state;
}

} // namespace

class TestRolloutState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void planned_data();
    void planned();
    void rulesChangeKeepsTheStep();
    void decided_data();
    void decided();
    void readFromFacts();
};

void TestRolloutState::planned_data()
{
    QTest::addColumn<RolloutState>("before");
    QTest::addColumn<QList<int>>("steps");
    QTest::addColumn<int>("share");
    QTest::addColumn<QDateTime>("stepSince");

    QTest::newRow("released at the first step") << state(5, false) << QList<int>{5, 25, 100} << 5 << kNow;
    QTest::newRow("released at less: up to the first step") << state(1, false) << QList<int>{5, 100} << 5 << kNow;
    QTest::newRow("released further: stays") << state(30, false) << QList<int>{5, 25, 50, 100} << 30 << kNow;
    QTest::newRow("released to all: stays") << state(100, false) << QList<int>{5, 100} << 100 << kNow;
    QTest::newRow("new steps, same share: the step goes on")
        << state(25, true) << QList<int>{10, 25, 100} << 25 << kBefore;
    QTest::newRow("new steps above the share: the step begins") << state(25, true) << QList<int>{50, 100} << 50 << kNow;
    QTest::newRow("halted: restarts at the first step") << state(0, true, true) << QList<int>{10, 100} << 10 << kNow;
}

void TestRolloutState::planned()
{
    QFETCH(RolloutState, before);
    QFETCH(QList<int>, steps);
    QFETCH(int, share);
    QFETCH(QDateTime, stepSince);

    RolloutState::Settings settings;
    settings.steps = steps;
    const RolloutState after = before.planned(settings, kNow);
    QCOMPARE(after.share, share);
    QVERIFY(after.plan);
    QCOMPARE(after.plan->steps, steps);
    QCOMPARE(after.plan->stepSince, stepSince);
    QVERIFY(!after.plan->halted);
    QCOMPARE(after.plan->haltReason, QString());
}

void TestRolloutState::rulesChangeKeepsTheStep()
{
    RolloutState::Settings settings;
    settings.haltAboveBasisPoints = 50;
    settings.minEvents = 200;
    const RolloutState after = state(0, true, true).planned(settings, kNow);
    QCOMPARE(after.share, 0);
    QCOMPARE(after.plan->steps, (QList<int>{5, 25, 50, 100}));
    QCOMPARE(after.plan->haltAboveBasisPoints, 50);
    QCOMPARE(after.plan->minEvents, qint64(200));
    QCOMPARE(after.plan->everySeconds, qint64(24 * 3600)); // the plan's, kept
    QCOMPARE(after.plan->stepSince, kBefore);
    QVERIFY(after.plan->halted); // only new steps restart it
}

void TestRolloutState::decided_data()
{
    QTest::addColumn<qint64>("attempts");
    QTest::addColumn<qint64>("failures");
    QTest::addColumn<int>("share");
    QTest::addColumn<QDateTime>("stepSince");
    QTest::addColumn<bool>("halted");

    QTest::newRow("hold") << qint64(10) << qint64(0) << 25 << kBefore << false;
    QTest::newRow("advance") << qint64(100) << qint64(0) << 50 << kNow << false;
    QTest::newRow("halt") << qint64(100) << qint64(10) << 0 << kNow << true;
}

void TestRolloutState::decided()
{
    QFETCH(qint64, attempts);
    QFETCH(qint64, failures);
    QFETCH(int, share);
    QFETCH(QDateTime, stepSince);
    QFETCH(bool, halted);

    const RolloutState before = state(25, true);
    const RolloutDecision decision = RolloutDecision::decide(*before.plan, before.share, kNow, {attempts, failures});
    const RolloutState after = before.decided(decision, kNow);
    QCOMPARE(after.share, share);
    QCOMPARE(after.plan->stepSince, stepSince);
    QCOMPARE(after.plan->halted, halted);
    QCOMPARE(after.plan->haltedAt, halted ? kNow : QDateTime());
    QCOMPARE(after.plan->haltReason, halted ? decision.reason : QString());
}

void TestRolloutState::readFromFacts()
{
    auto unset = RolloutState::fromCustom(JsonValue(JsonObject{{"version", "1.1.0"}}));
    QVERIFY(unset);
    QCOMPARE(unset->share, 100); // offered to all
    QVERIFY(!unset->plan);

    const RolloutState planned = state(25, true);
    auto read = RolloutState::fromCustom(
        JsonValue(JsonObject{{"rollout", 25}, {"rollout_plan", planned.plan->toJson()}, {"version", "1.1.0"}}));
    QVERIFY(read);
    QCOMPARE(read->share, 25);
    QVERIFY(read->plan);
    QCOMPARE(read->plan->toJson(), planned.plan->toJson());

    auto damaged = RolloutState::fromCustom(JsonValue(JsonObject{{"rollout_plan", JsonObject{{"steps", 5}}}}));
    QVERIFY(!damaged);
    QCOMPARE(damaged.error().code, Error::Code::InvalidInput);
}

QTEST_GUILESS_MAIN(TestRolloutState)
#include "tst_rolloutstate.moc"
