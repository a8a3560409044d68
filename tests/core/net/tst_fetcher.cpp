// The Fetcher against the fault-injecting test server and local folders: every fault ends with
// the right bytes or a clear error, partial files are resumed with Range and corrupt ones never
// installed, mirrors are tried in turn, and pause, resume, cancel, the parallel limit, the
// bandwidth limit and progress behave as a user relies on.

#include "faultserver.h"
#include "net/bandwidthlimiter.h"
#include "net/fetcher.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/verify.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using Fault = FaultServer::Fault;
using Faults = std::vector<Fault>;
using Item = Fetcher::Item;

// The repository's files: a few hundred KB of random bytes.
struct File {
    QString path;
    qint64 length;
};
const File kA{u"objects/a.bin"_s, 300 * 1024};
const File kB{u"objects/b.bin"_s, 200 * 1024};
const File kC{u"objects/c.bin"_s, 64 * 1024};
const std::vector<File> kFiles{kA, kB, kC};

QByteArray contentOf(const File& file)
{
    return randomBytes(file.length, quint32(qHash(file.path)));
}

Item itemFor(const File& file, const QString& folder)
{
    return Item{file.path, file.length, sha256(contentOf(file)), folder + u'/' + QFileInfo(file.path).fileName(), {}};
}

std::vector<Item> itemsFor(const std::vector<File>& files, const QString& folder)
{
    std::vector<Item> items;
    for (const File& file : files)
        items.push_back(itemFor(file, folder));
    return items;
}

// What a server saw of one path, a request a line: the status answered and the Range asked for.
// When a server cuts a body short, Qt 6.4 now and then reports the short body as complete and
// sends the same request once more by itself, into the void (a bare QNetworkAccessManager::get
// does it too). Such a repeat, straight after a cut, is Qt's and not the fetcher's: left out.
QStringList seen(const FaultServer& server, const QString& path)
{
    QStringList lines;
    const FaultServer::Request* previous = nullptr;
    for (const FaultServer::Request& request : server.requests()) {
        if (request.path != path)
            continue;
        const bool qtRepeat = previous && previous->cutShort && previous->range == request.range;
        previous = &request;
        if (qtRepeat)
            continue;
        QString line = QString::number(request.status);
        if (!request.range.isEmpty())
            line += u' ' + QString::fromLatin1(request.range);
        lines.append(line);
    }
    return lines;
}

// Fast retries, so that faults cost milliseconds. The stall time-out is long enough that a busy
// machine does not look like a stalling server; the tests about stalls shorten it.
Fetcher::Options quickOptions(std::chrono::milliseconds stallTimeout = 2s)
{
    return {.caFile = {}, .parallel = 4, .stallTimeout = stallTimeout, .attemptsPerMirror = 3, .firstBackoff = 10ms};
}

// Every progress signal, from whichever thread fetches.
class ProgressLog
{
public:
    struct Entry {
        qint64 done;
        qint64 total;
        qint64 bytesPerSecond;
        qint64 secondsLeft;
    };

    explicit ProgressLog(Fetcher& fetcher)
    {
        // No context object: a direct call on the fetching thread.
        QObject::connect(&fetcher, &Fetcher::progress, [this](qint64 done, qint64 total, qint64 rate, qint64 left) {
            QMutexLocker lock(&m_mutex);
            m_entries.push_back({done, total, rate, left});
        });
    }

    std::vector<Entry> entries() const
    {
        QMutexLocker lock(&m_mutex);
        return m_entries;
    }
    qint64 lastDone() const
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.empty() ? 0 : m_entries.back().done;
    }
    size_t count() const
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.size();
    }

private:
    mutable QMutex m_mutex;
    std::vector<Entry> m_entries;
};

// fetch() on a worker thread, as the application runs it, while the test's thread turns the
// knobs. Going out of scope cancels it, so that a failed check cannot leave it paused for ever.
class BackgroundFetch
{
public:
    BackgroundFetch(Fetcher& fetcher, std::vector<Item> items, std::shared_ptr<TransferControl> control)
        : m_control(std::move(control))
        , m_thread(QThread::create([this, &fetcher, items = std::move(items)] { m_result = fetcher.fetch(items); }))
    {
        m_thread->start();
    }
    ~BackgroundFetch()
    {
        m_control->cancel();
        m_thread->wait();
    }

    bool wait(int milliseconds) { return m_thread->wait(QDeadlineTimer(milliseconds)); }
    // What an application's shutdown does to a worker: every event loop on the thread ends.
    void quitThread() { m_thread->exit(); }
    const std::expected<void, Error>& result() const { return m_result; }

private:
    std::shared_ptr<TransferControl> m_control;
    std::expected<void, Error> m_result = std::unexpected(Error{Error::Code::Internal, u"Not run."_s});
    std::unique_ptr<QThread> m_thread;
};

} // namespace

Q_DECLARE_METATYPE(Faults)

class TestFetcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void faults_data();
    void faults();
    void resumesPartFromEarlierRun();
    void receivedCountsWhatArrived();
    void partLongerThanMirrorsCopy();
    void discardsPart_data();
    void discardsPart();
    void skipsFinishedDestination();
    void parallelLimit();
    void pauseAndResume();
    void pauseOutlastsTheConnection_data();
    void pauseOutlastsTheConnection();
    void cancelKeepsPartForNextFetch();
    void threadQuitIsACancel();
    void bandwidthLimit();
    void progressIsMonotonic();
    void folderMirror_data();
    void folderMirror();
    void missingInFolderFallsToNextMirror();
    void refusesBadInput_data();
    void refusesBadInput();
    void bandwidthLimiter_data();
    void bandwidthLimiter();
    void bandwidthLimiterSustainsItsRate();
    void bandwidthLimiterIsSharedAcrossThreads();
    void bandwidthLimiterFollowsANewLimit();
    void fetchesOnTwoThreadsShareOneLimit();

private:
    QTemporaryDir m_repository;
};

void TestFetcher::initTestCase()
{
    QVERIFY(m_repository.isValid());
    for (const File& file : kFiles)
        writeTestFile(m_repository.filePath(file.path), contentOf(file));
}

void TestFetcher::faults_data()
{
    QTest::addColumn<Faults>("first");  // on the first mirror, for objects/a.bin
    QTest::addColumn<Faults>("second"); // on the second mirror, for objects/a.bin
    QTest::addColumn<int>("mirrors");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<Error::Code>("code"); // when it does not
    QTest::addColumn<QStringList>("seenFirst");
    QTest::addColumn<QStringList>("seenSecond");
    QTest::addColumn<int>("stallMs"); // the stall time-out

    const auto ok = Error::Code::Internal; // unused when the fetch succeeds
    const qint64 length = kA.length;
    QTest::newRow("dropped after 100000 bytes once: resumed")
        << Faults{Fault::dropAfter(100000).only(1)} << Faults{} << 1 << true << ok
        << QStringList{u"200"_s, u"206 bytes=100000-"_s} << QStringList{} << 2000;
    // 5000 bytes a connection is too little progress to be let off (a thirty-second of the file).
    QTest::newRow("dropped every time on the first mirror: the second finishes the part")
        << Faults{Fault::dropAfter(5000)} << Faults{} << 2 << true << ok
        << QStringList{u"200"_s, u"206 bytes=5000-"_s, u"206 bytes=10000-"_s} << QStringList{u"206 bytes=15000-"_s}
        << 2000;
    // 20000 a connection: 16 connections, far more than the 6 attempts, each resuming the last.
    QStringList resumes{u"200"_s};
    for (qint64 from = 20000; from < length; from += 20000)
        resumes.append(u"206 bytes=%1-"_s.arg(from));
    QTest::newRow("dropped every 20000 bytes on every mirror: resumed until done")
        << Faults{Fault::dropAfter(20000)} << Faults{Fault::dropAfter(20000)} << 2 << true << ok << resumes
        << QStringList{} << 2000;
    QTest::newRow("a byte a connection on every mirror: the attempts run out")
        << Faults{Fault::dropAfter(1)} << Faults{Fault::dropAfter(1)} << 2 << false << Error::Code::Network
        << QStringList{u"200"_s, u"206 bytes=1-"_s, u"206 bytes=2-"_s}
        << QStringList{u"206 bytes=3-"_s, u"206 bytes=4-"_s, u"206 bytes=5-"_s} << 2000;
    // The whole file again each time, never past byte 50000: no progress after the first. (The
    // three requests from byte 50000 on show as one: seen() takes the repeats for Qt's.)
    QTest::newRow("Range ignored and dropped every time: the attempts run out")
        << Faults{Fault::dropAfter(50000), Fault::ignoreRange()} << Faults{} << 1 << false << Error::Code::Network
        << QStringList{u"200"_s, u"200 bytes=50000-"_s} << QStringList{} << 2000;
    QTest::newRow("a flipped byte once: discarded and fetched again")
        << Faults{Fault::flipByte(1234).only(1)} << Faults{} << 1 << true << ok << QStringList{u"200"_s, u"200"_s}
        << QStringList{} << 2000;
    QTest::newRow("a flipped byte on every mirror")
        << Faults{Fault::flipByte(1234)} << Faults{Fault::flipByte(length - 1)} << 2 << false << Error::Code::Mismatch
        << QStringList{u"200"_s, u"200"_s, u"200"_s} << QStringList{u"200"_s, u"200"_s, u"200"_s} << 2000;
    QTest::newRow("404 on the first mirror: the next at once")
        << Faults{Fault::status(404)} << Faults{} << 2 << true << ok << QStringList{u"404"_s} << QStringList{u"200"_s}
        << 2000;
    QTest::newRow("no mirror has it") << Faults{Fault::status(410)} << Faults{Fault::status(404)} << 2 << false
                                      << Error::Code::NotFound << QStringList{u"410"_s} << QStringList{u"404"_s}
                                      << 2000;
    QTest::newRow("500 once: retried") << Faults{Fault::status(500).only(1)} << Faults{} << 1 << true << ok
                                       << QStringList{u"500"_s, u"200"_s} << QStringList{} << 2000;
    QTest::newRow("503 once: retried") << Faults{Fault::status(503).only(1)} << Faults{} << 1 << true << ok
                                       << QStringList{u"503"_s, u"200"_s} << QStringList{} << 2000;
    QTest::newRow("503 every time") << Faults{Fault::status(503)} << Faults{} << 1 << false << Error::Code::Network
                                    << QStringList{u"503"_s, u"503"_s, u"503"_s} << QStringList{} << 2000;
    QTest::newRow("Range ignored after a drop: the whole file again")
        << Faults{Fault::dropAfter(100000).only(1), Fault::ignoreRange()} << Faults{} << 1 << true << ok
        << QStringList{u"200"_s, u"200 bytes=100000-"_s} << QStringList{} << 2000;
    QTest::newRow("Content-Length above the length: refused, the next mirror")
        << Faults{Fault::announceLength(length + 1)} << Faults{} << 2 << true << ok << QStringList{u"200"_s}
        << QStringList{u"200"_s} << 2000;
    QTest::newRow("Content-Length below the length: refused, the next mirror")
        << Faults{Fault::announceLength(1000)} << Faults{} << 2 << true << ok << QStringList{u"200"_s}
        << QStringList{u"200"_s} << 2000;
    QTest::newRow("Content-Length above the length on the only mirror")
        << Faults{Fault::announceLength(length + 1)} << Faults{} << 1 << false << Error::Code::LimitExceeded
        << QStringList{u"200"_s} << QStringList{} << 2000;
    QTest::newRow("endless body: the next mirror") << Faults{Fault::endlessBody()} << Faults{} << 2 << true << ok
                                                   << QStringList{u"200"_s} << QStringList{u"200"_s} << 2000;
    QTest::newRow("endless body on the only mirror")
        << Faults{Fault::endlessBody()} << Faults{} << 1 << false << Error::Code::LimitExceeded << QStringList{u"200"_s}
        << QStringList{} << 2000;
    QTest::newRow("stalled after 100000 bytes once: timed out and resumed")
        << Faults{Fault::stall(100000).only(1)} << Faults{} << 1 << true << ok
        << QStringList{u"200"_s, u"206 bytes=100000-"_s} << QStringList{} << 300;
    QTest::newRow("trickling") << Faults{Fault::trickle(1024 * 1024)} << Faults{} << 1 << true << ok
                               << QStringList{u"200"_s} << QStringList{} << 2000;
    QTest::newRow("redirected on the same server once")
        << Faults{Fault::redirect("/objects/a.bin").only(1)} << Faults{} << 1 << true << ok
        << QStringList{u"302"_s, u"200"_s} << QStringList{} << 2000;
    QTest::newRow("redirected to another server over http")
        << Faults{Fault::redirect("http://localhost:1/objects/a.bin")} << Faults{} << 1 << false << Error::Code::Network
        << QStringList{u"302"_s} << QStringList{} << 2000;
}

void TestFetcher::faults()
{
    QFETCH(Faults, first);
    QFETCH(Faults, second);
    QFETCH(int, mirrors);
    QFETCH(bool, succeeds);
    QFETCH(Error::Code, code);
    QFETCH(QStringList, seenFirst);
    QFETCH(QStringList, seenSecond);
    QFETCH(int, stallMs);

    FaultServer one(m_repository.path());
    FaultServer two(m_repository.path());
    for (const Fault& fault : first)
        one.addFault(kA.path, fault);
    for (const Fault& fault : second)
        two.addFault(kA.path, fault);
    QStringList addresses{one.url().toString()};
    if (mirrors == 2)
        addresses.append(two.url().toString());

    QTemporaryDir cache;
    const std::vector<Item> items = itemsFor(kFiles, cache.path());
    Fetcher fetcher(addresses, quickOptions(std::chrono::milliseconds(stallMs)));
    const auto fetched = fetcher.fetch(items);

    if (succeeds) {
        UPKEEP_VERIFY_OK(fetched);
        for (size_t i = 0; i < kFiles.size(); ++i) {
            QCOMPARE(readTestFile(items[i].destination), contentOf(kFiles[i]));
            QVERIFY(!QFileInfo::exists(items[i].destination + u".part"_s));
        }
    } else {
        UPKEEP_VERIFY_ERROR(fetched, code);
        QVERIFY2(fetched.error().message.startsWith(u"Cannot download objects/a.bin. "_s),
            qPrintable(fetched.error().message));
        QVERIFY(!QFileInfo::exists(items[0].destination));
        if (QByteArray(QTest::currentDataTag()).contains("attempts run out")) {
            // What the dropped connections brought waits to be resumed.
            QVERIFY(QFileInfo::exists(items[0].destination + u".part"_s));
        } else {
            // Nothing of a refused copy is kept to be resumed.
            QVERIFY(!QFileInfo::exists(items[0].destination + u".part"_s));
        }
    }
    QCOMPARE(seen(one, kA.path), seenFirst);
    QCOMPARE(seen(two, kA.path), seenSecond);
    for (const FaultServer::Request& request : one.requests())
        QVERIFY2(request.userAgent.startsWith("Upkeep/"), request.userAgent);
}

void TestFetcher::resumesPartFromEarlierRun()
{
    FaultServer server(m_repository.path());
    QTemporaryDir cache;
    const Item item = itemFor(kA, cache.path());
    const qint64 kept = 120000;
    writeTestFile(item.destination + u".part"_s, contentOf(kA).left(kept));

    Fetcher fetcher({server.url().toString()}, quickOptions());
    ProgressLog log(fetcher);
    UPKEEP_VERIFY_OK(fetcher.fetch({item}));
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
    QVERIFY(!QFileInfo::exists(item.destination + u".part"_s));
    QCOMPARE(seen(server, kA.path), QStringList{u"206 bytes=120000-"_s});
    QCOMPARE(server.requests().front().bodyBytesSent, kA.length - kept);
    QCOMPARE(fetcher.received(), kA.length - kept);
    // The part counts as done from the first report on.
    QVERIFY(!log.entries().empty());
    QVERIFY(log.entries().front().done >= kept);
}

void TestFetcher::receivedCountsWhatArrived()
{
    // A server that ignores Range sends the whole file although a part was at hand: all of it
    // arrived, and received() says so (not the length less the part).
    FaultServer server(m_repository.path());
    server.addFault(kA.path, Fault::ignoreRange());
    QTemporaryDir cache;
    const Item item = itemFor(kA, cache.path());
    writeTestFile(item.destination + u".part"_s, contentOf(kA).left(120000));

    Fetcher fetcher({server.url().toString()}, quickOptions());
    UPKEEP_VERIFY_OK(fetcher.fetch({item}));
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
    QCOMPARE(seen(server, kA.path), QStringList{u"200 bytes=120000-"_s});
    QCOMPARE(fetcher.received(), kA.length);
    // A second fetch with everything in place adds nothing.
    UPKEEP_VERIFY_OK(fetcher.fetch({item}));
    QCOMPARE(fetcher.received(), kA.length);
}

void TestFetcher::partLongerThanMirrorsCopy()
{
    // The first mirror's copy is cut short: it cannot serve the part's next byte (416). That copy
    // is wrong, not the part, which the next mirror completes.
    QTemporaryDir shortRepository;
    writeTestFile(shortRepository.filePath(kA.path), contentOf(kA).left(100000));
    FaultServer cut(shortRepository.path());
    FaultServer good(m_repository.path());
    QTemporaryDir cache;
    const Item item = itemFor(kA, cache.path());
    writeTestFile(item.destination + u".part"_s, contentOf(kA).left(150000));

    Fetcher fetcher({cut.url().toString(), good.url().toString()}, quickOptions());
    UPKEEP_VERIFY_OK(fetcher.fetch({item}));
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
    QCOMPARE(seen(cut, kA.path), QStringList{u"416 bytes=150000-"_s});
    QCOMPARE(seen(good, kA.path), QStringList{u"206 bytes=150000-"_s});
}

void TestFetcher::discardsPart_data()
{
    QTest::addColumn<QByteArray>("part");
    const QByteArray right = contentOf(kA);
    QTest::newRow("longer than the length") << right + "more"_ba;
    QTest::newRow("complete but corrupt") << flipped(right, 5000);
}

void TestFetcher::discardsPart()
{
    QFETCH(QByteArray, part);
    FaultServer server(m_repository.path());
    QTemporaryDir cache;
    const Item item = itemFor(kA, cache.path());
    writeTestFile(item.destination + u".part"_s, part);

    Fetcher fetcher({server.url().toString()}, quickOptions());
    UPKEEP_VERIFY_OK(fetcher.fetch({item}));
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
    QCOMPARE(seen(server, kA.path), QStringList{u"200"_s}); // from the first byte, without Range
}

void TestFetcher::skipsFinishedDestination()
{
    FaultServer server(m_repository.path());
    QTemporaryDir cache;
    const std::vector<Item> items = itemsFor(kFiles, cache.path());
    for (size_t i = 0; i < items.size(); ++i)
        writeTestFile(items[i].destination, contentOf(kFiles[i]));

    Fetcher fetcher({server.url().toString()}, quickOptions());
    ProgressLog log(fetcher);
    UPKEEP_VERIFY_OK(fetcher.fetch(items));
    QVERIFY(server.requests().empty());
    QCOMPARE(log.count(), size_t(1));
    QCOMPARE(log.entries().back().done, log.entries().back().total);
}

void TestFetcher::parallelLimit()
{
    // Each file trickles, so that transfers overlap for as long as the limit lets them.
    FaultServer server(m_repository.path());
    server.addFault(u"*"_s, Fault::trickle(600 * 1024));
    QTemporaryDir cache;
    std::vector<File> files = kFiles;
    for (int i = 0; i < 3; ++i) {
        const File extra{u"objects/extra%1.bin"_s.arg(i), 48 * 1024};
        writeTestFile(m_repository.filePath(extra.path), contentOf(extra));
        files.push_back(extra);
    }
    Fetcher::Options options = quickOptions();
    options.parallel = 2;
    Fetcher fetcher({server.url().toString()}, options);
    const std::vector<Item> items = itemsFor(files, cache.path());
    UPKEEP_VERIFY_OK(fetcher.fetch(items));
    for (size_t i = 0; i < files.size(); ++i)
        QCOMPARE(readTestFile(items[i].destination), contentOf(files[i]));
    QCOMPARE(server.requests().size(), files.size());
    QCOMPARE(server.peakConcurrentRequests(), 2);
}

void TestFetcher::pauseAndResume()
{
    // The pause outlasts the stall time-out: time paused must not count as a stall.
    FaultServer server(m_repository.path());
    server.addFault(kA.path, Fault::trickle(200 * 1024));
    QTemporaryDir cache;
    auto control = std::make_shared<TransferControl>();
    Fetcher fetcher({server.url().toString()}, quickOptions(300ms), control);
    ProgressLog log(fetcher);
    const Item item = itemFor(kA, cache.path());

    BackgroundFetch background(fetcher, {item}, control);
    QTRY_VERIFY_WITH_TIMEOUT(log.lastDone() > 0, 5000);
    control->pause();
    QTest::qWait(300); // the pause takes hold within a tick
    const qint64 atPause = log.lastDone();
    const size_t reportsAtPause = log.count();
    QTest::qWait(700);
    QCOMPARE(log.lastDone(), atPause);
    QVERIFY(log.count() > reportsAtPause); // still reporting, with nothing done
    QVERIFY(atPause < kA.length);
    QVERIFY(!background.wait(0));

    control->resume();
    QVERIFY(background.wait(10000));
    UPKEEP_VERIFY_OK(background.result());
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
    QCOMPARE(seen(server, kA.path), QStringList{u"200"_s}); // one connection, held through the pause
}

void TestFetcher::pauseOutlastsTheConnection_data()
{
    QTest::addColumn<Faults>("faults");  // for the first request only
    QTest::addColumn<qint64>("pauseAt"); // bytes done
    QTest::addColumn<bool>("heldOpen");  // through the pause, by the fetcher

    // Paused for longer than the stall time-out, the fetcher keeps the connection; resumed, it
    // gives up on the silence and resumes with Range.
    QTest::newRow("server falls silent") << Faults{Fault::stall(100000)} << qint64(100000) << true;
    // The server drops the connection during the pause; resumed, the fetcher resumes with Range.
    QTest::newRow("server drops the connection")
        << Faults{Fault::trickle(200 * 1024), Fault::dropAfter(100000)} << qint64(1) << false;
}

void TestFetcher::pauseOutlastsTheConnection()
{
    QFETCH(Faults, faults);
    QFETCH(qint64, pauseAt);
    QFETCH(bool, heldOpen);

    FaultServer server(m_repository.path());
    for (const Fault& fault : faults)
        server.addFault(kA.path, fault.only(1));
    QTemporaryDir cache;
    auto control = std::make_shared<TransferControl>();
    Fetcher::Options options = quickOptions(300ms);
    options.attemptsPerMirror = 1; // what the pause did to the connection is not the server's failure
    Fetcher fetcher({server.url().toString()}, options, control);
    ProgressLog log(fetcher);
    const Item item = itemFor(kA, cache.path());

    BackgroundFetch background(fetcher, {item}, control);
    QTRY_VERIFY_WITH_TIMEOUT(log.lastDone() >= pauseAt, 5000);
    control->pause();
    QTest::qWait(900);
    QVERIFY(log.lastDone() <= 100000);
    QCOMPARE(seen(server, kA.path), QStringList{u"200"_s}); // nothing new was asked while paused
    QCOMPARE(server.requests().front().connectionOpen, heldOpen);

    control->resume();
    QVERIFY(background.wait(10000));
    UPKEEP_VERIFY_OK(background.result());
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
    QCOMPARE(seen(server, kA.path), (QStringList{u"200"_s, u"206 bytes=100000-"_s}));
}

void TestFetcher::cancelKeepsPartForNextFetch()
{
    FaultServer server(m_repository.path());
    server.addFault(kA.path, Fault::trickle(200 * 1024).only(1));
    QTemporaryDir cache;
    const Item item = itemFor(kA, cache.path());
    qint64 kept = 0;
    {
        auto control = std::make_shared<TransferControl>();
        Fetcher fetcher({server.url().toString()}, quickOptions(), control);
        ProgressLog log(fetcher);
        BackgroundFetch background(fetcher, {item}, control);
        QTRY_VERIFY_WITH_TIMEOUT(log.lastDone() > 50000, 5000);
        control->cancel();
        QVERIFY(background.wait(5000));
        UPKEEP_VERIFY_ERROR(background.result(), Error::Code::Cancelled);
        QVERIFY(!QFileInfo::exists(item.destination));
        kept = QFileInfo(item.destination + u".part"_s).size();
        QVERIFY2(kept >= 50000 && kept < kA.length, qPrintable(QString::number(kept)));
    }

    Fetcher again({server.url().toString()}, quickOptions());
    UPKEEP_VERIFY_OK(again.fetch({item}));
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
    QCOMPARE(seen(server, kA.path), (QStringList{u"200"_s, u"206 bytes=%1-"_s.arg(kept)}));
}

void TestFetcher::threadQuitIsACancel()
{
    FaultServer server(m_repository.path());
    server.addFault(kA.path, Fault::trickle(200 * 1024));
    QTemporaryDir cache;
    const Item item = itemFor(kA, cache.path());
    auto control = std::make_shared<TransferControl>();
    Fetcher fetcher({server.url().toString()}, quickOptions(), control);
    ProgressLog log(fetcher);
    BackgroundFetch background(fetcher, {item}, control);
    QTRY_VERIFY_WITH_TIMEOUT(log.lastDone() > 50000, 5000);
    background.quitThread();
    QVERIFY(background.wait(5000));
    UPKEEP_VERIFY_ERROR(background.result(), Error::Code::Cancelled);
    QVERIFY(!QFileInfo::exists(item.destination));
}

void TestFetcher::bandwidthLimit()
{
    // 300 KiB at 150 KiB/s cannot take much less than two seconds, whatever the machine.
    FaultServer server(m_repository.path());
    QTemporaryDir cache;
    auto control = std::make_shared<TransferControl>();
    control->limiter().setLimit(150 * 1024);
    Fetcher fetcher({server.url().toString()}, quickOptions(), control);
    const Item item = itemFor(kA, cache.path());
    QElapsedTimer clock;
    clock.start();
    UPKEEP_VERIFY_OK(fetcher.fetch({item}));
    QVERIFY2(clock.elapsed() >= 1500, qPrintable(u"took %1 ms"_s.arg(clock.elapsed())));
    QCOMPARE(readTestFile(item.destination), contentOf(kA));
}

void TestFetcher::progressIsMonotonic()
{
    FaultServer server(m_repository.path());
    server.addFault(u"*"_s, Fault::trickle(400 * 1024));
    QTemporaryDir cache;
    const std::vector<Item> items = itemsFor(kFiles, cache.path());
    writeTestFile(items[0].destination + u".part"_s, contentOf(kA).left(100000));
    qint64 total = 0;
    for (const File& file : kFiles)
        total += file.length;

    Fetcher fetcher({server.url().toString()}, quickOptions());
    ProgressLog log(fetcher);
    UPKEEP_VERIFY_OK(fetcher.fetch(items));
    const std::vector<ProgressLog::Entry> entries = log.entries();
    QVERIFY2(entries.size() >= 3, qPrintable(QString::number(entries.size())));
    qint64 previous = 0;
    for (const ProgressLog::Entry& entry : entries) {
        QCOMPARE(entry.total, total);
        QVERIFY(entry.done >= previous);
        QVERIFY(entry.done <= total);
        QVERIFY(entry.bytesPerSecond >= 0);
        QVERIFY(entry.secondsLeft >= -1);
        previous = entry.done;
    }
    QVERIFY(entries.front().done >= 100000);
    QCOMPARE(entries.back().done, total);
    QCOMPARE(entries.back().secondsLeft, qint64(0));
    QVERIFY(std::any_of(entries.begin(), entries.end(), [](const auto& entry) { return entry.bytesPerSecond > 0; }));
}

void TestFetcher::folderMirror_data()
{
    QTest::addColumn<bool>("asUrl");
    QTest::addColumn<qint64>("partBytes"); // of objects/a.bin, left from an earlier run
    QTest::newRow("file:// URL") << true << qint64(0);
    QTest::newRow("plain folder path") << false << qint64(0);
    QTest::newRow("file:// URL, resuming a part") << true << qint64(70000);
}

void TestFetcher::folderMirror()
{
    QFETCH(bool, asUrl);
    QFETCH(qint64, partBytes);
    QTemporaryDir cache;
    const std::vector<Item> items = itemsFor(kFiles, cache.path());
    if (partBytes > 0)
        writeTestFile(items[0].destination + u".part"_s, contentOf(kA).left(partBytes));
    const QString address = asUrl ? QUrl::fromLocalFile(m_repository.path()).toString() : m_repository.path();
    Fetcher fetcher({address}, quickOptions());
    ProgressLog log(fetcher);
    UPKEEP_VERIFY_OK(fetcher.fetch(items));
    for (size_t i = 0; i < kFiles.size(); ++i) {
        QCOMPARE(readTestFile(items[i].destination), contentOf(kFiles[i]));
        QVERIFY(!QFileInfo::exists(items[i].destination + u".part"_s));
    }
    QVERIFY(!log.entries().empty());
    QCOMPARE(log.entries().back().done, log.entries().back().total);
}

void TestFetcher::missingInFolderFallsToNextMirror()
{
    QTemporaryDir emptyFolder;
    FaultServer server(m_repository.path());
    QTemporaryDir cache;
    const std::vector<Item> items = itemsFor(kFiles, cache.path());
    Fetcher fetcher({QUrl::fromLocalFile(emptyFolder.path()).toString(), server.url().toString()}, quickOptions());
    UPKEEP_VERIFY_OK(fetcher.fetch(items));
    for (size_t i = 0; i < kFiles.size(); ++i)
        QCOMPARE(readTestFile(items[i].destination), contentOf(kFiles[i]));
    QCOMPARE(server.requests().size(), kFiles.size());

    // A folder whose copy has the wrong length is passed over the same way.
    QTemporaryDir shortFolder;
    writeTestFile(shortFolder.filePath(kA.path), contentOf(kA).left(1000));
    QTemporaryDir cache2;
    const Item item = itemFor(kA, cache2.path());
    Fetcher second({shortFolder.path(), server.url().toString()}, quickOptions());
    UPKEEP_VERIFY_OK(second.fetch({item}));
    QCOMPARE(readTestFile(item.destination), contentOf(kA));

    // Missing everywhere: NotFound, naming the file.
    QTemporaryDir cache3;
    Fetcher nowhere({emptyFolder.path()}, quickOptions());
    const auto fetched = nowhere.fetch({itemFor(kA, cache3.path())});
    UPKEEP_VERIFY_ERROR(fetched, Error::Code::NotFound);
    QCOMPARE(fetched.error().message,
        u"Cannot download objects/a.bin. %1 has no file objects/a.bin."_s.arg(emptyFolder.path()));
}

void TestFetcher::refusesBadInput_data()
{
    QTest::addColumn<QStringList>("mirrors"); // {server} stands for the test server
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<QString>("sha256");
    QTest::addColumn<bool>("conflictingTwin"); // a second item to the same destination with another hash
    QTest::addColumn<Error::Code>("code");

    const QString server = u"{server}"_s;
    const QString sha = sha256(contentOf(kA));
    QTest::newRow("unsafe path") << QStringList{server} << u"../a.bin"_s << kA.length << sha << false
                                 << Error::Code::InvalidInput;
    QTest::newRow("negative length") << QStringList{server} << kA.path << qint64(-1) << sha << false
                                     << Error::Code::InvalidInput;
    QTest::newRow("no sha256") << QStringList{server} << kA.path << kA.length << QString() << false
                               << Error::Code::InvalidInput;
    QTest::newRow("two files to one destination")
        << QStringList{server} << kA.path << kA.length << sha << true << Error::Code::InvalidInput;
    QTest::newRow("no mirror") << QStringList{} << kA.path << kA.length << sha << false << Error::Code::InvalidInput;
    QTest::newRow("ftp mirror") << QStringList{u"ftp://example.com/repo"_s, server} << kA.path << kA.length << sha
                                << false << Error::Code::Unsupported;
    QTest::newRow("http mirror without a server")
        << QStringList{u"https:///repo"_s} << kA.path << kA.length << sha << false << Error::Code::InvalidInput;
}

void TestFetcher::refusesBadInput()
{
    QFETCH(QStringList, mirrors);
    QFETCH(QString, path);
    QFETCH(qint64, length);
    QFETCH(QString, sha256);
    QFETCH(bool, conflictingTwin);
    QFETCH(Error::Code, code);

    FaultServer server(m_repository.path());
    mirrors.replaceInStrings(u"{server}"_s, server.url().toString());
    QTemporaryDir cache;
    std::vector<Item> items{{path, length, sha256, cache.filePath(u"a.bin"_s), {}}};
    if (conflictingTwin)
        items.push_back({kB.path, kB.length, ::sha256(contentOf(kB)), cache.filePath(u"a.bin"_s), {}});
    Fetcher fetcher(mirrors, quickOptions());
    UPKEEP_VERIFY_ERROR(fetcher.fetch(items), code);
    QVERIFY(server.requests().empty());
    QVERIFY(QDir(cache.path()).isEmpty());
}

void TestFetcher::bandwidthLimiter_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("afterMs"); // since the bucket's first use
    QTest::addColumn<qint64>("wanted");
    QTest::addColumn<qint64>("allowed");

    QTest::newRow("no limit") << qint64(0) << 0 << qint64(10'000'000) << qint64(10'000'000);
    QTest::newRow("none saved up yet") << qint64(1000) << 0 << qint64(100) << qint64(0);
    QTest::newRow("200 ms at 1000 B/s") << qint64(1000) << 200 << qint64(10'000) << qint64(200);
    QTest::newRow("less wanted than allowed") << qint64(1000) << 200 << qint64(50) << qint64(50);
    QTest::newRow("a long wait saves a quarter second at most")
        << qint64(4000) << 10'000 << qint64(10'000) << qint64(1000);
}

void TestFetcher::bandwidthLimiter()
{
    QFETCH(qint64, limit);
    QFETCH(int, afterMs);
    QFETCH(qint64, wanted);
    QFETCH(qint64, allowed);

    BandwidthLimiter limiter;
    limiter.setLimit(limit);
    const auto start = BandwidthLimiter::Clock::now();
    QCOMPARE(limiter.take(0, start), qint64(0));
    const qint64 taken = limiter.take(wanted, start + std::chrono::milliseconds(afterMs));
    QVERIFY2(qAbs(taken - allowed) <= 1, qPrintable(QString::number(taken)));
}

void TestFetcher::bandwidthLimiterSustainsItsRate()
{
    // Four seconds of greedy takes every 25 ms come to four seconds' worth, shared or not.
    BandwidthLimiter limiter;
    limiter.setLimit(10'000);
    const auto start = BandwidthLimiter::Clock::now();
    qint64 taken = 0;
    for (int step = 0; step <= 160; ++step) {
        const auto now = start + std::chrono::milliseconds(25 * step);
        taken += limiter.take(1'000'000, now);
        taken += limiter.take(1'000'000, now); // a second transfer gets what the first left
    }
    QVERIFY2(taken >= 39'900 && taken <= 40'000, qPrintable(QString::number(taken)));
}

void TestFetcher::bandwidthLimiterIsSharedAcrossThreads()
{
    // Two threads (two installations' workers) take greedily from one bucket, each on its own
    // clock of the same four seconds, in whatever order the threads run: together they get four
    // seconds' worth, not eight.
    BandwidthLimiter limiter;
    limiter.setLimit(10'000);
    const auto start = BandwidthLimiter::Clock::now();
    QCOMPARE(limiter.take(1, start), qint64(0));
    std::atomic<qint64> taken = 0;
    auto greedy = [&] {
        for (int step = 1; step <= 160; ++step) {
            taken += limiter.take(1'000'000, start + std::chrono::milliseconds(25 * step));
            QThread::yieldCurrentThread();
        }
    };
    std::unique_ptr<QThread> one(QThread::create(greedy));
    std::unique_ptr<QThread> two(QThread::create(greedy));
    one->start();
    two->start();
    QVERIFY(one->wait(10000));
    QVERIFY(two->wait(10000));
    QVERIFY2(taken >= 39'900 && taken <= 40'000, qPrintable(QString::number(taken)));
}

void TestFetcher::bandwidthLimiterFollowsANewLimit()
{
    // Two seconds at 10 kB/s, then the user raises the limit to 20 kB/s for two more; then no limit.
    BandwidthLimiter limiter;
    limiter.setLimit(10'000);
    const auto start = BandwidthLimiter::Clock::now();
    qint64 taken = limiter.take(1'000'000, start);
    for (int step = 1; step <= 160; ++step) {
        if (step == 81)
            limiter.setLimit(20'000);
        taken += limiter.take(1'000'000, start + std::chrono::milliseconds(25 * step));
    }
    QVERIFY2(taken >= 59'900 && taken <= 60'000, qPrintable(QString::number(taken)));
    limiter.setLimit(0);
    QCOMPARE(limiter.take(5'000'000, start + std::chrono::milliseconds(4025)), qint64(5'000'000));
    QCOMPARE(limiter.limit(), qint64(0));
}

void TestFetcher::fetchesOnTwoThreadsShareOneLimit()
{
    // Two fetchers on two threads (as two installations' workers run them), with a TransferControl
    // each on one limiter of 200 KiB/s: their 500 KiB together cannot take much less than
    // (500 - 50) / 200 seconds, whatever the machine; with a limit each, half of that would do.
    FaultServer server(m_repository.path());
    QTemporaryDir cacheA;
    QTemporaryDir cacheB;
    auto limiter = std::make_shared<BandwidthLimiter>();
    limiter->setLimit(200 * 1024);
    auto controlA = std::make_shared<TransferControl>(limiter);
    auto controlB = std::make_shared<TransferControl>(limiter);
    Fetcher a({server.url().toString()}, quickOptions(), controlA);
    Fetcher b({server.url().toString()}, quickOptions(), controlB);
    QElapsedTimer clock;
    clock.start();
    {
        BackgroundFetch first(a, {itemFor(kA, cacheA.path())}, controlA);
        BackgroundFetch second(b, {itemFor(kB, cacheB.path())}, controlB);
        QVERIFY(first.wait(20000));
        QVERIFY(second.wait(20000));
        UPKEEP_VERIFY_OK(first.result());
        UPKEEP_VERIFY_OK(second.result());
    }
    const qint64 bytes = a.received() + b.received();
    QCOMPARE(bytes, kA.length + kB.length);
    const qint64 least = (bytes - BandwidthLimiter::burst(200 * 1024)) * 1000 / (200 * 1024);
    QVERIFY2(clock.elapsed() >= least * 9 / 10,
        qPrintable(u"%1 bytes in %2 ms, at least %3 ms expected"_s.arg(bytes).arg(clock.elapsed()).arg(least)));
}

QTEST_GUILESS_MAIN(TestFetcher)
#include "tst_fetcher.moc"
