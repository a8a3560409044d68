// What the application list says of an installation, row by row of the chain that decides it:
// an update under way comes before everything, then a background download, a rollback or a
// change of channel, a check; a problem before an offer; a reminder only while it is ahead,
// a schedule until it has run; a deferral about another version counts for nothing; a failed
// check in place of "up to date" only, with the sentence that says what to do.

#include "checkfailure.h"
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
    void checkFailure_data();
    void checkFailure();
    void checkFailureSentence_data();
    void checkFailureSentence();
    void signIn_data();
    void signIn();
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

// A failed check replaces "up to date", and nothing else: an offer known from before, a problem of
// its own and a check under way still show as they are.
void TestRowStatus::checkFailure_data()
{
    QTest::addColumn<QString>("offered");
    QTest::addColumn<int>("job");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<Status>("status");

    const QString offer = u"1.1.0"_s;
    QTest::newRow("nothing on offer") << QString() << kNone << QString() << Status::CheckFailed;
    QTest::newRow("an offer known from before") << offer << kNone << QString() << Status::UpdateAvailable;
    QTest::newRow("a problem of its own") << QString() << kNone << u"Disk full."_s << Status::Problem;
    QTest::newRow("checking again") << QString() << int(Job::Check) << QString() << Status::Checking;
}

void TestRowStatus::checkFailure()
{
    QFETCH(QString, offered);
    QFETCH(int, job);
    QFETCH(QString, problem);
    QFETCH(Status, status);
    const Error refused{
        Error::Code::Network, u"Cannot fetch http://mirror.example/metadata/2.root.json: Connection refused."_s};
    RowStatus::Facts facts;
    facts.loaded = true;
    facts.offered = offered;
    if (job != kNone)
        facts.job = Job(job);
    facts.problem = problem;
    facts.checkFailure = refused;
    facts.now = kNow;
    const RowStatus row = RowStatus::of(facts);
    QCOMPARE(row.status, status);
    if (status == Status::CheckFailed) {
        QCOMPARE(row.message,
            u"Upkeep could not reach the publisher's server. Check that this computer is connected to the network. "
            "The publisher's server may also be down for a while; try again later."_s);
        QCOMPARE(row.details, refused.message);
    } else {
        QCOMPARE(row.details, QString());
    }
}

// Which failure gives which sentence, by what the engine says went wrong.
void TestRowStatus::checkFailureSentence_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("summary");

    const QString unreachable = u"Upkeep could not reach the publisher's server."_s;
    const QString refused
        = u"Upkeep refused the update information it received, because it is not signed as it must be."_s;
    QTest::newRow("network") << Error::Code::Network << unreachable;
    QTest::newRow("TLS certificate not trusted")
        << Error::Code::Untrusted
        << u"Upkeep did not trust the server it reached: its certificate is not one this computer accepts."_s;
    QTest::newRow("not found") << Error::Code::NotFound
                               << u"The publisher's server does not have the update information Upkeep asked for."_s;
    QTest::newRow("expired") << Error::Code::Expired
                             << u"The update information on the publisher's server has expired."_s;
    QTest::newRow("bad signature") << Error::Code::BadSignature << refused;
    QTest::newRow("rollback attack") << Error::Code::Rollback << refused;
    QTest::newRow("wrong bytes") << Error::Code::Mismatch << refused;
    QTest::newRow("endless data") << Error::Code::LimitExceeded << refused;
    QTest::newRow("a local file") << Error::Code::Io
                                  << u"Upkeep could not check because of a problem on this computer."_s;
    QTest::newRow("password or certificate refused")
        << Error::Code::AccessDenied
        << u"The publisher's server did not let Upkeep in: it refused the password or the certificate."_s;
}

void TestRowStatus::checkFailureSentence()
{
    QFETCH(Error::Code, code);
    QFETCH(QString, summary);
    const CheckFailure failure(Error{code, u"what the engine said"_s});
    QCOMPARE(failure.summary(), summary);
    QVERIFY(!failure.advice().isEmpty());
    QCOMPARE(failure.details(), u"what the engine said"_s);
}

// The window offers Sign in only where typing a password again can help: a private repository
// with a user name whose server refused what Upkeep sent.
void TestRowStatus::signIn_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("offered");
    QTest::addColumn<QString>("signInUser");

    const QString user = u"ada"_s;
    QTest::newRow("password refused") << Error::Code::AccessDenied << user << QString() << user;
    QTest::newRow("certificate refused, no user") << Error::Code::AccessDenied << QString() << QString() << QString();
    QTest::newRow("server down") << Error::Code::Network << user << QString() << QString();
    QTest::newRow("refused, an offer known from before")
        << Error::Code::AccessDenied << user << u"1.1.0"_s << QString();
}

void TestRowStatus::signIn()
{
    QFETCH(Error::Code, code);
    QFETCH(QString, user);
    QFETCH(QString, offered);
    QFETCH(QString, signInUser);
    RowStatus::Facts facts;
    facts.loaded = true;
    facts.offered = offered;
    facts.checkFailure = Error{code, u"https://private.example/ refused the user name or password (HTTP 401)."_s};
    facts.authUser = user;
    facts.now = kNow;
    QCOMPARE(RowStatus::of(facts).signInUser, signInUser);
}

QTEST_GUILESS_MAIN(TestRowStatus)
#include "tst_rowstatus.moc"
