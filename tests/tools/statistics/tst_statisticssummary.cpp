// The numbers of a statistics report, counted from events as the log holds them: adoption per day,
// outcomes per day, each release's failure rate with its Wilson interval, and the splits.

#include "statisticssummary.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// An event as one line of the log says it.
StatisticsEvent ping(const QString& day, const QString& id, const QString& kind, const QString& from, const QString& to,
    const QString& outcome, const QString& os = u"debian-12"_s)
{
    const QString line = u"%1T12:00:00+00:00 204 app=editor&kind=%2&from=%3&to=%4&channel=stable&outcome=%5&os=%6"
                         "&arch=x86_64&upkeep=0.1.0&id=%7"_s.arg(day, kind, from, to, outcome, os, id);
    auto parsed = StatisticsEvent::parse(line.toUtf8());
    Q_ASSERT(parsed);
    return *parsed;
}

QList<qint64> values(const std::vector<StatisticsSummary::Series>& series, const QString& name)
{
    for (const StatisticsSummary::Series& one : series) {
        if (one.name == name)
            return one.values;
    }
    return {};
}

QStringList names(const std::vector<StatisticsSummary::Series>& series)
{
    QStringList all;
    for (const StatisticsSummary::Series& one : series)
        all.append(one.name);
    return all;
}

} // namespace

class TestStatisticsSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wilson_data();
    void wilson();
    void adoptionPerDay();
    void outcomesPerDay();
    void releases();
    void splits();
    void nothing();
};

void TestStatisticsSummary::wilson_data()
{
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("n");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");

    QTest::newRow("none of 10") << qint64(0) << qint64(10) << 0.0 << 0.2775;
    QTest::newRow("3 of 10") << qint64(3) << qint64(10) << 0.1078 << 0.6032;
    QTest::newRow("2 of 40") << qint64(2) << qint64(40) << 0.0138 << 0.1650;
    QTest::newRow("all of 50") << qint64(50) << qint64(50) << 0.9287 << 1.0;
    QTest::newRow("1 of 1") << qint64(1) << qint64(1) << 0.2065 << 1.0;
    QTest::newRow("no events: anything") << qint64(0) << qint64(0) << 0.0 << 1.0;
}

void TestStatisticsSummary::wilson()
{
    QFETCH(qint64, k);
    QFETCH(qint64, n);
    QFETCH(double, low);
    QFETCH(double, high);

    const WilsonInterval interval = WilsonInterval::of(k, n);
    QCOMPARE(qRound(interval.low * 10000), qRound(low * 10000));
    QCOMPARE(qRound(interval.high * 10000), qRound(high * 10000));
    QCOMPARE(interval.rate, n > 0 ? double(k) / double(n) : 0.0);
}

void TestStatisticsSummary::adoptionPerDay()
{
    StatisticsSummary summary;
    // Added newest first, as rotated logs are read; a day without events keeps the installations.
    summary.add(ping(u"2026-06-04"_s, u"b"_s, u"rollback"_s, u"1.1.0"_s, u"1.0.0"_s, u"rolled-back-by-user"_s));
    summary.add(ping(u"2026-06-02"_s, u"c"_s, u"update"_s, u"1.0.0"_s, u"1.1.0"_s, u"rolled-back-automatically"_s));
    summary.add(ping(u"2026-06-02"_s, u"b"_s, u"update"_s, u"1.0.0"_s, u"1.1.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-02"_s, u"a"_s, u"update"_s, u"1.0.0"_s, u"1.1.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-01"_s, u"c"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-01"_s, u"b"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-01"_s, u"a"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-01"_s, u"d"_s, u"install"_s, QString(), u"1.0.0"_s, u"failed"_s));

    QCOMPARE(
        summary.days(), QList<QDate>({QDate(2026, 6, 1), QDate(2026, 6, 2), QDate(2026, 6, 3), QDate(2026, 6, 4)}));
    const auto adoption = summary.installationsByVersion();
    QCOMPARE(names(adoption), QStringList({u"editor 1.0.0"_s, u"editor 1.1.0"_s}));
    QCOMPARE(values(adoption, u"editor 1.0.0"_s), QList<qint64>({3, 1, 1, 2}));
    QCOMPARE(values(adoption, u"editor 1.1.0"_s), QList<qint64>({0, 2, 2, 1}));
    QCOMPARE(summary.installations(), 4);
    QCOMPARE(summary.events(), 8);
}

void TestStatisticsSummary::outcomesPerDay()
{
    StatisticsSummary summary;
    summary.add(ping(u"2026-06-03"_s, u"a"_s, u"update"_s, u"1.0.0"_s, u"1.1.0"_s, u"failed"_s));
    summary.add(ping(u"2026-06-01"_s, u"a"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-01"_s, u"b"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-03"_s, u"b"_s, u"update"_s, u"1.0.0"_s, u"1.1.0"_s, u"installed"_s));

    const auto outcomes = summary.eventsByOutcome();
    QCOMPARE(names(outcomes), QStringList({u"failed"_s, u"installed"_s}));
    QCOMPARE(values(outcomes, u"installed"_s), QList<qint64>({2, 0, 1}));
    QCOMPARE(values(outcomes, u"failed"_s), QList<qint64>({0, 0, 1}));
}

void TestStatisticsSummary::releases()
{
    StatisticsSummary summary;
    // 1.10.0: 10 updates by 8 installations, 2 rolled back by their health check, 1 failed, 1 interrupted,
    // and one installation that went back by hand later.
    for (int i = 0; i < 10; ++i) {
        const QString outcome = i < 2 ? u"rolled-back-automatically"_s
            : i == 2                  ? u"failed"_s
            : i == 3                  ? u"interrupted"_s
                                      : u"installed"_s;
        summary.add(ping(u"2026-06-01"_s, u"id%1"_s.arg(i % 8), u"update"_s, u"1.9.0"_s, u"1.10.0"_s, outcome));
    }
    summary.add(ping(u"2026-06-02"_s, u"id7"_s, u"rollback"_s, u"1.10.0"_s, u"1.9.0"_s, u"rolled-back-by-user"_s));
    summary.add(ping(u"2026-05-01"_s, u"id0"_s, u"install"_s, QString(), u"1.9.0"_s, u"installed"_s));

    const auto releases = summary.releases();
    QCOMPARE(releases.size(), 2u);
    const StatisticsSummary::Release& old = releases[0];
    QCOMPARE(old.version, u"1.9.0"_s); // 1.9.0 before 1.10.0
    QCOMPARE(old.attempts, 1);
    QCOMPARE(old.installed, 1);
    QCOMPARE(old.failures(), 0);
    const StatisticsSummary::Release& next = releases[1];
    QCOMPARE(next.app, u"editor"_s);
    QCOMPARE(next.version, u"1.10.0"_s);
    QCOMPARE(next.attempts, 10);
    QCOMPARE(next.installations, 8);
    QCOMPARE(next.installed, 6);
    QCOMPARE(next.rolledBackAutomatically, 2);
    QCOMPARE(next.failed, 1);
    QCOMPARE(next.interrupted, 1);
    QCOMPARE(next.rolledBackByUser, 1);
    QCOMPARE(next.failures(), 3);
    QCOMPARE(qRound(next.failureRate().low * 10000), 1078);
    QCOMPARE(qRound(next.failureRate().high * 10000), 6032);
}

void TestStatisticsSummary::splits()
{
    StatisticsSummary summary;
    summary.add(ping(u"2026-06-01"_s, u"a"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s, u"fedora-40"_s));
    summary.add(ping(u"2026-06-02"_s, u"a"_s, u"update"_s, u"1.0.0"_s, u"1.1.0"_s, u"installed"_s, u"fedora-40"_s));
    summary.add(ping(u"2026-06-01"_s, u"b"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-01"_s, u"c"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s));
    summary.add(ping(u"2026-06-01"_s, u"d"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s, QString()));

    QCOMPARE(StatisticsSummary::kSplitFields, QStringList({u"channel"_s, u"os"_s, u"arch"_s, u"upkeep"_s}));
    const auto os = summary.split(u"os"_s);
    QCOMPARE(os.size(), 3u);
    QCOMPARE(os[0].value, u"debian-12"_s);
    QCOMPARE(os[0].installations, 2);
    QCOMPARE(os[0].events, 2);
    QCOMPARE(os[1].value, u"-"_s); // sent without an OS: ties keep the values' order
    QCOMPARE(os[1].installations, 1);
    QCOMPARE(os[2].value, u"fedora-40"_s);
    QCOMPARE(os[2].installations, 1);
    QCOMPARE(os[2].events, 2);
    const auto arch = summary.split(u"arch"_s);
    QCOMPARE(arch.size(), 1u);
    QCOMPARE(arch[0].installations, 4);
    QCOMPARE(arch[0].events, 5);
}

void TestStatisticsSummary::nothing()
{
    StatisticsSummary summary;
    QVERIFY(summary.days().isEmpty());
    QVERIFY(summary.installationsByVersion().empty());
    QVERIFY(summary.eventsByOutcome().empty());
    QVERIFY(summary.releases().empty());
    QVERIFY(summary.split(u"channel"_s).empty());
}

QTEST_GUILESS_MAIN(TestStatisticsSummary)
#include "tst_statisticssummary.moc"
