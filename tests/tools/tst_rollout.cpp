// upkeep-publish rollout, the real binary, on a repository it made: where a rollout stands, its plan
// set, then run as from cron over statistics logs the test writes as nginx does (one rotated and
// compressed): advanced, held, halted (exit 3, with --yank-on-halt the release withdrawn), a dry run
// that changes nothing, every decision in the publisher's rollout log, and what is refused. A run
// that finds the repository locked by another upkeep-publish waits for it, and refuses to commit a
// decision made on what that other one changed.

#include "install/installlock.h"
#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ProgramRun publish(const QStringList& arguments)
{
    return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH)).run(arguments);
}

// `count` pings of updates from 1.0.0 to `to` on `channel`, `failed` of them rolled back by the health check.
QByteArray updates(int count, int failed, const QString& to = u"1.1.0"_s, const QString& channel = u"stable"_s,
    const QString& idPrefix = u"i"_s)
{
    QByteArray lines;
    for (int i = 0; i < count; ++i) {
        lines += u"2026-12-01T08:%1:00+00:00 204 app=editor&kind=update&from=1.0.0&to=%2&channel=%3&outcome=%4"
                 "&os=debian-12&arch=x86_64&upkeep=0.1.0&id=%5%6\n"_s
                     .arg(QString::number(i % 60).rightJustified(2, u'0'), to, channel,
                         i < failed ? u"rolled-back-automatically"_s : u"installed"_s, idPrefix)
                     .arg(i)
                     .toUtf8();
    }
    return lines;
}

} // namespace

class TestRollout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusWithoutPlan();
    void decides_data();
    void decides();
    void haltedStaysHaltedUntilPlannedAgain();
    void promotedStartsAfresh();
    void waitsForAnotherChange_data();
    void waitsForAnotherChange();
    void refuses_data();
    void refuses();

private:
    // A copy of the planned repository, for a test to change.
    QString copy(const QString& name);
    [[nodiscard]] QStringList release(const QString& repository) const
    {
        return {repository, u"--app"_s, u"editor"_s, u"--version"_s, u"1.1.0"_s, u"--channel"_s, u"stable"_s};
    }
    [[nodiscard]] QStringList withKeys(const QString& repository) const
    {
        return QStringList{u"rollout"_s} + release(repository) + QStringList{u"--keys"_s, m_keys};
    }

    QTemporaryDir m_dir;
    QString m_keys;
    QString m_unplanned;
    QString m_planned;
};

void TestRollout::initTestCase()
{
    m_keys = m_dir.filePath(u"keys"_s);
    m_unplanned = m_dir.filePath(u"unplanned"_s);
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, m_unplanned, u"--keys"_s, m_keys, u"--unencrypted-keys"_s}), 0);
    const QString source = m_dir.filePath(u"source"_s);
    writeTestFile(source + u"/bin/editor"_s, "#!/bin/sh\n");
    for (const QString& version : {u"1.0.0"_s, u"1.1.0"_s}) {
        UPKEEP_EXPECT_EXIT(publish({u"release"_s, m_unplanned, u"--keys"_s, m_keys, u"--app"_s, u"editor"_s,
                               u"--version"_s, version, u"--channel"_s, u"stable"_s, u"--from"_s, source,
                               u"--rollout"_s, version == u"1.0.0"_s ? u"100"_s : u"5"_s}),
            0);
    }
    UPKEEP_EXPECT_EXIT(publish({u"promote"_s, m_unplanned, u"--keys"_s, m_keys, u"--app"_s, u"editor"_s, u"--version"_s,
                           u"1.1.0"_s, u"--to"_s, u"beta"_s}),
        0);

    // The plan every decision starts from: at 5 % since now, a step every second.
    m_planned = m_dir.filePath(u"planned"_s);
    copyTestTree(m_unplanned, m_planned);
    const ProgramRun planned = publish(withKeys(m_planned)
        + QStringList{u"--plan"_s, u"5,25,50,100"_s, u"--every"_s, u"1s"_s, u"--halt-above"_s, u"10%"_s,
            u"--min-events"_s, u"10"_s});
    UPKEEP_EXPECT_EXIT(planned, 0);
    QVERIFY2(planned.out.contains(u"editor 1.1.0 on stable: offered to 5% of installations.\n"
                                  "Plan: 5,25,50,100, a step every 1s; step 1 of 4 since "_s),
        qPrintable(planned.out));
    QVERIFY2(planned.out.contains(u"Halts when more than 10% of at least 10 updates fail or are rolled back.\n"
                                  "Set the plan 5,25,50,100, a step every 1s, halting above 10% of at least 10 "
                                  "updates; offered to 5%.\n"_s),
        qPrintable(planned.out));
    QTest::qSleep(1100); // the first step's time is over
}

QString TestRollout::copy(const QString& name)
{
    const QString repository = m_dir.filePath(name);
    copyTestTree(m_planned, repository);
    return repository;
}

void TestRollout::statusWithoutPlan()
{
    // Shown from the repository alone, without keys; nothing changes.
    const ProgramRun run = publish(QStringList{u"rollout"_s} + release(m_unplanned));
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out,
        u"editor 1.1.0 on stable: offered to 5% of installations.\n"
        "No rollout plan; set one with --plan, e.g. --plan 5,25,50,100 --every 24h.\n"_s);
    QVERIFY(!QFile::exists(m_unplanned + u"/.upkeep-publish/rollout.log"_s));
}

void TestRollout::decides_data()
{
    QTest::addColumn<QByteArray>("current");  // the statistics log
    QTest::addColumn<QByteArray>("rotated");  // the rotated log, compressed, given first
    QTest::addColumn<QStringList>("options"); // besides --log
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("said");  // a line of what it prints
    QTest::addColumn<QString>("share"); // in the status afterwards
    QTest::addColumn<bool>("logged");   // a line in the rollout log

    QTest::newRow("healthy: advances")
        << updates(20, 1) << QByteArray() << QStringList() << 0
        << u"1 of 20 updates failed or was rolled back (5.0%, 95% interval 0.9%..23.6%), at or below the limit "
           "of 10%: advanced from 5% to 25%."_s
        << u"25%"_s << true;
    QTest::newRow("failing: halts")
        << updates(20, 3) << QByteArray() << QStringList() << 3
        << u"3 of 20 updates failed or were rolled back (15.0%, 95% interval 5.2%..36.0%), above the limit of 10%: "
           "halted at 5%."_s
        << u"0%"_s << true;
    QTest::newRow("too few updates: holds")
        << updates(9, 0) << QByteArray() << QStringList() << 0
        << u"The next step, 25%, is due, but it waits for 10 updates: 9 so far. Nothing to do."_s << u"5%"_s << false;
    QTest::newRow("counted over the rotated log too, in any order")
        << updates(5, 3, u"1.1.0"_s, u"stable"_s, u"a"_s) << updates(15, 0, u"1.1.0"_s, u"stable"_s, u"b"_s)
        << QStringList() << 3 << u"3 of 20 updates failed or were rolled back"_s << u"0%"_s << true;
    QTest::newRow("failures on another channel do not count")
        << updates(20, 0) + updates(20, 20, u"1.1.0"_s, u"beta"_s, u"b"_s) << QByteArray() << QStringList() << 0
        << u"0 of 20 updates failed"_s << u"25%"_s << true;
    QTest::newRow("failures of another version do not count")
        << updates(20, 0) + updates(20, 20, u"1.0.1"_s, u"stable"_s, u"b"_s) << QByteArray() << QStringList() << 0
        << u"0 of 20 updates failed"_s << u"25%"_s << true;
    QTest::newRow("dry run: says, changes nothing")
        << updates(20, 3) << QByteArray() << QStringList{u"--dry-run"_s} << 3
        << u"Dry run, nothing changed; it would do this: 3 of 20 updates failed or were rolled back (15.0%, 95% "
           "interval 5.2%..36.0%), above the limit of 10%: halted at 5%."_s
        << u"5%"_s << false;
}

void TestRollout::decides()
{
    QFETCH(QByteArray, current);
    QFETCH(QByteArray, rotated);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, said);
    QFETCH(QString, share);
    QFETCH(bool, logged);

    const QString repository
        = copy(u"decides-%1"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'-'));
    QVERIFY(QFile::exists(repository + u"/metadata/1.root.json"_s));
    const QString logs = repository + u"-logs"_s;
    // As a shell expands a glob after --log: the further logs follow as words of their own.
    QStringList arguments = withKeys(repository) + options + QStringList{u"--log"_s};
    if (!rotated.isEmpty()) {
        writeTestFile(logs + u"/upkeep-statistics.log.1"_s, rotated);
        QCOMPARE(
            TestProgram(QStandardPaths::findExecutable(u"gzip"_s)).run({logs + u"/upkeep-statistics.log.1"_s}).exitCode,
            0);
        arguments.append(logs + u"/upkeep-statistics.log.1.gz"_s);
    }
    writeTestFile(logs + u"/upkeep-statistics.log"_s, current);
    arguments.append(logs + u"/upkeep-statistics.log"_s);

    const ProgramRun run = publish(arguments);
    UPKEEP_EXPECT_EXIT(run, exitCode);
    QVERIFY2(run.out.contains(said), qPrintable(run.out));

    const ProgramRun status = publish(QStringList{u"rollout"_s} + release(repository));
    UPKEEP_EXPECT_EXIT(status, 0);
    QVERIFY2(status.out.startsWith(u"editor 1.1.0 on stable: offered to %1 of installations.\n"_s.arg(share)),
        qPrintable(status.out));
    if (exitCode == 3 && !options.contains(u"--dry-run"_s))
        QVERIFY2(status.out.contains(u"\nHalted "_s), qPrintable(status.out));

    const QStringList journal = QString::fromUtf8(readTestFile(repository + u"/.upkeep-publish/rollout.log"_s))
                                    .split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(journal.size(), logged ? 2 : 1); // the plan, then the decision
    QVERIFY(journal.first().contains(u" editor 1.1.0 stable Set the plan 5,25,50,100"_s));
    if (logged)
        QVERIFY2(journal.last().contains(said), qPrintable(journal.last()));
}

void TestRollout::promotedStartsAfresh()
{
    // Planned at 5 % on stable; promoted to nightly, it starts at the share promote gives, unplanned.
    const QString repository = copy(u"promoted"_s);
    const QStringList promote{u"promote"_s, repository, u"--keys"_s, m_keys, u"--app"_s, u"editor"_s, u"--version"_s,
        u"1.1.0"_s, u"--to"_s, u"nightly"_s, u"--rollout"_s};
    const ProgramRun refused = publish(promote + QStringList{u"0"_s});
    UPKEEP_EXPECT_EXIT(refused, 2);
    QVERIFY2(refused.err.contains(u"--rollout takes a percentage from 1 to 100."_s), qPrintable(refused.describe()));
    const ProgramRun promoted = publish(promote + QStringList{u"10"_s});
    UPKEEP_EXPECT_EXIT(promoted, 0);
    QCOMPARE(promoted.out, u"Promoted editor 1.1.0 to nightly (1 file). Offered to 10% of its installations.\n"_s);
    const ProgramRun nightly = publish(
        {u"rollout"_s, repository, u"--app"_s, u"editor"_s, u"--version"_s, u"1.1.0"_s, u"--channel"_s, u"nightly"_s});
    UPKEEP_EXPECT_EXIT(nightly, 0);
    QCOMPARE(nightly.out,
        u"editor 1.1.0 on nightly: offered to 10% of installations.\n"
        "No rollout plan; set one with --plan, e.g. --plan 5,25,50,100 --every 24h.\n"_s);
}

void TestRollout::waitsForAnotherChange_data()
{
    QTest::addColumn<bool>("changedMeanwhile");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("said");

    QTest::newRow("nothing changed meanwhile") << false << 0 << u"advanced from 5% to 25%."_s;
    QTest::newRow("another plan meanwhile")
        << true << 1
        << u"the rollout of editor 1.1.0 on stable changed while this run decided; nothing was changed, run it "
           "again."_s;
}

void TestRollout::waitsForAnotherChange()
{
    QFETCH(bool, changedMeanwhile);
    QFETCH(int, exitCode);
    QFETCH(QString, said);
    const QString repository = copy(u"locked-%1"_s.arg(changedMeanwhile));
    const QString logs = repository + u"-logs"_s;
    writeTestFile(logs + u"/upkeep-statistics.log"_s, updates(20, 0));
    // Another upkeep-publish (this test) holds the repository.
    auto held = InstallLock::acquireFolder(repository);
    QVERIFY(held.has_value());
    QProcess run;
    run.start(QString::fromUtf8(UPKEEP_PUBLISH),
        withKeys(repository) + QStringList{u"--log"_s, logs + u"/upkeep-statistics.log"_s});
    QString err;
    QTRY_VERIFY_WITH_TIMEOUT(
        (err += QString::fromUtf8(run.readAllStandardError()))
            .contains(u"another upkeep-publish is changing %1; waiting for it to finish"_s.arg(repository)),
        10000);
    QTest::qWait(300);
    QCOMPARE(run.state(), QProcess::Running); // it waits, writing nothing
    if (changedMeanwhile) {
        // What the other one signed: a new plan for the same release.
        const QString other = copy(u"other-%1"_s.arg(changedMeanwhile));
        UPKEEP_EXPECT_EXIT(publish(withKeys(other) + QStringList{u"--plan"_s, u"10,100"_s}), 0);
        QVERIFY(QDir(repository + u"/metadata"_s).removeRecursively());
        copyTestTree(other + u"/metadata"_s, repository + u"/metadata"_s);
    }
    const QByteArray metadata = readTestFile(repository + u"/metadata/timestamp.json"_s);
    held = std::unexpected(Error{}); // the other one is done
    QVERIFY(run.waitForFinished(20000));
    err += QString::fromUtf8(run.readAllStandardError());
    const QString out = QString::fromUtf8(run.readAllStandardOutput());
    QVERIFY2(run.exitCode() == exitCode, qPrintable(out + err));
    QVERIFY2((out + err).contains(said), qPrintable(out + err));
    QCOMPARE(readTestFile(repository + u"/metadata/timestamp.json"_s) != metadata, !changedMeanwhile);
}

void TestRollout::haltedStaysHaltedUntilPlannedAgain()
{
    const QString repository = copy(u"halted"_s);
    const QString log = repository + u"-statistics.log"_s;
    writeTestFile(log, updates(20, 5));
    const QStringList decide = withKeys(repository) + QStringList{u"--log"_s, log};
    UPKEEP_EXPECT_EXIT(publish(decide), 3);

    // cron's next run: halted, nothing to do, no mail.
    ProgramRun run = publish(decide);
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY2(run.out.contains(u"The rollout was halted "_s) && run.out.endsWith(u" Nothing to do.\n"_s),
        qPrintable(run.out));

    // A new plan restarts it at its first step, the rule kept.
    run = publish(withKeys(repository) + QStringList{u"--plan"_s, u"10,100"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY2(run.out.startsWith(u"editor 1.1.0 on stable: offered to 10% of installations.\n"
                                "Plan: 10,100, a step every 1s; step 1 of 2 since "_s),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(u"Halts when more than 10% of at least 10 updates"_s), qPrintable(run.out));

    // Halted again, and withdrawn from the channel with --yank-on-halt; beta keeps it.
    run = publish(decide + QStringList{u"--yank-on-halt"_s});
    UPKEEP_EXPECT_EXIT(run, 3);
    QVERIFY2(run.out.endsWith(u"halted at 10%.\nWithdrew editor 1.1.0 from stable (--yank-on-halt).\n"_s),
        qPrintable(run.out));
    run = publish(QStringList{u"rollout"_s} + release(repository));
    UPKEEP_EXPECT_EXIT(run, 2);
    QVERIFY2(run.err.contains(u"stable has no editor 1.1.0."_s), qPrintable(run.err));
    QStringList beta = release(repository);
    beta.last() = u"beta"_s;
    UPKEEP_EXPECT_EXIT(publish(QStringList{u"rollout"_s} + beta), 0);
}

void TestRollout::refuses_data()
{
    QTest::addColumn<QStringList>("arguments"); // after REPO
    QTest::addColumn<QString>("message");

    const QStringList release{u"--app"_s, u"editor"_s, u"--version"_s, u"1.1.0"_s, u"--channel"_s, u"stable"_s};
    QTest::newRow("unknown app") << QStringList{u"--app"_s, u"viewer"_s, u"--version"_s, u"1.1.0"_s, u"--channel"_s,
        u"stable"_s} << u"stable has no viewer 1.1.0."_s;
    QTest::newRow("unknown version") << QStringList{u"--app"_s, u"editor"_s, u"--version"_s, u"9.0.0"_s, u"--channel"_s,
        u"stable"_s} << u"stable has no editor 9.0.0."_s;
    QTest::newRow("unknown channel") << QStringList{u"--app"_s, u"editor"_s, u"--version"_s, u"1.1.0"_s, u"--channel"_s,
        u"lts"_s} << u"the repository has no channel \"lts\"; it has stable, beta, nightly."_s;
    QTest::newRow("no channel") << QStringList{u"--app"_s, u"editor"_s, u"--version"_s, u"1.1.0"_s}
                                << u"--channel is required."_s;
    QTest::newRow("plan not increasing") << release + QStringList{u"--plan"_s, u"50,25,100"_s}
                                         << u"--plan takes increasing percentages"_s;
    QTest::newRow("plan not ending in 100")
        << release + QStringList{u"--plan"_s, u"5,50"_s} << u"--plan takes increasing percentages"_s;
    QTest::newRow("bad time") << release + QStringList{u"--plan"_s, u"5,100"_s, u"--every"_s, u"tomorrow"_s}
                              << u"--every takes a time such as 30m, 24h or 7d"_s;
    QTest::newRow("bad percentage") << release + QStringList{u"--plan"_s, u"5,100"_s, u"--halt-above"_s, u"200%"_s}
                                    << u"--halt-above takes a percentage from 0 to 100"_s;
    QTest::newRow("no events") << release + QStringList{u"--plan"_s, u"5,100"_s, u"--min-events"_s, u"0"_s}
                               << u"--min-events takes a number of updates from 1 on."_s;
    QTest::newRow("a rule without a plan") << release + QStringList{u"--halt-above"_s, u"1%"_s}
                                           << u"editor 1.1.0 on stable has no rollout plan yet: give --plan."_s;
    QTest::newRow("logs without a plan") << release + QStringList{u"--log"_s, u"/dev/null"_s}
                                         << u"editor 1.1.0 on stable has no rollout plan to decide on: give --plan."_s;
    QTest::newRow("two repositories") << release + QStringList{u"other"_s}
                                      << u"expected one repository folder; see --help."_s;
}

void TestRollout::refuses()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    const ProgramRun run = publish(QStringList{u"rollout"_s, m_unplanned, u"--keys"_s, m_keys} + arguments);
    UPKEEP_EXPECT_EXIT(run, 2);
    QVERIFY2(run.err.startsWith(u"upkeep-publish rollout: "_s + message), qPrintable(run.err));
    QCOMPARE(run.out, QString());
}

QTEST_GUILESS_MAIN(TestRollout)
#include "tst_rollout.moc"
