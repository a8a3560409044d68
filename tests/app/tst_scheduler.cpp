// The scheduler with a clock the test moves: checks come an interval apart with at most a
// tenth of it as jitter (and never with checks off); reminders fall due and clear; installs at
// a time fall due unless downloads are held; "when to install" preferences schedule new
// updates; everything survives a restart. Run in Berlin's zone, with an offset and summer time.

#include "scheduler.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include <ctime>

using namespace Qt::StringLiterals;

class TestScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void firstCheckComesSoon();
    void checksAreJittered_data();
    void checksAreJittered();
    void neverChecks();
    void reminderFallsDue();
    void installAtFallsDueUnlessHeld();
    void preferenceSchedulesNewUpdates_data();
    void preferenceSchedulesNewUpdates();
    void survivesARestart();
    void nextOccurrence_data();
    void nextOccurrence();

private:
    [[nodiscard]] QString file() const { return m_dir->filePath(u"upkeep.conf"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
    QDateTime m_now;
    Scheduler::Clock clock()
    {
        return [this] { return m_now; };
    }
};

void TestScheduler::initTestCase()
{
    // A zone with an offset and summer time, so that mixing up local time and UTC shows.
    qputenv("TZ", "Europe/Berlin");
    tzset();
}

void TestScheduler::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_now = QDateTime(QDate(2026, 3, 2), QTime(10, 0), Qt::UTC);
}

void TestScheduler::firstCheckComesSoon()
{
    Settings settings(file());
    Scheduler scheduler(settings, clock());
    const qint64 wait = m_now.secsTo(scheduler.nextCheck());
    QVERIFY2(wait >= 60 && wait <= 600, qPrintable(QString::number(wait)));
    QSignalSpy due(&scheduler, &Scheduler::checkDue);
    scheduler.tick();
    QCOMPARE(due.size(), 0);
    m_now = m_now.addSecs(wait);
    scheduler.tick();
    QCOMPARE(due.size(), 1);
    // The next one is set at once, so that ticking again does not check again.
    scheduler.tick();
    QCOMPARE(due.size(), 1);
}

void TestScheduler::checksAreJittered_data()
{
    QTest::addColumn<Preferences::CheckInterval>("interval");
    QTest::addColumn<qint64>("seconds");
    QTest::newRow("hourly") << Preferences::CheckInterval::Hourly << qint64(3600);
    QTest::newRow("daily") << Preferences::CheckInterval::Daily << qint64(86400);
    QTest::newRow("weekly") << Preferences::CheckInterval::Weekly << qint64(7 * 86400);
}

void TestScheduler::checksAreJittered()
{
    QFETCH(Preferences::CheckInterval, interval);
    QFETCH(qint64, seconds);
    Settings settings(file());
    Preferences p;
    p.checkInterval = interval;
    settings.setPreferences(p);
    Scheduler scheduler(settings, clock());
    std::set<qint64> seen;
    for (int i = 0; i < 50; ++i) {
        scheduler.checked();
        const qint64 wait = m_now.secsTo(scheduler.nextCheck());
        QVERIFY2(wait >= seconds - seconds / 10 && wait <= seconds + seconds / 10, qPrintable(QString::number(wait)));
        seen.insert(wait);
    }
    // Not the same moment every time.
    QVERIFY(seen.size() > 10);
}

void TestScheduler::neverChecks()
{
    Settings settings(file());
    Scheduler scheduler(settings, clock());
    QVERIFY(scheduler.nextCheck().isValid());
    Preferences p;
    p.checkInterval = Preferences::CheckInterval::Never;
    settings.setPreferences(p);
    QVERIFY(!scheduler.nextCheck().isValid());
    QSignalSpy due(&scheduler, &Scheduler::checkDue);
    m_now = m_now.addDays(400);
    scheduler.tick();
    scheduler.checked();
    QVERIFY(!scheduler.nextCheck().isValid());
    QCOMPARE(due.size(), 0);
}

void TestScheduler::reminderFallsDue()
{
    Settings settings(file());
    Scheduler scheduler(settings, clock());
    QSignalSpy due(&scheduler, &Scheduler::reminderDue);
    QSignalSpy changed(&scheduler, &Scheduler::deferralChanged);
    scheduler.remindLater(u"/a"_s, u"1.1.0"_s, m_now.addSecs(3600));
    QCOMPARE(changed.size(), 1);
    QVERIFY(scheduler.isPostponed(u"/a"_s, u"1.1.0"_s));
    QVERIFY(!scheduler.isPostponed(u"/a"_s, u"1.2.0"_s));
    m_now = m_now.addSecs(3599);
    scheduler.tick();
    QCOMPARE(due.size(), 0);
    m_now = m_now.addSecs(1);
    QVERIFY(!scheduler.isPostponed(u"/a"_s, u"1.1.0"_s));
    scheduler.tick();
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.at(0).at(0).toString(), u"/a"_s);
    QVERIFY(!scheduler.deferral(u"/a"_s));
    scheduler.tick();
    QCOMPARE(due.size(), 1);
}

void TestScheduler::installAtFallsDueUnlessHeld()
{
    Settings settings(file());
    Scheduler scheduler(settings, clock());
    bool metered = true;
    scheduler.setHoldProbe([&] { return metered; });
    QSignalSpy due(&scheduler, &Scheduler::installDue);
    scheduler.installAt(u"/a"_s, u"1.1.0"_s, m_now.addSecs(60));
    scheduler.installOnQuit(u"/b"_s, u"2.0.0"_s);
    m_now = m_now.addSecs(120);
    scheduler.tick();
    QCOMPARE(due.size(), 0);
    metered = false;
    scheduler.tick();
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.at(0).at(0).toString(), u"/a"_s);
    QCOMPARE(scheduler.dueOnQuit(), QStringList{u"/b"_s});
}

void TestScheduler::preferenceSchedulesNewUpdates_data()
{
    QTest::addColumn<Preferences::InstallWhen>("when");
    QTest::addColumn<bool>("scheduled");
    QTest::addColumn<int>("kind");
    QTest::newRow("ask") << Preferences::InstallWhen::Ask << false << -1;
    QTest::newRow("on quit") << Preferences::InstallWhen::OnQuit << true << int(Deferral::Kind::InstallOnQuit);
    QTest::newRow("at a time") << Preferences::InstallWhen::AtTime << true << int(Deferral::Kind::InstallAt);
}

void TestScheduler::preferenceSchedulesNewUpdates()
{
    QFETCH(Preferences::InstallWhen, when);
    QFETCH(bool, scheduled);
    QFETCH(int, kind);
    Settings settings(file());
    Preferences p;
    p.installWhen = when;
    p.installTime = QTime(3, 0);
    settings.setPreferences(p);
    Scheduler scheduler(settings, clock());
    QCOMPARE(scheduler.updateFound(u"/a"_s, u"1.1.0"_s), scheduled);
    const auto deferral = scheduler.deferral(u"/a"_s);
    QCOMPARE(deferral.has_value(), scheduled);
    if (deferral) {
        QCOMPARE(int(deferral->kind), kind);
        QCOMPARE(deferral->version, u"1.1.0"_s);
        if (deferral->kind == Deferral::Kind::InstallAt) {
            QCOMPARE(deferral->when, Scheduler::nextOccurrence(m_now, QTime(3, 0)));
            QVERIFY(deferral->when > m_now);
        }
    }
    // The user's own choice about the version wins over the preference.
    scheduler.remindLater(u"/b"_s, u"1.1.0"_s, m_now.addDays(1));
    QCOMPARE(scheduler.updateFound(u"/b"_s, u"1.1.0"_s), false);
    QCOMPARE(scheduler.deferral(u"/b"_s)->kind, Deferral::Kind::RemindAt);
}

void TestScheduler::survivesARestart()
{
    QDateTime next;
    {
        Settings settings(file());
        Scheduler scheduler(settings, clock());
        scheduler.remindLater(u"/a"_s, u"1.1.0"_s, m_now.addDays(1));
        scheduler.installOnQuit(u"/b"_s, u"2.0.0"_s);
        scheduler.installAt(u"/c"_s, u"3.0.0"_s, m_now.addSecs(7200));
        scheduler.checked();
        next = scheduler.nextCheck();
    }
    Settings settings(file());
    Scheduler scheduler(settings, clock());
    QCOMPARE(scheduler.nextCheck(), next);
    QVERIFY(scheduler.isPostponed(u"/a"_s, u"1.1.0"_s));
    QCOMPARE(scheduler.dueOnQuit(), QStringList{u"/b"_s});
    QCOMPARE(scheduler.deferral(u"/c"_s)->when, m_now.addSecs(7200));
}

void TestScheduler::nextOccurrence_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QTime>("now");
    QTest::addColumn<QTime>("at");
    QTest::addColumn<int>("days");
    QTest::newRow("later today") << QDate(2026, 3, 2) << QTime(1, 0) << QTime(3, 0) << 0;
    QTest::newRow("already past: tomorrow") << QDate(2026, 3, 2) << QTime(10, 0) << QTime(3, 0) << 1;
    QTest::newRow("exactly now: tomorrow") << QDate(2026, 3, 2) << QTime(3, 0) << QTime(3, 0) << 1;
    // Berlin moves to summer time in the night of 29 March 2026: 03:00 comes an hour sooner.
    QTest::newRow("into summer time") << QDate(2026, 3, 28) << QTime(10, 0) << QTime(3, 0) << 1;
    QTest::newRow("back to winter time") << QDate(2026, 10, 24) << QTime(10, 0) << QTime(3, 0) << 1;
}

void TestScheduler::nextOccurrence()
{
    QFETCH(QDate, date);
    QFETCH(QTime, now);
    QFETCH(QTime, at);
    QFETCH(int, days);
    const QDateTime local(date, now, Qt::LocalTime);
    const QDateTime next = Scheduler::nextOccurrence(local.toUTC(), at);
    QCOMPARE(next.timeSpec(), Qt::UTC);
    QCOMPARE(next.toLocalTime(), QDateTime(date.addDays(days), at, Qt::LocalTime));
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
