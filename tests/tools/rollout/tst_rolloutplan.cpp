// A rollout plan as a publisher writes it on the command line, and as the release's signed metadata
// keeps it: parsed, refused with a sentence, written back the same.

#include "rolloutplan.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRolloutPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void steps_data();
    void steps();
    void durations_data();
    void durations();
    void percentages_data();
    void percentages();
    void keptInMetadata();
    void malformedMetadataRefused_data();
    void malformedMetadataRefused();
};

void TestRolloutPlan::steps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("steps"); // empty: refused

    QTest::newRow("the usual") << u"5,25,50,100"_s << QList<int>{5, 25, 50, 100};
    QTest::newRow("all at once") << u"100"_s << QList<int>{100};
    QTest::newRow("spaces") << u"1, 10 ,100"_s << QList<int>{1, 10, 100};
    QTest::newRow("not increasing") << u"5,50,25,100"_s << QList<int>{};
    QTest::newRow("a step twice") << u"5,5,100"_s << QList<int>{};
    QTest::newRow("0 is a halt, no step") << u"0,50,100"_s << QList<int>{};
    QTest::newRow("over 100") << u"50,101"_s << QList<int>{};
    QTest::newRow("not ending in 100") << u"5,25,50"_s << QList<int>{};
    QTest::newRow("no number") << u"5,,100"_s << QList<int>{};
    QTest::newRow("empty") << QString() << QList<int>{};
}

void TestRolloutPlan::steps()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, steps);

    auto parsed = RolloutPlan::parseSteps(text);
    if (steps.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, Error::Code::Usage);
        QVERIFY(parsed.error().message.startsWith(u"--plan takes increasing percentages"_s));
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, steps);
    QCOMPARE(RolloutPlan::stepsText(*parsed), RolloutPlan::stepsText(steps));
}

void TestRolloutPlan::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds"); // 0: refused
    QTest::addColumn<QString>("written");

    QTest::newRow("hours") << u"24h"_s << qint64(86400) << u"1d"_s;
    QTest::newRow("days") << u"7d"_s << qint64(7 * 86400) << u"7d"_s;
    QTest::newRow("minutes") << u"90m"_s << qint64(5400) << u"90m"_s;
    QTest::newRow("seconds") << u"45s"_s << qint64(45) << u"45s"_s;
    QTest::newRow("no unit") << u"24"_s << qint64(0) << QString();
    QTest::newRow("zero") << u"0h"_s << qint64(0) << QString();
    QTest::newRow("negative") << u"-1h"_s << qint64(0) << QString();
    QTest::newRow("weeks are not a unit") << u"2w"_s << qint64(0) << QString();
    QTest::newRow("fraction") << u"1.5h"_s << qint64(0) << QString();
}

void TestRolloutPlan::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QFETCH(QString, written);

    auto parsed = RolloutPlan::parseDuration(text);
    if (seconds == 0) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().message, u"--every takes a time such as 30m, 24h or 7d (s, m, h or d)."_s);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, seconds);
    QCOMPARE(RolloutPlan::durationText(*parsed), written);
}

void TestRolloutPlan::percentages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("basisPoints"); // -1: refused
    QTest::addColumn<QString>("written");

    QTest::newRow("with %") << u"2%"_s << 200 << u"2%"_s;
    QTest::newRow("without") << u"2"_s << 200 << u"2%"_s;
    QTest::newRow("a half") << u"0.5%"_s << 50 << u"0.5%"_s;
    QTest::newRow("hundredths") << u"1.25%"_s << 125 << u"1.25%"_s;
    QTest::newRow("zero: any failure") << u"0%"_s << 0 << u"0%"_s;
    QTest::newRow("all") << u"100%"_s << 10000 << u"100%"_s;
    QTest::newRow("over 100") << u"100.5%"_s << -1 << QString();
    QTest::newRow("negative") << u"-1%"_s << -1 << QString();
    QTest::newRow("too fine") << u"0.125%"_s << -1 << QString();
    QTest::newRow("0.02 is 0.02 %, not 2 %") << u"0.02"_s << 2 << u"0.02%"_s;
    QTest::newRow("words") << u"two"_s << -1 << QString();
}

void TestRolloutPlan::percentages()
{
    QFETCH(QString, text);
    QFETCH(int, basisPoints);
    QFETCH(QString, written);

    auto parsed = RolloutPlan::parseBasisPoints(text);
    if (basisPoints < 0) {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().message, u"--halt-above takes a percentage from 0 to 100, e.g. 2% or 0.5%."_s);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(*parsed, basisPoints);
    QCOMPARE(RolloutPlan::basisPointsText(*parsed), written);
}

void TestRolloutPlan::keptInMetadata()
{
    RolloutPlan plan;
    plan.steps = {10, 50, 100};
    plan.everySeconds = 3600;
    plan.stepSince = QDateTime(QDate(2026, 12, 1), QTime(6, 30), Qt::UTC);
    plan.haltAboveBasisPoints = 50;
    plan.minEvents = 20;
    plan.halted = true;
    plan.haltedAt = plan.stepSince.addSecs(60);
    plan.haltReason = u"3 of 20 updates failed."_s;

    // Integers and strings only: signed metadata has no floating point.
    const JsonValue json = plan.toJson();
    QCOMPARE(*json.find("halt_above_basis_points"), JsonValue(50));
    QCOMPARE(*json.find("step_since"), JsonValue("2026-12-01T06:30:00Z"));
    auto back = RolloutPlan::fromJson(json);
    QVERIFY(back);
    QCOMPARE(back->steps, plan.steps);
    QCOMPARE(back->everySeconds, plan.everySeconds);
    QCOMPARE(back->stepSince, plan.stepSince);
    QCOMPARE(back->haltAboveBasisPoints, plan.haltAboveBasisPoints);
    QCOMPARE(back->minEvents, plan.minEvents);
    QCOMPARE(back->halted, true);
    QCOMPARE(back->haltedAt, plan.haltedAt);
    QCOMPARE(back->haltReason, plan.haltReason);
    QCOMPARE(back->toJson(), json);
}

void TestRolloutPlan::malformedMetadataRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<JsonValue>("value"); // null: left out

    QTest::newRow("no steps") << u"steps"_s << JsonValue();
    QTest::newRow("steps not ending in 100") << u"steps"_s << JsonValue(JsonArray{5, 50});
    QTest::newRow("a step as text") << u"steps"_s << JsonValue(JsonArray{"5", 100});
    QTest::newRow("no time") << u"every_seconds"_s << JsonValue(0);
    QTest::newRow("limit over 100 %") << u"halt_above_basis_points"_s << JsonValue(10001);
    QTest::newRow("no events needed") << u"min_events"_s << JsonValue(0);
    QTest::newRow("no start") << u"step_since"_s << JsonValue("yesterday");
    QTest::newRow("halted as text") << u"halted"_s << JsonValue("no");
}

void TestRolloutPlan::malformedMetadataRefused()
{
    QFETCH(QString, field);
    QFETCH(JsonValue, value);

    RolloutPlan plan;
    plan.steps = {5, 100};
    plan.stepSince = QDateTime(QDate(2026, 12, 1), QTime(6, 30), Qt::UTC);
    JsonObject json = plan.toJson().toObject();
    if (value.isNull())
        json.erase(field.toStdString());
    else
        json.insert_or_assign(field.toStdString(), value);
    auto parsed = RolloutPlan::fromJson(JsonValue(json));
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, Error::Code::InvalidInput);
    QCOMPARE(parsed.error().message,
        u"The release's rollout plan has no valid \"%1\"; set it again with --plan."_s.arg(field));
}

QTEST_GUILESS_MAIN(TestRolloutPlan)
#include "tst_rolloutplan.moc"
