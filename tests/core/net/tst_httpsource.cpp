// HttpSource against the test server: whole files, missing ones, server errors, endless and
// over-announced bodies, stalls, redirects, unsafe paths, and a full TUF refresh over HTTP with a
// bad mirror before the good one.

#include "faultserver.h"
#include "net/httpsource.h"
#include "net/sourcefactory.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/repositoryclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using Fault = FaultServer::Fault;
using Faults = std::vector<Fault>;

const QDateTime kStart = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
const QByteArray kSmall = "a small file\n"_ba;
constexpr qint64 kBigSize = 300 * 1024;
constexpr auto kStall = 500ms;

const QByteArray kBig = randomBytes(kBigSize, 1);

} // namespace

Q_DECLARE_METATYPE(Faults)

class TestHttpSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetch_data();
    void fetch();
    void unreachablePort();
    void unsafePath_data();
    void unsafePath();
    void unreadableCaFile();
    void fromAddress();
    void fromWorkerThreads();
    void refreshOverHttp();
    void badMirrorThenGoodMirror();
    void goodMirrorThenDeadMirror();

private:
    QTemporaryDir m_folder;
};

void TestHttpSource::initTestCase()
{
    QVERIFY(m_folder.isValid());
    writeTestFile(m_folder.filePath(u"small.txt"_s), kSmall);
    writeTestFile(m_folder.filePath(u"metadata/big.bin"_s), kBig);
    writeTestFile(m_folder.filePath(u"odd name #1?.txt"_s), kSmall);
}

void TestHttpSource::fetch_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<Faults>("faults");
    QTest::addColumn<qint64>("maxLength");
    QTest::addColumn<QByteArray>("expected"); // the bytes, when the fetch succeeds
    QTest::addColumn<Error::Code>("code");    // otherwise
    QTest::addColumn<QString>("message");     // {base} stands for the server's URL

    const auto ok = Error::Code::Internal; // unused when the fetch succeeds
    QTest::newRow("whole file") << u"small.txt"_s << Faults{} << qint64(1000) << kSmall << ok << QString();
    QTest::newRow("large file, exactly the limit")
        << u"metadata/big.bin"_s << Faults{} << kBigSize << kBig << ok << QString();
    QTest::newRow("name that needs encoding")
        << u"odd name #1?.txt"_s << Faults{} << qint64(1000) << kSmall << ok << QString();
    QTest::newRow("missing file") << u"metadata/timestamp.json"_s << Faults{} << qint64(1000) << QByteArray()
                                  << Error::Code::NotFound << u"{base} has no file metadata/timestamp.json."_s;
    QTest::newRow("410 gone") << u"small.txt"_s << Faults{Fault::status(410)} << qint64(1000) << QByteArray()
                              << Error::Code::NotFound << u"{base} has no file small.txt."_s;
    QTest::newRow("500") << u"small.txt"_s << Faults{Fault::status(500)} << qint64(1000) << QByteArray()
                         << Error::Code::Network << u"{base}/small.txt answered HTTP 500 (Internal Server Error)."_s;
    QTest::newRow("503") << u"small.txt"_s << Faults{Fault::status(503)} << qint64(1000) << QByteArray()
                         << Error::Code::Network << u"{base}/small.txt answered HTTP 503 (Service Unavailable)."_s;
    QTest::newRow("500 with an endless page")
        << u"small.txt"_s << Faults{Fault::status(500), Fault::endlessBody()} << qint64(1000) << QByteArray()
        << Error::Code::Network << u"{base}/small.txt answered HTTP 500 (Internal Server Error)."_s;
    QTest::newRow("endless body") << u"small.txt"_s << Faults{Fault::endlessBody()} << qint64(1 << 20) << QByteArray()
                                  << Error::Code::LimitExceeded
                                  << u"small.txt is longer than the 1048576 bytes allowed for it (endless data)."_s;
    QTest::newRow("more than announced") << u"small.txt"_s
                                         << Faults{Fault::endlessBody(), Fault::announceLength(kSmall.size())}
                                         << qint64(1000) << kSmall << ok << QString();
    QTest::newRow("one byte over the limit, announced")
        << u"metadata/big.bin"_s << Faults{} << kBigSize - 1 << QByteArray() << Error::Code::LimitExceeded
        << u"metadata/big.bin is longer than the 307199 bytes allowed for it (endless data): the server announces 307200 bytes."_s;
    // The body never comes: only a refusal on the header answers before the stall time-out.
    QTest::newRow("Content-Length above the limit")
        << u"small.txt"_s << Faults{Fault::announceLength(1'000'000'000), Fault::stall()} << qint64(1000)
        << QByteArray() << Error::Code::LimitExceeded
        << u"small.txt is longer than the 1000 bytes allowed for it (endless data): the server announces 1000000000 bytes."_s;
    QTest::newRow("stall") << u"metadata/big.bin"_s << Faults{Fault::stall(1000)} << kBigSize << QByteArray()
                           << Error::Code::Network
                           << u"{base}/metadata/big.bin stalled: no data arrived for 0.5 seconds."_s;
    QTest::newRow("redirect on the same server")
        << u"moved.txt"_s << Faults{Fault::redirect("/small.txt")} << qint64(1000) << kSmall << ok << QString();
    QTest::newRow("redirect to another server over http")
        << u"moved.txt"_s << Faults{Fault::redirect("http://localhost:1/small.txt")} << qint64(1000) << QByteArray()
        << Error::Code::Network
        << u"{base}/moved.txt redirects to http://localhost:1/small.txt, which is neither https nor on the same server; not followed."_s;
    QTest::newRow("redirect loop") << u"loop.txt"_s << Faults{Fault::redirect("/loop.txt", 307)} << qint64(1000)
                                   << QByteArray() << Error::Code::Network
                                   << u"{base}/loop.txt redirects more than 5 times."_s;
}

void TestHttpSource::fetch()
{
    QFETCH(QString, path);
    QFETCH(Faults, faults);
    QFETCH(qint64, maxLength);
    QFETCH(QByteArray, expected);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    FaultServer server(m_folder.path());
    QVERIFY(server.isListening());
    for (const Fault& fault : faults)
        server.addFault(path, fault);
    HttpSource source(server.url().toString(), {.caFile = {}, .stallTimeout = kStall});

    QElapsedTimer clock;
    clock.start();
    auto fetched = source.fetch(path, maxLength);
    // Endless bodies and stalls are cut short, never waited out.
    QVERIFY2(clock.elapsed() < 5000, qPrintable(u"took %1 ms"_s.arg(clock.elapsed())));

    if (message.isEmpty()) {
        UPKEEP_VERIFY_OK(fetched);
        QCOMPARE(fetched->size(), expected.size());
        QCOMPARE(*fetched, expected);
    } else {
        UPKEEP_VERIFY_ERROR(fetched, code);
        QCOMPARE(fetched.error().message, QString(message).replace(u"{base}"_s, server.url().toString()));
    }
    QVERIFY(!server.requests().empty());
    QCOMPARE(server.requests().front().method, "GET"_ba);
    QVERIFY2(server.requests().front().userAgent.startsWith("Upkeep/"), server.requests().front().userAgent);
    QCOMPARE(server.requests().front().path, path);
}

void TestHttpSource::unreachablePort()
{
    const QString base = u"http://127.0.0.1:%1"_s.arg(FaultServer::unusedPort());
    HttpSource source(base);
    auto fetched = source.fetch(u"small.txt"_s, 1000);
    UPKEEP_VERIFY_ERROR(fetched, Error::Code::Network);
    QVERIFY2(fetched.error().message.startsWith(u"Cannot fetch %1/small.txt: "_s.arg(base)),
        qPrintable(fetched.error().message));
}

void TestHttpSource::unsafePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("parent") << u"../small.txt"_s;
    QTest::newRow("parent inside") << u"metadata/../../small.txt"_s;
    QTest::newRow("absolute") << u"/small.txt"_s;
    QTest::newRow("empty part") << u"metadata//big.bin"_s;
    QTest::newRow("dot") << u"./small.txt"_s;
    QTest::newRow("backslash") << u"metadata\\big.bin"_s;
    QTest::newRow("empty") << QString();
}

void TestHttpSource::unsafePath()
{
    QFETCH(QString, path);
    FaultServer server(m_folder.path());
    HttpSource source(server.url().toString());
    auto fetched = source.fetch(path, 1000);
    UPKEEP_VERIFY_ERROR(fetched, Error::Code::InvalidInput);
    QCOMPARE(fetched.error().message, u"Refused the unsafe path \"%1\"."_s.arg(path));
    QVERIFY(server.requests().empty());
}

void TestHttpSource::unreadableCaFile()
{
    HttpSource source(u"https://127.0.0.1:1/repo"_s, {.caFile = m_folder.filePath(u"no-such-ca.pem"_s)});
    auto fetched = source.fetch(u"small.txt"_s, 1000);
    UPKEEP_VERIFY_ERROR(fetched, Error::Code::Io);
    QVERIFY2(fetched.error().message.startsWith(u"Cannot read the certificate authority file"_s),
        qPrintable(fetched.error().message));

    HttpSource notPem(u"https://127.0.0.1:1/repo"_s, {.caFile = m_folder.filePath(u"small.txt"_s)});
    UPKEEP_VERIFY_ERROR(notPem.fetch(u"small.txt"_s, 1000), Error::Code::InvalidInput);
}

void TestHttpSource::fromAddress()
{
    FaultServer server(m_folder.path());
    auto source = makeRepositorySource(server.url().toString() + u"/metadata/"_s);
    UPKEEP_VERIFY_OK(source);
    QCOMPARE((*source)->name(), server.url().toString() + u"/metadata"_s);
    auto fetched = (*source)->fetch(u"big.bin"_s, kBigSize);
    UPKEEP_VERIFY_OK(fetched);
    QCOMPARE(*fetched, kBig);

    UPKEEP_VERIFY_ERROR(makeRepositorySource(u"https:///repo"_s), Error::Code::InvalidInput);
    UPKEEP_VERIFY_ERROR(makeRepositorySource(u"ftp://example.com/repo"_s), Error::Code::Unsupported);
}

void TestHttpSource::fromWorkerThreads()
{
    // Each thread fetches with its own network access manager; one left by a finished thread goes
    // with the source.
    FaultServer server(m_folder.path());
    auto source = std::make_shared<HttpSource>(server.url().toString());
    std::vector<std::expected<QByteArray, Error>> results(3, std::unexpected(Error{}));
    std::vector<std::unique_ptr<QThread>> workers;
    for (auto& result : results)
        workers.emplace_back(QThread::create([&source, &result] { result = source->fetch(u"small.txt"_s, 1000); }));
    for (auto& worker : workers)
        worker->start();
    for (auto& worker : workers)
        QVERIFY(worker->wait(10000));
    for (const auto& result : results) {
        UPKEEP_VERIFY_OK(result);
        QCOMPARE(*result, kSmall);
    }
    workers.clear();
    auto onThisThread = source->fetch(u"small.txt"_s, 1000);
    UPKEEP_VERIFY_OK(onThisThread);
    QCOMPARE(server.requests().size(), size_t(4));
    source.reset();
}

void TestHttpSource::refreshOverHttp()
{
    TestRepository repository(kStart);
    FaultServer server(repository.path());
    QTemporaryDir client;
    const QString stateFile = client.filePath(u"trusted-metadata.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(stateFile, repository.initialRoot()));

    RepositoryClient first({std::make_shared<HttpSource>(server.url().toString())}, stateFile);
    UPKEEP_VERIFY_OK(first.refresh(kStart.addSecs(3600)));
    auto manifest = first.fetchTarget(u"demo/1.0.0/manifest.json"_s);
    UPKEEP_VERIFY_OK(manifest);
    QCOMPARE(*manifest, R"({"files":[]})"_ba);

    // A new release and a rotated root arrive over HTTP too.
    repository.publish(kStart.addDays(1), [](RepositoryWriter& writer) {
        QVERIFY(writer.addTarget(
            u"stable"_s, u"demo/1.1.0/manifest.json"_s, R"({"files":["a"]})"_ba, JsonObject{{"version", "1.1.0"}}));
        QVERIFY(writer.rotateKey(u"root"_s));
    });
    RepositoryClient second({std::make_shared<HttpSource>(server.url().toString())}, stateFile);
    UPKEEP_VERIFY_OK(second.refresh(kStart.addDays(1).addSecs(3600)));
    QCOMPARE((*second.trusted())->root().header.version, 2);
    manifest = second.fetchTarget(u"demo/1.1.0/manifest.json"_s);
    UPKEEP_VERIFY_OK(manifest);
    QCOMPARE(*manifest, R"({"files":["a"]})"_ba);
}

void TestHttpSource::badMirrorThenGoodMirror()
{
    TestRepository repository(kStart);
    FaultServer bad(repository.path());
    bad.addFault(u"*"_s, Fault::status(500));
    FaultServer good(repository.path());
    QTemporaryDir client;
    const QString stateFile = client.filePath(u"trusted-metadata.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(stateFile, repository.initialRoot()));

    RepositoryClient repositoryClient(
        {std::make_shared<HttpSource>(bad.url().toString()), std::make_shared<HttpSource>(good.url().toString())},
        stateFile);
    UPKEEP_VERIFY_OK(repositoryClient.refresh(kStart.addSecs(3600)));
    auto manifest = repositoryClient.fetchTarget(u"demo/1.0.0/manifest.json"_s);
    UPKEEP_VERIFY_OK(manifest);
    QCOMPARE(*manifest, R"({"files":[]})"_ba);
    QVERIFY(bad.requests().size() >= 5); // every file was asked of the bad mirror first
    QCOMPARE(bad.requests().size(), good.requests().size());
}

void TestHttpSource::goodMirrorThenDeadMirror()
{
    // The live mirror says there is no newer root; the dead one says nothing. The refresh must
    // go on with what the live one said, not fail on the dead one.
    TestRepository repository(kStart);
    FaultServer good(repository.path());
    QTemporaryDir client;
    const QString stateFile = client.filePath(u"trusted-metadata.json"_s);
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(stateFile, repository.initialRoot()));
    RepositoryClient repositoryClient(
        {std::make_shared<HttpSource>(good.url().toString()),
            std::make_shared<HttpSource>(u"http://127.0.0.1:%1"_s.arg(FaultServer::unusedPort()))},
        stateFile);
    UPKEEP_VERIFY_OK(repositoryClient.refresh(kStart.addSecs(3600)));
    UPKEEP_VERIFY_OK(repositoryClient.fetchTarget(u"demo/1.0.0/manifest.json"_s));
}

QTEST_GUILESS_MAIN(TestHttpSource)
#include "tst_httpsource.moc"
