// What a check costs the server: the real client (RepositoryClient over HttpSource) refreshes
// through Debian's nginx with Upkeep's configuration, and nginx's access log says which requests
// it made and how many bytes it sent. A check with nothing new must cost the next-root probe and
// the timestamp only (TUF 5.4/5.5: the snapshot and targets already trusted are kept while the
// timestamp names them), and expired metadata must still be refreshed or refused.

#include "net/httpsource.h"
#include "support/localnginx.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "trust/repositoryclient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QString kServerDir = QStringLiteral(UPKEEP_SERVER_DIR);
const QDateTime kStart = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);

// What the publisher does between the client's first check and the one measured.
using Change = std::function<void(TestRepository&)>;

// Sets when a re-signed role expires.
TestRepository::Edit expiresAt(const QDateTime& time)
{
    return [time](JsonObject& part) { part.insert_or_assign("expires", time.toString(Qt::ISODate).toStdString()); };
}

} // namespace

Q_DECLARE_METATYPE(Change)

class TestCheckCost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void check_data();
    void check();
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
    const QString timestamp = u"metadata/timestamp.json 200"_s;
    const QDateTime soon = kStart.addSecs(7200);

    QTest::newRow("nothing new") << Change() << soon << QStringList{probe, timestamp} << 1500 << false;
    QTest::newRow("new timestamp, same snapshot")
        << Change([](TestRepository& repository) { repository.resign(u"timestamp"_s); }) << soon
        << QStringList{probe, timestamp} << 1500 << false;
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
        << kStart.addDays(8) << QStringList{probe, timestamp} << 1500 << false;
    // Nobody re-signed it: the mirror serves the expired timestamp, which is refused.
    QTest::newRow("expired trusted timestamp, not re-signed")
        << Change() << kStart.addDays(8) << QStringList{probe, timestamp} << 1500 << true;
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
    QTemporaryDir dir;
    LocalNginx nginx(dir.path());
    const QString log = dir.filePath(u"access.log"_s);
    // The server's part of the configuration as shipped, logging statistics into the test's folder.
    QByteArray repositoryConf = readTestFile(kServerDir + u"/nginx/upkeep-repository.conf"_s);
    repositoryConf.replace("/var/log/nginx/", dir.path().toUtf8() + '/');
    writeTestFile(dir.filePath(u"upkeep-repository.conf"_s), repositoryConf);
    const QString http = uR"(  log_format cost '$request_uri $status $bytes_sent';
  access_log %1 cost;
  include %2/nginx/upkeep-http.conf;
  server {
    listen 127.0.0.1:%3;
    root %4;
    include %5/upkeep-repository.conf;
  }
)"_s.arg(log, kServerDir, QString::number(nginx.port()), repository.path(), dir.path());
    QVERIFY2(nginx.start(http), nginx.errorLog().constData());

    const QString stateFile = dir.filePath(u"trusted-metadata.json"_s);
    QVERIFY(RepositoryClient::trustRoot(stateFile, repository.initialRoot()));
    auto client = [&] {
        const auto source = std::make_shared<HttpSource>(u"http://127.0.0.1:%1"_s.arg(nginx.port()));
        return RepositoryClient({source}, stateFile);
    };
    QVERIFY(client().refresh(kStart.addSecs(3600)));
    QVERIFY(QFile::resize(log, 0));

    if (change)
        change(repository);
    const auto checked = client().refresh(checkedAt);
    QCOMPARE(!checked, refused);
    if (refused)
        QCOMPARE(checked.error().code, Error::Code::Expired);

    QStringList made;
    qint64 bytes = 0;
    for (const QByteArray& line : readTestFile(log).split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() != 3)
            continue;
        made.append(QString::fromUtf8(fields[0].mid(1) + ' ' + fields[1]));
        bytes += fields[2].toLongLong();
    }
    qInfo().noquote() << QTest::currentDataTag() << ":" << made.size() << "requests," << bytes << "bytes";
    QCOMPARE(made, requests);
    QVERIFY2(bytes <= maxBytes, qPrintable(u"%1 bytes"_s.arg(bytes)));
}

QTEST_GUILESS_MAIN(TestCheckCost)
#include "tst_checkcost.moc"
