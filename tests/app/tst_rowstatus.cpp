// What the application list says of an installation, row by row of the chain that decides it:
// an update under way comes before everything, then a background download, a rollback or a
// change of channel, a check; a problem before an offer; a reminder only while it is ahead,
// a schedule until it has run; a deferral about another version counts for nothing.

#include "rowstatus.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Job = InstallationWorker::Job;
using Kind = Deferral::Kind;
using Status = ApplicationModel::Status;

const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
constexpr int kNone = -1; // no job, no deferral

} // namespace

class TestRowStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void status_data();
    void status();
};

void TestRowStatus::status_data()
{
    QTest::addColumn<bool>("loaded");
    QTest::addColumn<QString>("offered");
    QTest::addColumn<int>("job"); // a Job, or kNone
    QTest::addColumn<bool>("updating");
    QTest::addColumn<bool>("downloading");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<int>("deferral"); // a Deferral::Kind, or kNone
    QTest::addColumn<QString>("deferredVersion");
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QDateTime>("remindAt");
    QTest::addColumn<QDateTime>("scheduledAt");

    const QString offer = u"1.1.0"_s;
    const QString failed = u"The mirror answered 503."_s;
    const QDateTime in1h = kNow.addSecs(3600);
    const QDateTime ago1m = kNow.addSecs(-60);
    const QDateTime none;
    const int install = int(Job::Install);
    const int check = int(Job::Check);
    const int remind = int(Kind::RemindAt);
    const int at = int(Kind::InstallAt);
    const int onQuit = int(Kind::InstallOnQuit);

    // Before the worker has published anything.
    QTest::newRow("opening") << false << QString() << int(Job::Load) << false << false << QString() << kNone
                             << QString() << none << Status::Loading << QString() << none << none;
    QTest::newRow("opening failed") << false << QString() << kNone << false << false << failed << kNone << QString()
                                    << none << Status::Problem << failed << none << none;
    QTest::newRow("checking before it opened") << false << QString() << check << false << false << QString() << kNone
                                               << QString() << none << Status::Checking << QString() << none << none;

    // An update under way, whatever else holds.
    QTest::newRow("installing") << true << offer << install << false << false << QString() << kNone << QString() << none
                                << Status::Updating << QString() << none << none;
    QTest::newRow("update asked, waiting behind a check")
        << true << offer << check << true << false << QString() << kNone << QString() << none << Status::Updating
        << QString() << none << none;
    QTest::newRow("update asked during a background download")
        << true << offer << int(Job::Download) << true << true << QString() << kNone << QString() << none
        << Status::Updating << QString() << none << none;
    QTest::newRow("installing hides an earlier problem")
        << true << offer << install << true << false << failed << kNone << QString() << none << Status::Updating
        << QString() << none << none;
    QTest::newRow("installing a version with a reminder")
        << true << offer << install << true << false << QString() << remind << offer << in1h << Status::Updating
        << QString() << none << none;

    // A background download, then the user's rollbacks and channel changes, then a check.
    QTest::newRow("downloading in the background")
        << true << offer << int(Job::Download) << false << true << QString() << kNone << QString() << none
        << Status::Downloading << QString() << none << none;
    QTest::newRow("a check while a background download waits")
        << true << offer << check << false << true << QString() << kNone << QString() << none << Status::Downloading
        << QString() << none << none;
    QTest::newRow("rolling back") << true << QString() << int(Job::Rollback) << false << false << QString() << kNone
                                  << QString() << none << Status::RollingBack << QString() << none << none;
    QTest::newRow("changing channel") << true << offer << int(Job::Channel) << false << false << failed << kNone
                                      << QString() << none << Status::RollingBack << QString() << none << none;
    QTest::newRow("checking") << true << offer << check << false << false << failed << kNone << QString() << none
                              << Status::Checking << QString() << none << none;

    // Nothing running (skipping a version has no status of its own).
    QTest::newRow("a problem") << true << offer << kNone << false << false << failed << kNone << QString() << none
                               << Status::Problem << failed << none << none;
    QTest::newRow("a problem over a reminder") << true << offer << kNone << false << false << failed << remind << offer
                                               << in1h << Status::Problem << failed << none << none;
    QTest::newRow("up to date") << true << QString() << kNone << false << false << QString() << kNone << QString()
                                << none << Status::UpToDate << QString() << none << none;
    QTest::newRow("up to date, a schedule left over") << true << QString() << kNone << false << false << QString() << at
                                                      << offer << in1h << Status::UpToDate << QString() << none << none;
    QTest::newRow("update available") << true << offer << kNone << false << false << QString() << kNone << QString()
                                      << none << Status::UpdateAvailable << QString() << none << none;
    QTest::newRow("skipping") << true << offer << int(Job::Skip) << false << false << QString() << kNone << QString()
                              << none << Status::UpdateAvailable << QString() << none << none;

    // What the user chose instead of installing now.
    QTest::newRow("reminder ahead") << true << offer << kNone << false << false << QString() << remind << offer << in1h
                                    << Status::Postponed << QString() << in1h << none;
    QTest::newRow("reminder due") << true << offer << kNone << false << false << QString() << remind << offer << ago1m
                                  << Status::UpdateAvailable << QString() << none << none;
    QTest::newRow("reminder due this very moment")
        << true << offer << kNone << false << false << QString() << remind << offer << kNow << Status::UpdateAvailable
        << QString() << none << none;
    QTest::newRow("reminder about an older offer")
        << true << offer << kNone << false << false << QString() << remind << u"1.0.5"_s << in1h
        << Status::UpdateAvailable << QString() << none << none;
    QTest::newRow("install at a time") << true << offer << kNone << false << false << QString() << at << offer << in1h
                                       << Status::Scheduled << QString() << none << in1h;
    QTest::newRow("install at a time gone by") << true << offer << kNone << false << false << QString() << at << offer
                                               << ago1m << Status::Scheduled << QString() << none << ago1m;
    QTest::newRow("install on quit") << true << offer << kNone << false << false << QString() << onQuit << offer << none
                                     << Status::Scheduled << QString() << none << none;
    QTest::newRow("install on quit, about an older offer")
        << true << offer << kNone << false << false << QString() << onQuit << u"1.0.5"_s << none
        << Status::UpdateAvailable << QString() << none << none;
}

void TestRowStatus::status()
{
    QFETCH(bool, loaded);
    QFETCH(QString, offered);
    QFETCH(int, job);
    QFETCH(bool, updating);
    QFETCH(bool, downloading);
    QFETCH(QString, problem);
    QFETCH(int, deferral);
    QFETCH(QString, deferredVersion);
    QFETCH(QDateTime, when);
    QFETCH(Status, status);
    QFETCH(QString, message);
    QFETCH(QDateTime, remindAt);
    QFETCH(QDateTime, scheduledAt);

    RowStatus::Facts facts;
    facts.loaded = loaded;
    facts.offered = offered;
    if (job != kNone)
        facts.job = Job(job);
    facts.updating = updating;
    facts.downloading = downloading;
    facts.problem = problem;
    if (deferral != kNone)
        facts.deferral = Deferral{Kind(deferral), deferredVersion, when};
    facts.now = kNow;

    const RowStatus row = RowStatus::of(facts);
    QCOMPARE(row.status, status);
    QCOMPARE(row.message, message);
    QCOMPARE(row.remindAt, remindAt);
    QCOMPARE(row.scheduledAt, scheduledAt);
}

QTEST_GUILESS_MAIN(TestRowStatus)
#include "tst_rowstatus.moc"
