// StatisticsPing: the address of every kind of event and mirror, that nothing identifying ever
// goes into it, and real pings to the test server: answered, missing, redirected, too slow.

#include "faultserver.h"
#include "net/httprequestpolicy.h"
#include "statisticsping.h"
#include "support/testbytes.h"
#include "support/testfiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using Fields = QList<std::pair<QString, QString>>;

const StatisticsPing::Platform kPlatform{u"debian-12"_s, u"x86_64"_s, u"0.1.0"_s};
const QString kInstallId = u"6f1c1a8e-3b1d-4a55-9c7e-2f0d8b5e9a10"_s;

InstallationConfig config(const QStringList& mirrors)
{
    InstallationConfig config;
    config.app = u"editor"_s;
    config.channel = u"stable"_s;
    config.mirrors = mirrors;
    config.installId = kInstallId;
    return config;
}

// As the installation's worker makes it (InstallationSnapshot::requests).
std::shared_ptr<HttpRequestPolicy> requests(const InstallationConfig& config = {})
{
    return std::make_shared<HttpRequestPolicy>(config.caFile);
}

History::Record record(
    History::Kind kind = History::Kind::Update, History::Outcome outcome = History::Outcome::Installed)
{
    History::Record record;
    record.time = QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
    record.kind = kind;
    record.from = u"1.0.0"_s;
    record.to = u"1.1.0"_s;
    record.channel = u"stable"_s;
    record.outcome = outcome;
    record.reason = u"The health check of 1.1.0 failed."_s;
    return record;
}

// Every field a ping carries, in order, for `record` from an installation of "editor".
Fields expectedFields(const History::Record& record, const StatisticsPing::Platform& platform)
{
    return {{u"app"_s, u"editor"_s}, {u"kind"_s, History::toString(record.kind)}, {u"from"_s, record.from},
        {u"to"_s, record.to}, {u"channel"_s, record.channel}, {u"outcome"_s, History::toString(record.outcome)},
        {u"os"_s, platform.os}, {u"arch"_s, platform.arch}, {u"upkeep"_s, platform.upkeep},
        {u"id"_s, StatisticsPing::anonymousId(kInstallId)}};
}

Fields fieldsOf(const QString& query)
{
    return QUrlQuery(query).queryItems(QUrl::FullyDecoded);
}

} // namespace

Q_DECLARE_METATYPE(History::Kind)
Q_DECLARE_METATYPE(History::Outcome)
Q_DECLARE_METATYPE(History::Record)
Q_DECLARE_METATYPE(StatisticsPing::Platform)

class TestStatisticsPing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlForEveryEvent_data();
    void urlForEveryEvent();
    void urlGoesToFirstHttpMirror_data();
    void urlGoesToFirstHttpMirror();
    void nothingIdentifyingIsSent_data();
    void nothingIdentifyingIsSent();
    void anonymousIdIsStableButNotTheInstallId();
    void pingReachesServer_data();
    void pingReachesServer();
    void redirects_data();
    void redirects();
    void slowServerIsGivenUp();
    void nothingSentWithoutHttpMirrorOrUsableCa();
};

void TestStatisticsPing::urlForEveryEvent_data()
{
    QTest::addColumn<History::Kind>("kind");
    QTest::addColumn<History::Outcome>("outcome");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("kindName");
    QTest::addColumn<QString>("outcomeName");

    using K = History::Kind;
    using O = History::Outcome;
    QTest::newRow("fresh install") << K::Install << O::Installed << QString() << u"install"_s << u"installed"_s;
    QTest::newRow("update installed") << K::Update << O::Installed << u"1.0.0"_s << u"update"_s << u"installed"_s;
    QTest::newRow("update rolled back automatically")
        << K::Update << O::RolledBackAutomatically << u"1.0.0"_s << u"update"_s << u"rolled-back-automatically"_s;
    QTest::newRow("rollback by the user")
        << K::Rollback << O::RolledBackByUser << u"1.0.0"_s << u"rollback"_s << u"rolled-back-by-user"_s;
    QTest::newRow("failure") << K::Failure << O::Failed << u"1.0.0"_s << u"failure"_s << u"failed"_s;
    QTest::newRow("interrupted") << K::Update << O::Interrupted << u"1.0.0"_s << u"update"_s << u"interrupted"_s;
}

void TestStatisticsPing::urlForEveryEvent()
{
    QFETCH(History::Kind, kind);
    QFETCH(History::Outcome, outcome);
    QFETCH(QString, from);
    QFETCH(QString, kindName);
    QFETCH(QString, outcomeName);

    History::Record event = record(kind, outcome);
    event.from = from;
    const QUrl url = StatisticsPing::url(config({u"https://updates.example.org/editor"_s}), event, kPlatform);
    QCOMPARE(url.adjusted(QUrl::RemoveQuery).toString(), u"https://updates.example.org/editor/statistics/event"_s);
    const Fields expected{{u"app"_s, u"editor"_s}, {u"kind"_s, kindName}, {u"from"_s, from}, {u"to"_s, u"1.1.0"_s},
        {u"channel"_s, u"stable"_s}, {u"outcome"_s, outcomeName}, {u"os"_s, u"debian-12"_s}, {u"arch"_s, u"x86_64"_s},
        {u"upkeep"_s, u"0.1.0"_s}, {u"id"_s, StatisticsPing::anonymousId(kInstallId)}};
    QCOMPARE(fieldsOf(url.query(QUrl::FullyEncoded)), expected);
}

void TestStatisticsPing::urlGoesToFirstHttpMirror_data()
{
    QTest::addColumn<QStringList>("mirrors");
    QTest::addColumn<QString>("expected"); // without the query; empty for no ping

    QTest::newRow("https") << QStringList{u"https://updates.example.org/repo"_s}
                           << u"https://updates.example.org/repo/statistics/event"_s;
    QTest::newRow("https, trailing slash") << QStringList{u"https://updates.example.org/repo/"_s}
                                           << u"https://updates.example.org/repo/statistics/event"_s;
    QTest::newRow("http, no path") << QStringList{u"http://mirror.example.net"_s}
                                   << u"http://mirror.example.net/statistics/event"_s;
    QTest::newRow("https with a port, then http") << QStringList{u"https://a.example:8443/"_s, u"http://b.example/"_s}
                                                  << u"https://a.example:8443/statistics/event"_s;
    QTest::newRow("file first, then http") << QStringList{u"file:///srv/repo"_s, u"http://mirror.example.net/upkeep"_s}
                                           << u"http://mirror.example.net/upkeep/statistics/event"_s;
    QTest::newRow("folder first, then https")
        << QStringList{u"/srv/repo"_s, u"https://a.example/"_s} << u"https://a.example/statistics/event"_s;
    QTest::newRow("file only") << QStringList{u"file:///srv/repo"_s} << QString();
    QTest::newRow("folder and ftp") << QStringList{u"/srv/repo"_s, u"ftp://a.example/repo"_s} << QString();
    QTest::newRow("no mirror") << QStringList{} << QString();
}

void TestStatisticsPing::urlGoesToFirstHttpMirror()
{
    QFETCH(QStringList, mirrors);
    QFETCH(QString, expected);

    const QUrl url = StatisticsPing::url(config(mirrors), record(), kPlatform);
    if (expected.isEmpty()) {
        QVERIFY2(url.isEmpty(), qPrintable(url.toString()));
        return;
    }
    QCOMPARE(url.adjusted(QUrl::RemoveQuery).toString(), expected);
    QCOMPARE(fieldsOf(url.query(QUrl::FullyEncoded)), expectedFields(record(), kPlatform));
}

void TestStatisticsPing::nothingIdentifyingIsSent_data()
{
    QTest::addColumn<History::Record>("event");
    QTest::addColumn<StatisticsPing::Platform>("platform");
    QTest::addColumn<QStringList>("secrets");

    const QString home = QDir::homePath();
    const QString host = QSysInfo::machineHostName();
    History::Record text = record(History::Kind::Update, History::Outcome::RolledBackAutomatically);
    text.reason = u"Cannot run /home/alice/.local/editor/bin/editor on alice-laptop: permission denied"_s;
    text.healthOutput = u"editor: config "_s + home + u"/.config/editor.ini unreadable on "_s + host;
    QTest::newRow("reason and health output")
        << text << kPlatform << QStringList{u"alice"_s, u"permission"_s, home + u"/.config"_s, u".ini"_s};

    History::Record paths = record();
    paths.from = u"/home/alice/versions/1.0.0"_s;
    paths.to = u"../../etc/passwd"_s;
    paths.channel = u"C:\\Users\\alice"_s;
    QTest::newRow("paths in the fields") << paths << kPlatform << QStringList{u"alice"_s, u"passwd"_s, u"etc"_s};

    History::Record sentences = record();
    sentences.to = u"1.1.0 built by alice@alice-laptop"_s;
    sentences.channel = u"stable\nX-Secret: 1"_s;
    QTest::newRow("sentences in the fields") << sentences << kPlatform << QStringList{u"alice"_s, u"Secret"_s};

    History::Record longVersion = record();
    longVersion.to = u"1.1.0-"_s + QString(200, u'a');
    QTest::newRow("an endless version") << longVersion << kPlatform << QStringList{QString(65, u'a')};

    const StatisticsPing::Platform odd{u"Alice's Linux 1"_s, u"x86_64 on alice-laptop"_s, u"0.1.0"_s};
    QTest::newRow("a platform that names its owner") << record() << odd << QStringList{u"alice"_s, u"Alice"_s};
}

void TestStatisticsPing::nothingIdentifyingIsSent()
{
    QFETCH(History::Record, event);
    QFETCH(StatisticsPing::Platform, platform);
    QFETCH(QStringList, secrets);

    const QUrl url = StatisticsPing::url(config({u"https://updates.example.org/"_s}), event, platform);
    QVERIFY(!url.isEmpty());
    const QString raw = url.toString(QUrl::FullyEncoded);
    const QString decoded = QUrl::fromPercentEncoding(raw.toLatin1());
    secrets << kInstallId << QString(kInstallId).remove(u'-') << QDir::homePath();
    if (!event.reason.isEmpty())
        secrets << event.reason;
    if (!event.healthOutput.isEmpty())
        secrets << event.healthOutput;
    if (const QString host = QSysInfo::machineHostName(); host.size() >= 4)
        secrets << host;
    if (const QString user = qEnvironmentVariable("USER"); user.size() >= 4)
        secrets << user;
    for (const QString& secret : std::as_const(secrets)) {
        QVERIFY2(!raw.contains(secret, Qt::CaseInsensitive) && !decoded.contains(secret, Qt::CaseInsensitive),
            qPrintable(secret + u" is in "_s + decoded));
    }
    // The full install id's digest is not sent either: only 16 hex digits of a salted one.
    const QString unsalted = sha256(kInstallId.toUtf8());
    QVERIFY(!raw.contains(unsalted.left(16)));

    // Every value is a plain token, whatever went in.
    static const QRegularExpression token(u"^[A-Za-z0-9._+~-]{0,64}$"_s);
    const Fields fields = fieldsOf(url.query(QUrl::FullyEncoded));
    QCOMPARE(fields.size(), 10);
    for (const auto& [name, value] : fields)
        QVERIFY2(token.match(value).hasMatch(), qPrintable(name + u'=' + value));
}

void TestStatisticsPing::anonymousIdIsStableButNotTheInstallId()
{
    const QString id = StatisticsPing::anonymousId(kInstallId);
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{16}$"_s).match(id).hasMatch(), qPrintable(id));
    QCOMPARE(StatisticsPing::anonymousId(kInstallId), id);
    QVERIFY(StatisticsPing::anonymousId(u"6f1c1a8e-3b1d-4a55-9c7e-2f0d8b5e9a11"_s) != id);
    QVERIFY(!kInstallId.contains(id) && !QString(kInstallId).remove(u'-').contains(id));
    QVERIFY(StatisticsPing::anonymousId(QString()).isEmpty());
}

void TestStatisticsPing::pingReachesServer_data()
{
    QTest::addColumn<QString>("prefix"); // of the mirror's path on the server
    QTest::addColumn<bool>("answered");  // the server has a file to answer with, else 404

    QTest::newRow("answered") << QString() << true;
    QTest::newRow("answered under a prefix") << u"repo/"_s << true;
    QTest::newRow("404") << QString() << false;
}

void TestStatisticsPing::pingReachesServer()
{
    QFETCH(QString, prefix);
    QFETCH(bool, answered);

    QTemporaryDir root;
    if (answered)
        writeTestFile(root.filePath(prefix + u"statistics/event"_s), "");
    FaultServer server(root.path());
    QVERIFY(server.isListening());
    const InstallationConfig installation = config({u"file:///nowhere"_s, server.url(prefix)});
    History::Record event = record();
    event.to = u"1.1.0+build.7"_s;

    StatisticsPing ping;
    QSignalSpy finished(&ping, &StatisticsPing::finished);
    QVERIFY(ping.send(installation, requests(installation), event));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.front().at(0).toUrl(), StatisticsPing::url(installation, event));
    QCOMPARE(finished.front().at(1).toBool(), answered);

    const std::vector<FaultServer::Request> requests = server.requests();
    QCOMPARE(requests.size(), size_t(1));
    const FaultServer::Request& request = requests.front();
    QCOMPARE(request.method, "GET"_ba);
    QCOMPARE(request.path, prefix + u"statistics/event"_s);
    QCOMPARE(request.status, answered ? 200 : 404);
    QVERIFY2(request.userAgent.startsWith("Upkeep/"), request.userAgent);
    QCOMPARE(fieldsOf(request.query), expectedFields(event, StatisticsPing::Platform::current()));
    QVERIFY2(request.query.contains(u"to=1.1.0%2Bbuild.7"_s), qPrintable(request.query)); // not a space
    QTest::qWait(50);
    QCOMPARE(server.requests().size(), size_t(1)); // and no retry
}

void TestStatisticsPing::redirects_data()
{
    QTest::addColumn<bool>("sameServer");
    QTest::newRow("same server: followed") << true;
    QTest::newRow("other server over http: refused") << false;
}

void TestStatisticsPing::redirects()
{
    QFETCH(bool, sameServer);

    QTemporaryDir root;
    writeTestFile(root.filePath(u"moved/event"_s), "");
    FaultServer server(root.path());
    FaultServer other(root.path());
    QVERIFY(server.isListening() && other.isListening());
    const QString location = sameServer ? u"/moved/event"_s : other.url(u"moved/event"_s);
    server.addFault(u"statistics/event"_s, FaultServer::Fault::redirect(location.toUtf8()));

    StatisticsPing ping;
    QSignalSpy finished(&ping, &StatisticsPing::finished);
    QVERIFY(ping.send(config({server.url().toString()}), requests(), record()));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.front().at(1).toBool(), sameServer);
    QCOMPARE(server.requests().size(), size_t(sameServer ? 2 : 1));
    QCOMPARE(server.requests().front().path, u"statistics/event"_s);
    if (sameServer)
        QCOMPARE(server.requests().back().path, u"moved/event"_s);
    QVERIFY(other.requests().empty());
}

void TestStatisticsPing::slowServerIsGivenUp()
{
    QTemporaryDir root;
    writeTestFile(root.filePath(u"statistics/event"_s), "ok\n");
    FaultServer server(root.path());
    server.addFault(u"statistics/event"_s, FaultServer::Fault::stall());

    StatisticsPing ping;
    ping.setTimeout(300ms);
    QSignalSpy finished(&ping, &StatisticsPing::finished);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(ping.send(config({server.url().toString()}), requests(), record()));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.front().at(1).toBool(), false);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(server.requests().size(), size_t(1));
}

void TestStatisticsPing::nothingSentWithoutHttpMirrorOrUsableCa()
{
    QTemporaryDir root;
    FaultServer server(root.path());
    StatisticsPing ping;
    QSignalSpy finished(&ping, &StatisticsPing::finished);

    QVERIFY(!ping.send(config({u"file:///srv/repo"_s, root.path()}), requests(), record()));

    InstallationConfig https = config({u"https://127.0.0.1:%1/"_s.arg(server.port())});
    https.caFile = root.filePath(u"no-such-ca.pem"_s);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^No statistics sent: .*no-such-ca.pem"_s));
    QVERIFY(!ping.send(https, requests(https), record()));
    // As the worker hands it over when it could not read the file.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^No statistics sent: .*no-such-ca.pem"_s));
    QVERIFY(!ping.send(https, nullptr, record()));

    QTest::qWait(100);
    QCOMPARE(finished.count(), 0);
    QVERIFY(server.requests().empty());
}

QTEST_GUILESS_MAIN(TestStatisticsPing)
#include "tst_statisticsping.moc"
