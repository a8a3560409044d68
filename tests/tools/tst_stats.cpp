// upkeep-publish stats, the real binary, over a statistics log the test writes as nginx does (a current log
// and a rotated .gz one): the numbers in every format, --since and --app, the page, and what is refused.

#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ProgramRun stats(const QStringList& arguments)
{
    return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH)).run(QStringList{u"stats"_s} + arguments);
}

// One ping as nginx logs it.
QByteArray line(const QString& day, const QString& app, const QString& kind, const QString& from, const QString& to,
    const QString& outcome, const QString& id, const QString& os = u"debian-12"_s)
{
    return u"%1T08:15:00+00:00 204 app=%2&kind=%3&from=%4&to=%5&channel=stable&outcome=%6&os=%7&arch=x86_64"
           "&upkeep=0.1.0&id=%8\n"_s.arg(day, app, kind, from, to, outcome, os, id)
               .toUtf8();
}

} // namespace

class TestStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void csv_data();
    void csv();
    void table();
    void json();
    void page();
    void refuses_data();
    void refuses();

private:
    QStringList logs() const { return {m_dir.filePath(u"upkeep-statistics.log"_s), m_rotated}; }

    QTemporaryDir m_dir;
    QString m_rotated;
};

void TestStats::initTestCase()
{
    // The rotated log: May 31st and June 1st. 40 installations of editor 1.0.0, one that failed, and a
    // viewer on fedora.
    QByteArray old;
    for (int i = 0; i < 40; ++i)
        old += line(u"2026-05-31"_s, u"editor"_s, u"install"_s, QString(), u"1.0.0"_s, u"installed"_s, u"e%1"_s.arg(i));
    old += line(u"2026-06-01"_s, u"editor"_s, u"install"_s, QString(), u"1.0.0"_s, u"failed"_s, u"f0"_s);
    old += line(
        u"2026-06-01"_s, u"viewer"_s, u"install"_s, QString(), u"2.0.0"_s, u"installed"_s, u"v0"_s, u"fedora-40"_s);
    old += "2026-06-01T09:00:00+00:00 404 app=editor\n"; // no answered ping
    const QString rotated = m_dir.filePath(u"upkeep-statistics.log.1"_s);
    writeTestFile(rotated, old);
    QCOMPARE(TestProgram(QStandardPaths::findExecutable(u"gzip"_s)).run({rotated}).exitCode, 0);
    m_rotated = rotated + u".gz"_s;

    // The current log: June 2nd and 3rd. 20 of them update to 1.1.0, 2 rolled back by their health check
    // and 1 failed; one user goes back from 1.1.0 by hand.
    QByteArray now;
    for (int i = 0; i < 20; ++i) {
        const QString outcome = i < 2 ? u"rolled-back-automatically"_s : i == 2 ? u"failed"_s : u"installed"_s;
        now += line(i < 10 ? u"2026-06-02"_s : u"2026-06-03"_s, u"editor"_s, u"update"_s, u"1.0.0"_s, u"1.1.0"_s,
            outcome, u"e%1"_s.arg(i));
    }
    now += line(
        u"2026-06-03"_s, u"editor"_s, u"rollback"_s, u"1.1.0"_s, u"1.0.0"_s, u"rolled-back-by-user"_s, u"e19"_s);
    writeTestFile(m_dir.filePath(u"upkeep-statistics.log"_s), now);
}

void TestStats::csv_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("everything")
        << QStringList()
        << QStringList{u"adoption,2026-05-31,editor 1.0.0,installations,40"_s,
               u"adoption,2026-06-02,editor 1.0.0,installations,33"_s,
               u"adoption,2026-06-02,editor 1.1.0,installations,7"_s,
               u"adoption,2026-06-03,editor 1.0.0,installations,24"_s,
               u"adoption,2026-06-03,editor 1.1.0,installations,16"_s,
               u"adoption,2026-06-03,viewer 2.0.0,installations,1"_s, u"outcomes,2026-06-01,failed,events,1"_s,
               u"outcomes,2026-06-02,rolled-back-automatically,events,2"_s, u"release,,editor 1.1.0,attempts,20"_s,
               u"release,,editor 1.1.0,rolled_back_automatically,2"_s, u"release,,editor 1.1.0,failed,1"_s,
               u"release,,editor 1.1.0,rolled_back_by_user,1"_s, u"release,,editor 1.1.0,failure_rate,0.15"_s,
               u"release,,editor 1.0.0,attempts,41"_s, u"os,,debian-12,installations,41"_s,
               u"os,,fedora-40,installations,1"_s, u"arch,,x86_64,events,63"_s}
        << QStringList();
    QTest::newRow("--app") << QStringList{u"--app"_s, u"viewer"_s}
                           << QStringList{u"release,,viewer 2.0.0,attempts,1"_s, u"os,,fedora-40,installations,1"_s}
                           << QStringList{u"release,,editor 1.1.0,attempts,20"_s};
    QTest::newRow("--since") << QStringList{u"--since"_s, u"2026-06-02"_s}
                             << QStringList{u"release,,editor 1.1.0,attempts,20"_s,
                                    u"adoption,2026-06-02,editor 1.1.0,installations,7"_s}
                             << QStringList{u"release,,editor 1.0.0,attempts,41"_s,
                                    u"adoption,2026-05-31,editor 1.0.0,installations,40"_s};
}

void TestStats::csv()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, absent);

    const ProgramRun run = stats(arguments + QStringList{u"--format"_s, u"csv"_s} + logs());
    UPKEEP_EXPECT_EXIT(run, 0);
    const QStringList lines = run.out.split(u'\n');
    QCOMPARE(lines.first(), u"table,day,name,measure,value"_s);
    for (const QString& row : rows)
        QVERIFY2(lines.contains(row), qPrintable(row + u" not in\n"_s + run.out));
    for (const QString& row : absent)
        QVERIFY2(!lines.contains(row), qPrintable(row));
    QCOMPARE(run.err, u"upkeep-publish stats: 1 line skipped: not an answered ping.\n"_s);
}

void TestStats::table()
{
    const ProgramRun run = stats(logs());
    UPKEEP_EXPECT_EXIT(run, 0);
    QStringList simplified;
    for (const QString& row : run.out.split(u'\n'))
        simplified.append(row.simplified());
    QCOMPARE(simplified,
        QStringList({u"63 events from 42 installations, 2026-05-31 to 2026-06-03 (UTC)."_s, QString(),
            u"app version attempts installed rolled back failed failure rate 95% interval left by user"_s,
            u"editor 1.0.0 41 40 0 1 2.4% 0.4%..12.6% 0"_s, u"editor 1.1.0 20 17 2 1 15.0% 5.2%..36.0% 1"_s,
            u"viewer 2.0.0 1 1 0 0 0.0% 0.0%..79.3% 0"_s, QString()}));
}

void TestStats::json()
{
    const ProgramRun run = stats(QStringList{u"--format"_s, u"json"_s} + logs());
    UPKEEP_EXPECT_EXIT(run, 0);
    QJsonParseError error;
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(report[u"events"_s].toInteger(), 63);
    QCOMPARE(report[u"installations"_s].toInteger(), 42);
    QCOMPARE(report[u"days"_s].toArray().size(), 4);
    const QJsonObject release = report[u"releases"_s].toArray()[1].toObject();
    QCOMPARE(release[u"version"_s].toString(), u"1.1.0"_s);
    QCOMPARE(release[u"attempts"_s].toInteger(), 20);
    QCOMPARE(release[u"installations"_s].toInteger(), 20);
    const QJsonObject rate = release[u"failureRate"_s].toObject();
    QCOMPARE(rate[u"rate"_s].toDouble(), 0.15);
    QCOMPARE(qRound(rate[u"low"_s].toDouble() * 1000), 52);
    QCOMPARE(qRound(rate[u"high"_s].toDouble() * 1000), 360);
    QCOMPARE(report[u"splits"_s][u"os"_s][0][u"value"_s].toString(), u"debian-12"_s);
    QCOMPARE(report[u"outcomes"_s].toArray().size(), 4);
}

void TestStats::page()
{
    const QString page = m_dir.filePath(u"report.html"_s);
    // As cron runs it: no runtime folder, and whatever goes to stderr is mailed.
    const ProgramRun run = TestProgram(QString::fromUtf8(UPKEEP_PUBLISH), {.environment = {u"XDG_RUNTIME_DIR="_s}})
                               .run(QStringList{u"stats"_s, u"--app"_s, u"editor"_s, u"--html"_s, page} + logs());
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Wrote %1: 62 events from 41 installations.\n"_s.arg(page));
    QCOMPARE(run.err, u"upkeep-publish stats: 1 line skipped: not an answered ping.\n"_s); // and nothing of Qt
    const QString html = QString::fromUtf8(readTestFile(page));
    // Self-contained: every chart inline, nothing loaded, nothing run.
    QCOMPARE(html.count(u"<svg "_s), 7);
    QVERIFY(!html.contains(u"<script"_s, Qt::CaseInsensitive));
    QVERIFY(!html.contains(u"src="_s) && !html.contains(u"href="_s));
    for (const QString& text : {u"62 events from 41 installations"_s, u"(UTC); editor."_s,
             u"<td>1.1.0</td><td class=\"n\">20</td>"_s, u"15.0%"_s, u"5.2% – 36.0%"_s,
             u"Installations by the release they run, per day"_s, u"Installations by operating system"_s})
        QVERIFY2(html.contains(text), qPrintable(text));
    // The charts' ids differ from one to the next, as one page needs.
    QVERIFY(html.contains(u"id=\"adoption-"_s) && html.contains(u"id=\"outcomes-"_s));
}

void TestStats::refuses_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");

    QTest::newRow("no log") << QStringList() << 2 << u"expected one or more statistics logs"_s;
    QTest::newRow("--since not a day") << QStringList{u"--since"_s, u"June"_s, u"x.log"_s} << 2
                                       << u"--since takes a day as YYYY-MM-DD."_s;
    QTest::newRow("--format unknown") << QStringList{u"--format"_s, u"xml"_s, u"x.log"_s} << 2
                                      << u"--format takes text, csv or json."_s;
    QTest::newRow("missing log") << QStringList{u"/nonexistent/upkeep-statistics.log"_s} << 1
                                 << u"/nonexistent/upkeep-statistics.log: cannot read it"_s;
}

void TestStats::refuses()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, says);

    const ProgramRun run = stats(arguments);
    UPKEEP_EXPECT_EXIT(run, exitCode);
    QVERIFY2(run.err.startsWith(u"upkeep-publish stats: "_s + says), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
