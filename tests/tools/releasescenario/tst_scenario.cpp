// Scenario files as a publisher writes them: the README's examples read into the steps they say,
// and every mistake is refused with a sentence that names the step and the field, so that a typo
// never runs as a test that checks nothing.

#include "scenario.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryStep();
    void examplesInTheDocsRead_data();
    void examplesInTheDocsRead();
    void refusesMistakes_data();
    void refusesMistakes();
};

void TestScenario::readsEveryStep()
{
    const QByteArray json = R"({
      "name": "flaky health check",
      "steps": [
        {"publish": {"version": "1.5.0", "from": "release-1.5.0", "channel": "beta", "health_check": "bin/check"}},
        {"install": "1.4.0"},
        {"fault": {"kind": "404", "on": "patches", "times": 2}},
        {"fault": {"kind": "corrupt", "on": "objects/abc.zst"}},
        {"update": {}},
        {"expect": {"version": "1.4.0", "outcome": "rolled back", "health_check": "failed"}},
        {"fault": "clear"},
        {"kill": {"after_ms": 250}},
        {"kill": {}},
        {"expect": {"version": "1.5.0", "exact": true, "fetched_at_most": 5000000}}
      ]
    })";
    auto scenario = Scenario::parse(json, u"/srv/tests/flaky.json"_s);
    QVERIFY2(scenario, qPrintable(scenario ? QString() : scenario.error().message));
    QCOMPARE(scenario->name, u"flaky health check"_s);
    QCOMPARE(scenario->steps.size(), std::size_t(10));

    const auto& publish = std::get<Scenario::Publish>(scenario->steps[0].action);
    QCOMPARE(publish.version, u"1.5.0"_s);
    QCOMPARE(publish.source, u"/srv/tests/release-1.5.0"_s); // relative to the scenario file
    QCOMPARE(publish.channel, u"beta"_s);
    QCOMPARE(publish.healthCheck, u"bin/check"_s);
    QCOMPARE(std::get<Scenario::Install>(scenario->steps[1].action).version, u"1.4.0"_s);

    const auto& notFound = std::get<Scenario::Fault>(scenario->steps[2].action);
    QCOMPARE(notFound.kind, Scenario::Fault::Kind::NotFound);
    QCOMPARE(notFound.on, Scenario::Fault::Target::Patches);
    QCOMPARE(notFound.times, 2);
    const auto& corrupt = std::get<Scenario::Fault>(scenario->steps[3].action);
    QCOMPARE(corrupt.on, Scenario::Fault::Target::Path);
    QCOMPARE(corrupt.path, u"objects/abc.zst"_s);
    QCOMPARE(corrupt.times, -1);
    QVERIFY(std::holds_alternative<Scenario::Update>(scenario->steps[4].action));

    const auto& rolledBack = std::get<Scenario::Expect>(scenario->steps[5].action);
    QCOMPARE(rolledBack.outcome, Scenario::Expect::Outcome::RolledBack);
    QCOMPARE(rolledBack.healthCheckPassed, false);
    QVERIFY(!rolledBack.exact);
    QCOMPARE(std::get<Scenario::Fault>(scenario->steps[6].action).kind, Scenario::Fault::Kind::Clear);
    QCOMPARE(std::get<Scenario::Kill>(scenario->steps[7].action).afterMs, 250);
    QVERIFY(!std::get<Scenario::Kill>(scenario->steps[8].action).afterMs);
    const auto& exact = std::get<Scenario::Expect>(scenario->steps[9].action);
    QVERIFY(exact.exact);
    QCOMPARE(exact.fetchedAtMost, 5000000);

    QCOMPARE(scenario->steps[2].describe(), u"step 3, fault: 404 from the first mirror on patches"_s);
    QCOMPARE(scenario->steps[5].describe(), u"step 6, expect version 1.4.0, rolled back, health check failed"_s);
    QCOMPARE(scenario->steps[8].describe(), u"step 9, kill at a random moment"_s);
}

void TestScenario::examplesInTheDocsRead_data()
{
    QTest::addColumn<QString>("file");
    const QDir examples(QStringLiteral(UPKEEP_SOURCE_DIR "/docs/examples"));
    const QStringList files = examples.entryList({u"scenario-*.json"_s}, QDir::Files);
    QVERIFY2(files.size() >= 2, "the README's two scenario examples are in docs/examples");
    for (const QString& file : files)
        QTest::newRow(qPrintable(file)) << examples.filePath(file);
}

void TestScenario::examplesInTheDocsRead()
{
    QFETCH(QString, file);
    auto scenario = Scenario::read(file);
    QVERIFY2(scenario, qPrintable(scenario ? QString() : scenario.error().message));
    QVERIFY(!scenario->name.isEmpty());
}

void TestScenario::refusesMistakes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("said");
    QTest::newRow("not JSON") << QByteArray("{\"steps\": [") << u"s.json"_s;
    QTest::newRow("no steps") << R"({"name": "x"})"_ba << u"s.json: steps is missing"_s;
    QTest::newRow("empty steps") << R"({"steps": []})"_ba << u"steps is empty"_s;
    QTest::newRow("unknown top field") << R"({"stesp": [], "steps": [{"install": "1.0.0"}]})"_ba
                                       << u"the scenario has no field \"stesp\""_s;
    QTest::newRow("unknown step") << R"({"steps": [{"instal": "1.0.0"}]})"_ba << u"steps[0] is no step: \"instal\""_s;
    QTest::newRow("two members") << R"({"steps": [{"install": "1.0.0", "update": {}}]})"_ba
                                 << u"steps[0] must have exactly one member"_s;
    QTest::newRow("update first") << R"({"steps": [{"update": {}}, {"install": "1.0.0"}]})"_ba
                                  << u"steps[0] acts on an installation, but no install step comes before it"_s;
    QTest::newRow("no expect") << R"({"steps": [{"install": "1.0.0"}, {"update": {}}]})"_ba << u"no expect step"_s;
    QTest::newRow("bad version") << R"({"steps": [{"install": "one"}, {"expect": {"exact": true}}]})"_ba
                                 << u"steps[0].install must be a version such as 1.5.0, not \"one\""_s;
    QTest::newRow("fault kind") << R"({"steps": [{"fault": {"kind": "flood", "on": "patches"}}]})"_ba
                                << u"steps[0].fault.kind must be one of drop, stall, truncate"_s;
    QTest::newRow("fault target") << R"({"steps": [{"fault": {"kind": "drop", "on": "../etc/passwd"}}]})"_ba
                                  << u"steps[0].fault.on must be patches, objects, bundle, manifest or a path"_s;
    QTest::newRow("fault string") << R"({"steps": [{"fault": "all"}]})"_ba
                                  << u"steps[0].fault is \"clear\" or an object"_s;
    QTest::newRow("fault times") << R"({"steps": [{"fault": {"kind": "drop", "on": "bundle", "times": 0}}]})"_ba
                                 << u"steps[0].fault.times must be at least 1"_s;
    QTest::newRow("update options") << R"({"steps": [{"install": "1.0.0"}, {"update": {"to": "2.0.0"}}]})"_ba
                                    << u"steps[1].update has no field \"to\""_s;
    QTest::newRow("kill field") << R"({"steps": [{"install": "1.0.0"}, {"kill": {"after": 3}}]})"_ba
                                << u"steps[1].kill has no field \"after\"; it takes after_ms"_s;
    QTest::newRow("empty expect") << R"({"steps": [{"install": "1.0.0"}, {"expect": {}}]})"_ba
                                  << u"steps[1].expect checks nothing"_s;
    QTest::newRow("typo in expect") << R"({"steps": [{"install": "1.0.0"}, {"expect": {"exakt": true}}]})"_ba
                                    << u"steps[1].expect has no field \"exakt\""_s;
    QTest::newRow("outcome") << R"({"steps": [{"install": "1.0.0"}, {"expect": {"outcome": "ok"}}]})"_ba
                             << u"steps[1].expect.outcome must be installed, rolled back or failed, not \"ok\""_s;
    QTest::newRow("health") << R"({"steps": [{"install": "1.0.0"}, {"expect": {"health_check": "yes"}}]})"_ba
                            << u"steps[1].expect.health_check must be passed or failed"_s;
    QTest::newRow("publish without from")
        << R"({"steps": [{"publish": {"version": "2.0.0"}}]})"_ba << u"steps[0].publish.from is missing"_s;
}

void TestScenario::refusesMistakes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, said);
    auto scenario = Scenario::parse(json, u"s.json"_s);
    QVERIFY(!scenario);
    QVERIFY2(scenario.error().message.contains(said), qPrintable(scenario.error().message));
}

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
