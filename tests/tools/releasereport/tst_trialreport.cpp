// TrialReport on hand-made trial results: a row per path with what its trials add up to, the
// repository's checks on rows of their own, every failure below the table with its path and
// fault, the summary, and the verdict the exit status follows.

#include "trialreport.h"

#include "texttable.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Kind = TrialResult::Kind;

TrialResult trial(Kind kind, const QString& from, const QString& fault, bool passed, qint64 milliseconds = 1000,
    std::optional<bool> health = true, qint64 fetched = 0, qint64 full = 0)
{
    TrialResult result;
    result.kind = kind;
    result.from = from;
    result.to = u"1.5.0"_s;
    result.fault = fault;
    result.passed = passed;
    result.failure = passed ? QString() : u"The update from %1 under %2 did not finish."_s.arg(from, fault);
    result.milliseconds = milliseconds;
    result.healthCheck = kind == Kind::Audit ? std::nullopt : health;
    result.bytesFetched = fetched;
    result.fullDownload = full;
    return result;
}

TrialResult update(const QString& fault, bool passed = true)
{
    return trial(Kind::Update, u"1.3.0"_s, fault, passed);
}

TrialResult kill(int at, bool passed = true)
{
    return trial(Kind::Kill, u"1.3.0"_s, u"kill at %1 ms"_s.arg(at), passed);
}

// The cells of the table's line that starts with `path` (cells are two or more spaces apart).
QStringList row(const QString& table, const QString& path)
{
    for (const QString& line : table.split(u'\n')) {
        if (line.startsWith(path + u"  "_s))
            return line.split(QRegularExpression(u" {2,}"_s));
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(std::vector<TrialResult>)

class TestTrialReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pathRow_data()
    {
        QTest::addColumn<std::vector<TrialResult>>("results");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("cells");

        const qint64 full = 30'100'000;
        QTest::newRow("a clean update with faults and kills survived")
            << std::vector{trial(Kind::Update, u"1.3.0"_s, u"none"_s, true, 12'345, true, 1'200'000, full),
                   update(u"dropped connection"_s), update(u"stall"_s), update(u"404 from the first mirror"_s),
                   kill(412), kill(1500), kill(2711)}
            << u"1.3.0 → 1.5.0"_s
            << QStringList{u"1.3.0 → 1.5.0"_s, u"1.2 MB of 30.1 MB, 4 %"_s, u"12.3 s"_s, u"3 of 3"_s, u"3 of 3"_s,
                   u"passed"_s, u"pass"_s};
        QTest::newRow("a fault not survived")
            << std::vector{trial(Kind::Update, u"1.3.0"_s, u"none"_s, true, 900, true, 812, full),
                   update(u"dropped connection"_s), update(u"corrupted bytes"_s, false)}
            << u"1.3.0 → 1.5.0"_s
            << QStringList{u"1.3.0 → 1.5.0"_s, u"812 B of 30.1 MB, <1 %"_s, u"0.9 s"_s, u"1 of 2"_s, u"—"_s,
                   u"passed"_s, u"FAIL"_s};
        QTest::newRow("a kill not survived")
            << std::vector{trial(Kind::Update, u"1.3.0"_s, u"none"_s, true, 61'000, true, 3'000'000, full), kill(5),
                   kill(6, false)}
            << u"1.3.0 → 1.5.0"_s
            << QStringList{u"1.3.0 → 1.5.0"_s, u"3.0 MB of 30.1 MB, 10 %"_s, u"1 min 1 s"_s, u"—"_s, u"1 of 2"_s,
                   u"passed"_s, u"FAIL"_s};
        QTest::newRow("a health check that fails")
            << std::vector{trial(Kind::Update, u"1.2.0"_s, u"none"_s, false, 2000, false, 5000, full)}
            << u"1.2.0 → 1.5.0"_s
            << QStringList{u"1.2.0 → 1.5.0"_s, u"5.0 kB of 30.1 MB, <1 %"_s, u"2.0 s"_s, u"—"_s, u"—"_s, u"FAILED"_s,
                   u"FAIL"_s};
        QTest::newRow("a release without a health check")
            << std::vector{trial(Kind::Update, u"1.2.0"_s, u"none"_s, true, 2000, std::nullopt, 5000, 0)}
            << u"1.2.0 → 1.5.0"_s
            << QStringList{u"1.2.0 → 1.5.0"_s, u"5.0 kB"_s, u"2.0 s"_s, u"—"_s, u"—"_s, u"—"_s, u"pass"_s};
        QTest::newRow("no clean trial: the time is the path's")
            << std::vector{update(u"stall"_s), update(u"503 from the first mirror"_s)} << u"1.3.0 → 1.5.0"_s
            << QStringList{u"1.3.0 → 1.5.0"_s, u"—"_s, u"2.0 s"_s, u"2 of 2"_s, u"—"_s, u"passed"_s, u"pass"_s};
        QTest::newRow("a fresh install") << std::vector{trial(Kind::FreshInstall, {}, u"none"_s, true, 3000, true, full,
                                                            full),
            trial(Kind::FreshInstall, {}, u"Range ignored"_s, true)}
                                         << u"fresh install of 1.5.0"_s
                                         << QStringList{u"fresh install of 1.5.0"_s, u"30.1 MB of 30.1 MB, 100 %"_s,
                                                u"3.0 s"_s, u"1 of 1"_s, u"—"_s, u"passed"_s, u"pass"_s};
        QTest::newRow("a check of the repository")
            << std::vector{trial(Kind::Audit, {}, u"manifest"_s, true, 40),
                   trial(Kind::Audit, {}, u"patches from 1.3.0"_s, false, 1234)}
            << u"repository: patches from 1.3.0"_s
            << QStringList{u"repository: patches from 1.3.0"_s, u"—"_s, u"1.2 s"_s, u"—"_s, u"—"_s, u"—"_s, u"FAIL"_s};
    }

    void pathRow()
    {
        QFETCH(std::vector<TrialResult>, results);
        QFETCH(QString, path);
        QFETCH(QStringList, cells);
        const QString table = TrialReport(results).table();
        QCOMPARE(row(table, path), cells);
    }

    void columnsAreAligned()
    {
        std::vector<TrialResult> results{
            trial(Kind::Audit, {}, u"manifest"_s, true, 40),
            trial(Kind::Audit, {}, u"health-check program"_s, true, 2),
            trial(Kind::Update, u"1.3.0"_s, u"none"_s, true, 12'345, true, 1'200'000, 30'100'000),
            kill(3),
            trial(Kind::Update, u"1.2.0-béta"_s, u"none"_s, true, 123'456, false, 29'000'000, 30'100'000),
            trial(Kind::FreshInstall, {}, u"none"_s, true, 900, true, 30'100'000, 30'100'000),
        };
        const QStringList lines = TrialReport(results).table().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        // Every column starts (and the right-aligned time ends) at the same terminal column on every line.
        const QRegularExpression gap(u" {2,}"_s);
        auto edges = [&](const QString& line) {
            QList<int> at;
            for (auto it = gap.globalMatch(line); it.hasNext();) {
                const auto match = it.next();
                at.append(TextTable::width(line.left(match.capturedEnd())));
            }
            return at;
        };
        const QList<int> header = edges(lines.front());
        QCOMPARE(header.size(), 6);
        for (const QString& line : lines) {
            QList<int> at = edges(line);
            QCOMPARE(at.size(), 6);
            // The time is right-aligned: where it starts depends on its length, where it ends does not.
            at.removeAt(1);
            QList<int> expected = header;
            expected.removeAt(1);
            QCOMPARE(at, expected);
            QVERIFY2(!line.endsWith(u' '), qPrintable(line));
        }
        QVERIFY(lines.front().startsWith(u"Path"_s));
        QVERIFY(lines[1].startsWith(u"repository: manifest"_s));
        QVERIFY(lines[3].startsWith(u"1.3.0 → 1.5.0"_s));
        QVERIFY(lines[4].startsWith(u"1.2.0-béta → 1.5.0"_s));
        QVERIFY(lines[5].startsWith(u"fresh install of 1.5.0"_s));
    }

    void failuresNameThePathAndFault()
    {
        TrialResult audit = trial(Kind::Audit, {}, u"patches from 1.3.0"_s, false);
        audit.failure = u"patches/aa-bb (the patch to lib/libtool.so) is missing.\n"
                        "patches/cc-dd (the patch to bin/tool) is 12 bytes where the signed size is 40.\n"_s;
        TrialResult silent = update(u"stall"_s, false);
        silent.failure.clear();
        // The runner's and a scenario's sentences begin with their path: not named twice.
        TrialResult named = update(u"Range ignored"_s, false);
        named.failure = u"1.3.0 → 1.5.0 under \"Range ignored\": the result is not exactly 1.5.0."_s;
        const TrialReport report(
            {update(u"none"_s), audit, update(u"dropped connection"_s, false), kill(412, false), silent, named});
        QCOMPARE(report.failures(),
            u"repository, patches from 1.3.0: patches/aa-bb (the patch to lib/libtool.so) is missing.\n"
            "    patches/cc-dd (the patch to bin/tool) is 12 bytes where the signed size is 40.\n"
            "1.3.0 → 1.5.0, dropped connection: The update from 1.3.0 under dropped connection did not finish.\n"
            "1.3.0 → 1.5.0, kill at 412 ms: The update from 1.3.0 under kill at 412 ms did not finish.\n"
            "1.3.0 → 1.5.0, stall: It failed without saying why.\n"
            "1.3.0 → 1.5.0 under \"Range ignored\": the result is not exactly 1.5.0.\n"_s);
        // The whole text: the table, the failures, the summary, a blank line between each.
        const QString text = report.text();
        QVERIFY(text.startsWith(report.table() + u'\n' + report.failures() + u'\n'));
        QVERIFY(text.endsWith(u'\n' + report.summary() + u'\n'));
    }

    void summaryAndVerdict_data()
    {
        QTest::addColumn<std::vector<TrialResult>>("results");
        QTest::addColumn<TrialReport::Verdict>("verdict");
        QTest::addColumn<QString>("summary");

        const TrialResult check = trial(Kind::Audit, {}, u"manifest"_s, true, 500);
        QTest::newRow("every trial passed")
            << std::vector{check, update(u"none"_s), update(u"stall"_s), kill(3),
                   trial(Kind::FreshInstall, {}, u"none"_s, true, 1500)}
            << TrialReport::Verdict::Passed
            << u"Passed: 1 check of the repository and 4 trials on 2 paths, in 5.0 s."_s;
        QTest::newRow("a trial failed") << std::vector{check, update(u"none"_s), update(u"stall"_s, false),
            trial(Kind::FreshInstall, {}, u"none"_s, true, 58'000)}
                                        << TrialReport::Verdict::Failed
                                        << u"FAILED: 1 of 3 trials on 1 of 2 paths failed, in 1 min 1 s."_s;
        QTest::newRow("a check failed") << std::vector{check, trial(Kind::Audit, {}, u"bundle"_s, false, 500),
            update(u"none"_s)} << TrialReport::Verdict::Failed
                                        << u"FAILED: 1 of 2 checks of the repository failed, in 2.0 s."_s;
        QTest::newRow("only checks") << std::vector{check} << TrialReport::Verdict::Passed
                                     << u"Passed: 1 check of the repository, in 0.5 s."_s;
        QTest::newRow("nothing tested") << std::vector<TrialResult>{} << TrialReport::Verdict::Failed
                                        << u"FAILED: nothing was tested."_s;
    }

    void summaryAndVerdict()
    {
        QFETCH(std::vector<TrialResult>, results);
        QFETCH(TrialReport::Verdict, verdict);
        QFETCH(QString, summary);
        const TrialReport report(results);
        QCOMPARE(report.verdict(), verdict);
        QCOMPARE(report.summary(), summary);
    }

    void skippedPathSaysWhy()
    {
        TrialResult skipped = trial(Kind::Update, u"1.0.0"_s, u"none"_s, true);
        skipped.skipped = true;
        skipped.output = u"1.0.0 → 1.5.0 is skipped: 1.5.0 accepts updates from 1.1.0 on."_s;
        const TrialReport report({skipped, update(u"none"_s)}, 1000);
        QCOMPARE(row(report.table(), u"1.0.0 → 1.5.0"_s),
            (QStringList{u"1.0.0 → 1.5.0"_s, u"—"_s, u"—"_s, u"—"_s, u"—"_s, u"—"_s, u"skipped"_s}));
        QCOMPARE(report.failures(), skipped.output + u'\n');
        QCOMPARE(report.verdict(), TrialReport::Verdict::Passed);
        QCOMPARE(report.summary(), u"Passed: 1 trial on 2 paths, 1 path skipped, in 1.0 s."_s);
    }

    void summarySaysTheTimeOnTheClock()
    {
        // Paths run side by side: the run took less than its trials together.
        const TrialReport report({update(u"none"_s), update(u"stall"_s)}, 1200);
        QCOMPARE(report.summary(), u"Passed: 2 trials on 1 path, in 1.2 s."_s);
    }

    void units_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("bytes") << qint64(0) << u"0 B"_s;
        QTest::newRow("under a kilobyte") << qint64(999) << u"999 B"_s;
        QTest::newRow("a kilobyte") << qint64(1000) << u"1.0 kB"_s;
        QTest::newRow("rounds up to the next unit") << qint64(999'960) << u"1.0 MB"_s;
        QTest::newRow("megabytes") << qint64(30'149'999) << u"30.1 MB"_s;
        QTest::newRow("gigabytes") << qint64(4'700'000'000) << u"4.7 GB"_s;
    }

    void units()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(TrialReport::bytes(bytes), text);
    }

    void durations_data()
    {
        QTest::addColumn<qint64>("milliseconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("nothing") << qint64(0) << u"0.0 s"_s;
        QTest::newRow("a fraction") << qint64(412) << u"0.4 s"_s;
        QTest::newRow("seconds") << qint64(12'345) << u"12.3 s"_s;
        QTest::newRow("just under a minute") << qint64(59'949) << u"59.9 s"_s;
        QTest::newRow("rounds to a minute") << qint64(59'950) << u"1 min 0 s"_s;
        QTest::newRow("minutes") << qint64(125'400) << u"2 min 5 s"_s;
    }

    void durations()
    {
        QFETCH(qint64, milliseconds);
        QFETCH(QString, text);
        QCOMPARE(TrialReport::duration(milliseconds), text);
    }
};

QTEST_GUILESS_MAIN(TestTrialReport)
#include "tst_trialreport.moc"
