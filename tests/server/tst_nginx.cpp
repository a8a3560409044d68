// The server/ folder for real: Debian's nginx, started by the test on 127.0.0.1 with Upkeep's
// configuration, serves a repository with the right caching and ranges, answers statistics
// pings from StatisticsPing and logs them alone, and upkeep-publish stats counts that log.

#include "net/httprequestpolicy.h"
#include "net/httpsource.h"
#include "statisticsping.h"
#include "support/localnginx.h"
#include "support/servedrepository.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kHash = QString(64, u'a');
const QString kOtherHash = QString(64, u'b');
constexpr char kImmutable[] = "public, max-age=31536000, immutable";

const QByteArray kObject = randomBytes(100000, 1);

struct Answer {
    int status = 0;
    QByteArray cacheControl;
    QByteArray contentType;
    QByteArray body;
};

} // namespace

class TestNginx : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void caching_data();
    void caching();
    void ranges_data();
    void ranges();
    void answersWithCredentialsStayPrivate();
    void statisticsAreLoggedAndCounted();
    void versionedMetadataComesCompressed();

private:
    Answer get(const QString& path, const QByteArray& range = {}, const QByteArray& authorization = {});
    QString report(const QStringList& arguments);

    QTemporaryDir m_dir;
    QString m_site = m_dir.filePath(QStringLiteral("site"));
    QString m_url;
    ServedRepository m_server{m_site, m_dir.path()};
    QNetworkAccessManager m_network;
};

void TestNginx::initTestCase()
{
    QVERIFY2(!LocalNginx::program().isEmpty(), "nginx is installed by scripts/setup");

    // A repository's kinds of files; their content does not matter to the server.
    for (const QString& file : {u"metadata/timestamp.json"_s, u"metadata/root.json"_s, u"metadata/3.root.json"_s,
             u"metadata/7.snapshot.json"_s, u"metadata/7.stable.json"_s, u"targets/editor/1.1.0/manifest.json"_s,
             u"targets/editor/1.1.0/"_s + kHash + u".manifest.json"_s, u"objects/.partial"_s, u".git/config"_s}) {
        writeTestFile(m_site + u'/' + file, "{\"file\":\"" + file.toUtf8() + "\"}\n");
    }
    writeTestFile(m_site + u"/objects/"_s + kHash + u".zst"_s, kObject);
    writeTestFile(m_site + u"/patches/"_s + kHash + u'-' + kOtherHash, "patch");
    writeTestFile(m_site + u"/bundles/editor-1.1.0.tar.zst"_s, "bundle");

    // The server's configuration as shipped, but logging into the test's folder.
    QVERIFY2(m_server.start(), m_server.errorLog().constData());
    m_url = m_server.url();
}

void TestNginx::versionedMetadataComesCompressed()
{
    // A role of many releases: the client takes it gzipped, decoded to the file's own bytes.
    QByteArray role = "{\"signed\": {\"targets\": {";
    for (int i = 0; i < 2000; ++i)
        role += "\"demo/1.0." + QByteArray::number(i) + "/manifest.json\": {\"length\": 512},";
    role += "}}}\n";
    writeTestFile(m_site + u"/metadata/8.stable.demo.json"_s, role);
    QNetworkRequest request(QUrl(m_url + u"/metadata/8.stable.demo.json"_s));
    request.setRawHeader("Accept-Encoding", "gzip");
    QNetworkReply* reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->rawHeader("Content-Encoding"), "gzip"_ba);
    QVERIFY(reply->readAll().size() < role.size() / 5);
    reply->deleteLater();
    HttpSource source(m_url);
    auto fetched = source.fetch(u"metadata/8.stable.demo.json"_s, role.size());
    QVERIFY2(fetched, fetched ? "" : qPrintable(fetched.error().message));
    QCOMPARE(*fetched, role);

    // A bound on the metadata applies to the decoded bytes: a small body that unpacks to much more
    // is refused as soon as it passes the bound.
    writeTestFile(m_site + u"/metadata/9.snapshot.json"_s, QByteArray(8 * 1024 * 1024, ' '));
    auto bomb = source.fetch(u"metadata/9.snapshot.json"_s, 100000);
    QVERIFY(!bomb);
    QCOMPARE(bomb.error().code, Error::Code::LimitExceeded);

    // Files fetched by range (objects, patches, bundles) and targets stay as they are on disk.
    QNetworkRequest target(QUrl(m_url + u"/targets/editor/1.1.0/"_s + kHash + u".manifest.json"_s));
    target.setRawHeader("Accept-Encoding", "gzip");
    QNetworkReply* plain = m_network.get(target);
    QSignalSpy plainFinished(plain, &QNetworkReply::finished);
    QVERIFY(plainFinished.wait(10000));
    QCOMPARE(plain->rawHeader("Content-Encoding"), QByteArray());
    plain->deleteLater();
}

Answer TestNginx::get(const QString& path, const QByteArray& range, const QByteArray& authorization)
{
    QNetworkRequest request(QUrl(m_url + u'/' + path));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!range.isEmpty())
        request.setRawHeader("Range", range);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply* reply = m_network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(10000);
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->rawHeader("Cache-Control"),
        reply->rawHeader("Content-Type"), reply->readAll()};
    reply->deleteLater();
    return answer;
}

QString TestNginx::report(const QStringList& arguments)
{
    const ProgramRun run = TestProgram(QString::fromUtf8(UPKEEP_PUBLISH))
                               .run(QStringList{u"stats"_s, u"--format"_s, u"csv"_s} + arguments);
    return run.exitCode == 0 ? run.out : u"failed: "_s + run.err;
}

void TestNginx::caching_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("cacheControl");

    QTest::newRow("timestamp") << u"metadata/timestamp.json"_s << 200 << "no-cache"_ba;
    QTest::newRow("unversioned root") << u"metadata/root.json"_s << 200 << "no-cache"_ba;
    QTest::newRow("versioned root") << u"metadata/3.root.json"_s << 200 << QByteArray(kImmutable);
    QTest::newRow("versioned snapshot") << u"metadata/7.snapshot.json"_s << 200 << QByteArray(kImmutable);
    QTest::newRow("versioned channel role") << u"metadata/7.stable.json"_s << 200 << QByteArray(kImmutable);
    QTest::newRow("next root, not published yet") << u"metadata/4.root.json"_s << 404 << "no-cache"_ba;
    QTest::newRow("object") << u"objects/"_s + kHash + u".zst"_s << 200 << QByteArray(kImmutable);
    QTest::newRow("object not uploaded yet") << u"objects/"_s + kOtherHash + u".zst"_s << 404 << "no-cache"_ba;
    QTest::newRow("patch") << u"patches/"_s + kHash + u'-' + kOtherHash << 200 << QByteArray(kImmutable);
    QTest::newRow("bundle") << u"bundles/editor-1.1.0.tar.zst"_s << 200 << QByteArray(kImmutable);
    QTest::newRow("hashed target") << u"targets/editor/1.1.0/"_s + kHash + u".manifest.json"_s << 200
                                   << QByteArray(kImmutable);
    QTest::newRow("unhashed target") << u"targets/editor/1.1.0/manifest.json"_s << 200 << "no-cache"_ba;
    QTest::newRow("publisher's temporary file") << u"objects/.partial"_s << 404 << "no-cache"_ba;
    QTest::newRow("hidden folder") << u".git/config"_s << 404 << "no-cache"_ba;
}

void TestNginx::caching()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QByteArray, cacheControl);

    const Answer answer = get(path);
    QCOMPARE(answer.status, status);
    QCOMPARE(answer.cacheControl, cacheControl);
    if (status == 200) {
        QCOMPARE(answer.body, readTestFile(m_site + u'/' + path)); // the file's own bytes
        if (path.endsWith(u".json"_s))
            QCOMPARE(answer.contentType, "application/json"_ba);
    }
    // An error is its status alone: the next root's 404 is in every check.
    if (status == 404)
        QCOMPARE(answer.body, QByteArray());
}

void TestNginx::ranges_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<qsizetype>("from");
    QTest::addColumn<qsizetype>("length"); // of the body; -1 for none to compare

    QTest::newRow("one range") << "bytes=1000-1999"_ba << 206 << qsizetype(1000) << qsizetype(1000);
    QTest::newRow("the rest, to resume") << "bytes=99990-"_ba << 206 << qsizetype(99990) << qsizetype(10);
    QTest::newRow("two ranges: the whole file") << "bytes=0-9,20-29"_ba << 200 << qsizetype(0) << qsizetype(100000);
    QTest::newRow("past the end") << "bytes=100000-"_ba << 416 << qsizetype(0) << qsizetype(-1);
}

void TestNginx::ranges()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(qsizetype, from);
    QFETCH(qsizetype, length);

    const Answer answer = get(u"objects/"_s + kHash + u".zst"_s, range);
    QCOMPARE(answer.status, status);
    if (length >= 0)
        QVERIFY(answer.body == kObject.mid(from, length));
}

void TestNginx::answersWithCredentialsStayPrivate()
{
    // A private repository's files (upkeep-private-*.conf) may be kept by the client, never by a
    // shared cache that would hand them to someone else.
    const Answer answer = get(u"objects/"_s + kHash + u".zst"_s, {}, "Basic " + "alice:secret"_ba.toBase64());
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.cacheControl, "private, max-age=31536000, immutable"_ba);
}

void TestNginx::statisticsAreLoggedAndCounted()
{
    const QString log = m_server.statisticsLog();
    QCOMPARE(get(u"metadata/timestamp.json"_s).status, 200); // a repository file, never in that log

    InstallationConfig first;
    first.app = u"editor"_s;
    first.channel = u"stable"_s;
    first.mirrors = {u"file:///srv/nowhere"_s, m_url + u'/'};
    first.installId = u"11111111-2222-3333-4444-555555555555"_s;
    InstallationConfig second = first;
    second.installId = u"66666666-7777-8888-9999-000000000000"_s;
    History::Record install;
    install.kind = History::Kind::Install;
    install.to = u"1.0.0"_s;
    install.channel = u"stable"_s;
    History::Record update = install;
    update.kind = History::Kind::Update;
    update.from = u"1.0.0"_s;
    update.to = u"1.1.0"_s;
    update.reason = u"Installed from 127.0.0.1 by alice"_s;
    History::Record failed = update;
    failed.outcome = History::Outcome::RolledBackAutomatically;

    StatisticsPing ping;
    QSignalSpy finished(&ping, &StatisticsPing::finished);
    const std::pair<const InstallationConfig*, History::Record> events[]
        = {{&first, install}, {&first, update}, {&second, failed}};
    for (const auto& [config, record] : events) {
        QVERIFY(ping.send(*config, std::make_shared<HttpRequestPolicy>(config->caFile), record));
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.takeFirst().at(1).toBool(), "nginx answers a ping with 204");
    }

    // One line per ping, with its query and nothing about who sent it. nginx writes
    // the line in its log phase, after the answer has left, so the last may lag.
    auto logLines = [&log] { return QString::fromUtf8(readTestFile(log)).split(u'\n', Qt::SkipEmptyParts); };
    QTRY_COMPARE_WITH_TIMEOUT(logLines().size(), 3, 5000);
    const QStringList lines = logLines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString query = StatisticsPing::url(*events[i].first, events[i].second).query(QUrl::FullyEncoded);
        static const QRegularExpression shape(u"^\\d{4}-\\d\\d-\\d\\dT\\S+ 204 (\\S+)$"_s);
        const QRegularExpressionMatch match = shape.match(lines[i]);
        QVERIFY2(match.hasMatch(), qPrintable(lines[i]));
        QCOMPARE(match.captured(1), query);
        QVERIFY2(!lines[i].contains(u"127.0.0.1"_s) && !lines[i].contains(u"Upkeep/"_s), qPrintable(lines[i]));
    }

    // The report counts what the server logged: three events, two installations, one of 1.1.0's two updates
    // rolled back.
    const QStringList rows = report({log}).split(u'\n');
    for (const QString& row : {u"release,,editor 1.0.0,attempts,1"_s, u"release,,editor 1.1.0,attempts,2"_s,
             u"release,,editor 1.1.0,rolled_back_automatically,1"_s, u"release,,editor 1.1.0,failure_rate,0.5"_s,
             u"channel,,stable,installations,2"_s, u"channel,,stable,events,3"_s})
        QVERIFY2(rows.contains(row), qPrintable(row + u" not in\n"_s + rows.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestNginx)
#include "tst_nginx.moc"
