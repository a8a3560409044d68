// What a check costs the server: the real client (RepositoryClient over HttpSource) refreshes
// through Debian's nginx with Upkeep's configuration, and nginx's access log says which requests
// it made and how many bytes it sent. A check with nothing new must cost the next-root probe and
// the timestamp only (TUF 5.4/5.5: the snapshot and targets already trusted are kept while the
// timestamp names them), the timestamp asked for with If-None-Match, and expired metadata must
// still be refreshed or refused.

#include "net/httpsource.h"
#include "support/localnginx.h"
#include "support/servedrepository.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "trust/repositoryclient.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);

// What the publisher does between the client's first check and the one measured.
using Change = std::function<void(TestRepository&)>;

// Sets when a re-signed role expires.
TestRepository::Edit expiresAt(const QDateTime& time)
{
    return [time](JsonObject& part) { part.insert_or_assign("expires", time.toString(Qt::ISODate).toStdString()); };
}

// A folder served by Debian's nginx with Upkeep's configuration, logging each request's path,
// status and bytes sent.
class ServedFolder
{
public:
    explicit ServedFolder(const QString& root)
        : m_server(root, m_dir.path(), u"$request_uri $status $bytes_sent"_s)
    {
        m_started = m_server.start();
    }

    [[nodiscard]] bool started() const { return m_started; }
    [[nodiscard]] QByteArray errorLog() const { return m_server.errorLog(); }
    [[nodiscard]] std::shared_ptr<RepositorySource> source() const
    {
        return std::make_shared<HttpSource>(m_server.url());
    }

    void forgetRequests() const { QFile::resize(log(), 0); }
    // "PATH STATUS" of each request since forgetRequests(), and the bytes sent for them.
    [[nodiscard]] std::pair<QStringList, qint64> requests() const
    {
        QStringList made;
        qint64 bytes = 0;
        for (const QByteArray& line : readTestFile(log()).split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            if (fields.size() != 3)
                continue;
            made.append(QString::fromUtf8(fields[0].mid(1) + ' ' + fields[1]));
            bytes += fields[2].toLongLong();
        }
        return {made, bytes};
    }

private:
    [[nodiscard]] QString log() const { return m_server.accessLog(); }

    QTemporaryDir m_dir;
    ServedRepository m_server;
    bool m_started = false;
};

} // namespace

Q_DECLARE_METATYPE(Change)

class TestCheckCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void check_data();
    void check();
    // A 304 says "nothing newer than what is trusted" and the next mirror is still asked.
    void staleMirrorsNotModifiedDoesNotHideANewerTimestamp();
    // The ETags are a hint: without them, or with a damaged file, a check fetches the timestamp.
    void damagedEtagFileCostsTheWholeTimestamp();
};

void TestCheckCost::initTestCase()
{
    QVERIFY2(!LocalNginx::program().isEmpty(), "nginx is installed by scripts/setup");
}

void TestCheckCost::check_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QDateTime>("checkedAt");
    QTest::addColumn<QStringList>("requests"); // "PATH STATUS", in order
    QTest::addColumn<int>("maxBytes");         // all that nginx sent for the check
    QTest::addColumn<bool>("refused");         // the check fails with Expired

    const QString probe = u"metadata/2.root.json 404"_s;
    const QString unchanged = u"metadata/timestamp.json 304"_s; // asked with the ETag of the trusted one
    const QString timestamp = u"metadata/timestamp.json 200"_s;
    const QDateTime soon = kStart.addSecs(7200);
    // Each change is published within a second of the client's last check: timestamps of the same
    // size, whose ETags differ only because the publisher moves the file's time on (timestampfile.h).

    QTest::newRow("nothing new") << Change() << soon << QStringList{probe, unchanged} << 420 << false;
    QTest::newRow("new timestamp, same snapshot")
        << Change([](TestRepository& repository) { repository.resign(u"timestamp"_s); }) << soon
        << QStringList{probe, timestamp} << 1300 << false;
    QTest::newRow("new snapshot, same roles")
        << Change([](TestRepository& repository) { repository.resign(u"snapshot"_s); }) << soon
        << QStringList{probe, timestamp, u"metadata/2.snapshot.json 200"_s} << 3000 << false;
    QTest::newRow("new release on one channel")
        << Change([](TestRepository& repository) { repository.resign(u"beta"_s); }) << soon
        << QStringList{probe, timestamp, u"metadata/2.snapshot.json 200"_s, u"metadata/2.beta.json 200"_s} << 5000
        << false;
    // The timestamp (7 days) expired; the publisher re-signed it in time, so the check goes on
    // with the snapshot and roles already trusted, which are still valid.
    QTest::newRow("expired trusted timestamp, re-signed")
        << Change([](TestRepository& repository) { repository.resign(u"timestamp"_s, expiresAt(kStart.addDays(20))); })
        << kStart.addDays(8) << QStringList{probe, timestamp} << 1300 << false;
    // Nobody re-signed it: the server says 304, which cannot stand for an expired timestamp, so
    // the client asks for the file itself, and refuses it.
    QTest::newRow("expired trusted timestamp, not re-signed")
        << Change() << kStart.addDays(8) << QStringList{probe, unchanged, timestamp} << 1600 << true;
    // The snapshot (30 days) expired under a timestamp that is still valid: the client does not
    // keep it but downloads it again, and refuses it because the server has nothing newer.
    QTest::newRow("expired trusted snapshot, not re-signed")
        << Change([](TestRepository& repository) { repository.resign(u"timestamp"_s, expiresAt(kStart.addDays(40))); })
        << kStart.addDays(31) << QStringList{probe, timestamp, u"metadata/1.snapshot.json 200"_s} << 3000 << true;
}

void TestCheckCost::check()
{
    QFETCH(Change, change);
    QFETCH(QDateTime, checkedAt);
    QFETCH(QStringList, requests);
    QFETCH(int, maxBytes);
    QFETCH(bool, refused);

    TestRepository repository(kStart);
    const ServedFolder server(repository.path());
    QVERIFY2(server.started(), server.errorLog().constData());
    QTemporaryDir dir;
    const QString stateFile = dir.filePath(u"trusted-metadata.json"_s);
    QVERIFY(RepositoryClient::trustRoot(stateFile, repository.initialRoot()));
    QVERIFY(RepositoryClient({server.source()}, stateFile).refresh(kStart.addSecs(3600)));
    server.forgetRequests();

    if (change)
        change(repository);
    const auto checked = RepositoryClient({server.source()}, stateFile).refresh(checkedAt);
    QCOMPARE(!checked, refused);
    if (refused)
        QCOMPARE(checked.error().code, Error::Code::Expired);

    const auto [made, bytes] = server.requests();
    qInfo().noquote() << QTest::currentDataTag() << ":" << made.size() << "requests," << bytes << "bytes";
    QCOMPARE(made, requests);
    QVERIFY2(bytes <= maxBytes, qPrintable(u"%1 bytes"_s.arg(bytes)));
}

void TestCheckCost::staleMirrorsNotModifiedDoesNotHideANewerTimestamp()
{
    // Two mirrors with the same files; the first stops following the repository.
    TestRepository repository(kStart);
    QTemporaryDir copy;
    QCOMPARE(QProcess::execute(u"cp"_s, {u"-a"_s, repository.path(), copy.path()}), 0);
    const ServedFolder stale(copy.filePath(u"repo"_s));
    const ServedFolder live(repository.path());
    QVERIFY2(stale.started(), stale.errorLog().constData());
    QVERIFY2(live.started(), live.errorLog().constData());

    QTemporaryDir dir;
    const QString stateFile = dir.filePath(u"trusted-metadata.json"_s);
    QVERIFY(RepositoryClient::trustRoot(stateFile, repository.initialRoot()));
    QVERIFY(RepositoryClient({stale.source(), live.source()}, stateFile).refresh(kStart.addSecs(3600)));
    const qint64 first = RepositoryClient({}, stateFile).trusted().value()->timestamp()->header.version;
    stale.forgetRequests();
    live.forgetRequests();

    repository.resign(u"timestamp"_s);
    RepositoryClient client({stale.source(), live.source()}, stateFile);
    QVERIFY(client.refresh(kStart.addSecs(7200)));
    QCOMPARE(client.trusted().value()->timestamp()->header.version, first + 1);
    QCOMPARE(stale.requests().first, (QStringList{u"metadata/2.root.json 404"_s, u"metadata/timestamp.json 304"_s}));
    QCOMPARE(live.requests().first, (QStringList{u"metadata/2.root.json 404"_s, u"metadata/timestamp.json 200"_s}));
}

void TestCheckCost::damagedEtagFileCostsTheWholeTimestamp()
{
    TestRepository repository(kStart);
    const ServedFolder server(repository.path());
    QVERIFY2(server.started(), server.errorLog().constData());
    QTemporaryDir dir;
    const QString stateFile = dir.filePath(u"trusted-metadata.json"_s);
    QVERIFY(RepositoryClient::trustRoot(stateFile, repository.initialRoot()));
    QVERIFY(RepositoryClient({server.source()}, stateFile).refresh(kStart.addSecs(3600)));
    const QString etags = dir.filePath(u"trusted-metadata-etags.json"_s);
    QVERIFY(QFile::exists(etags));

    writeTestFile(etags, "{\"http://127.0.0.1\": [");
    server.forgetRequests();
    QVERIFY(RepositoryClient({server.source()}, stateFile).refresh(kStart.addSecs(7200)));
    QCOMPARE(server.requests().first, (QStringList{u"metadata/2.root.json 404"_s, u"metadata/timestamp.json 200"_s}));

    // The check wrote the ETag again, so the next one is cheap.
    server.forgetRequests();
    QVERIFY(RepositoryClient({server.source()}, stateFile).refresh(kStart.addSecs(10800)));
    QCOMPARE(server.requests().first, (QStringList{u"metadata/2.root.json 404"_s, u"metadata/timestamp.json 304"_s}));
}

QTEST_GUILESS_MAIN(TestCheckCost)
#include "tst_checkcost.moc"
