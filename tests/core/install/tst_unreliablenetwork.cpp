// Updates over a bad network: each fault a server or a link can have, on one mirror or on
// both, applied to every file the update downloads (one of them a big object, so that a fault
// deep in a file happens). Each update ends with exactly the new
// version's files (after a resume, a retry or the next mirror), or with a clear error while
// the old version keeps running untouched, and what arrived waits in the cache for next time.

#include "support/testfiles.h"
#include "support/updatescenario.h"
#include "support/verify.h"

#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;

using Fault = FaultServer::Fault;

namespace {

// The size of the scenario's file that changes wholly in each release: its object is the one
// download big enough for the drops below to cut it, many times over.
constexpr qint64 kBulk = 256 * 1024;

Fault times(Fault fault, int count)
{
    fault.times = count;
    return fault;
}

} // namespace

class TestUnreliableNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void faults_data();
    void faults();
    void deadMirror();
    void resumesAfterCancel();

private:
    // An installation of release 0, with release 1's manifest fetched: ready to update.
    std::expected<ReleaseSelector::Release, Error> prepare(Installation& installation);
    Fetcher::Options quickOptions() const;

    std::unique_ptr<UpdateScenario> m_scenario;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
    std::vector<UpdatePlan::Download> m_downloads;
    // What replaces the plan's packs when they fail: the faults below spoil these too, so that a
    // fault everywhere leaves no way to the release.
    std::vector<UpdatePlan::Download> m_fallback;
};

void TestUnreliableNetwork::initTestCase()
{
    // One repository for every case (publishing is the slow part); each case installs anew.
    m_scenario = std::make_unique<UpdateScenario>(kBulk);
    m_scenario->publish(0);
    m_scenario->publish(1);
}

void TestUnreliableNetwork::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_folder = m_dir->filePath(u"tool"_s);
}

void TestUnreliableNetwork::cleanup()
{
    m_scenario->mirror(0).clearFaults();
    m_scenario->mirror(1).clearFaults();
    m_dir.reset();
}

Fetcher::Options TestUnreliableNetwork::quickOptions() const
{
    Fetcher::Options options;
    options.stallTimeout = std::chrono::milliseconds(400);
    options.firstBackoff = std::chrono::milliseconds(10);
    return options;
}

std::expected<ReleaseSelector::Release, Error> TestUnreliableNetwork::prepare(Installation& installation)
{
    installation.setFetchOptions(quickOptions());
    if (auto installed = UpdateScenario::install(installation, 0); !installed)
        return std::unexpected(installed.error());
    if (auto refreshed = installation.refresh(); !refreshed)
        return std::unexpected(refreshed.error());
    auto offer = installation.offer();
    if (!offer)
        return std::unexpected(offer.error());
    if (!*offer)
        return std::unexpected(Error{Error::Code::NotFound, u"no offer"_s});
    auto manifest = installation.manifest(**offer);
    if (!manifest)
        return std::unexpected(manifest.error());
    m_downloads = installation.plan(*manifest).downloads();
    m_fallback = installation.plan(*manifest).fallbackDownloads();
    return **offer;
}

void TestUnreliableNetwork::faults_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<int>("mirrors"); // how many mirrors have it: 1 (the first) or 2
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<Error::Code>("code"); // when it does not
    QTest::addColumn<bool>("resumes");     // bodies were cut short and Range requests followed

    const auto ok = Error::Code::Internal; // unused when it succeeds
    // 1000 bytes a connection is too little progress to be let off: the first mirror's attempts
    // run out. 30000 a connection, the bulk object takes 9 of them, more than the 6 attempts of
    // both mirrors, so only resuming on connections that bring bytes gets it done.
    QTest::newRow("drops after 1000 bytes, once: resumed")
        << times(Fault::dropAfter(1000), 1) << 1 << true << ok << true;
    QTest::newRow("drops every time on the first mirror: the second")
        << Fault::dropAfter(1000) << 1 << true << ok << true;
    QTest::newRow("drops every time everywhere: resumes until done")
        << Fault::dropAfter(30000) << 2 << true << ok << true;
    QTest::newRow("flips a byte once: retried") << times(Fault::flipByte(5), 1) << 1 << true << ok << false;
    QTest::newRow("flips a byte on the first mirror: the second") << Fault::flipByte(5) << 1 << true << ok << false;
    QTest::newRow("flips a byte everywhere: refused")
        << Fault::flipByte(5) << 2 << false << Error::Code::Mismatch << false;
    QTest::newRow("404 on the first mirror: the second") << Fault::status(404) << 1 << true << ok << false;
    QTest::newRow("404 everywhere") << Fault::status(404) << 2 << false << Error::Code::NotFound << false;
    QTest::newRow("503 once: retried") << times(Fault::status(503), 1) << 2 << true << ok << false;
    QTest::newRow("500 everywhere") << Fault::status(500) << 2 << false << Error::Code::Network << false;
    QTest::newRow("ignores Range after a drop: restarts whole")
        << times(Fault::dropAfter(1000), 1) << 1 << true << ok << true; // with IgnoreRange added below
    QTest::newRow("lies about Content-Length on the first mirror")
        << Fault::announceLength(10) << 1 << true << ok << false;
    QTest::newRow("endless body on the first mirror") << Fault::endlessBody() << 1 << true << ok << false;
    QTest::newRow("stalls on the first mirror") << Fault::stall(10) << 1 << true << ok << false;
    QTest::newRow("stalls everywhere") << Fault::stall(10) << 2 << false << Error::Code::Network << false;
    QTest::newRow("trickles") << Fault::trickle(200 * 1024) << 2 << true << ok << false;
}

void TestUnreliableNetwork::faults()
{
    QFETCH(Fault, fault);
    QFETCH(int, mirrors);
    QFETCH(bool, succeeds);
    QFETCH(Error::Code, code);
    QFETCH(bool, resumes);

    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    auto release = prepare(*installation);
    UPKEEP_VERIFY_OK(release);
    QVERIFY(!m_downloads.empty());
    for (int i = 0; i < mirrors; ++i) {
        std::vector<UpdatePlan::Download> spoiled = m_downloads;
        spoiled.insert(spoiled.end(), m_fallback.begin(), m_fallback.end());
        for (const UpdatePlan::Download& download : spoiled) {
            m_scenario->mirror(i).addFault(download.path, fault);
            if (QByteArray(QTest::currentDataTag()).startsWith("ignores Range"))
                m_scenario->mirror(i).addFault(download.path, Fault::ignoreRange());
        }
    }

    const size_t before[2] = {m_scenario->mirror(0).requests().size(), m_scenario->mirror(1).requests().size()};
    auto record = installation->install(*release);
    if (resumes) {
        bool cut = false;
        bool ranged = false;
        for (int i = 0; i < 2; ++i) {
            const auto requests = m_scenario->mirror(i).requests();
            for (size_t r = before[i]; r < requests.size(); ++r) {
                const bool download = std::any_of(m_downloads.begin(), m_downloads.end(),
                    [&](const UpdatePlan::Download& d) { return d.path == requests[r].path; });
                cut |= download && requests[r].cutShort;
                ranged |= download && !requests[r].range.isEmpty();
            }
        }
        QVERIFY2(cut, "no body was cut short");
        QVERIFY2(ranged, "no Range request followed");
        if (record) {
            // What arrived, counted: every download's bytes, and more where Range was ignored.
            qint64 total = 0;
            for (const UpdatePlan::Download& download : m_downloads)
                total += download.length;
            if (QByteArray(QTest::currentDataTag()).startsWith("ignores Range"))
                QVERIFY2(record->bytes > total, qPrintable(u"%1 of %2"_s.arg(record->bytes).arg(total)));
            else
                QCOMPARE(record->bytes, total);
        }
    }
    QString why;
    if (succeeds) {
        UPKEEP_VERIFY_OK(record);
        QCOMPARE(record->outcome, History::Outcome::Installed);
        QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
    } else {
        UPKEEP_VERIFY_ERROR(record, code);
        const auto named = [&](const auto& d) { return record.error().message.contains(d.path); };
        QVERIFY2(std::any_of(m_downloads.begin(), m_downloads.end(), named)
                || std::any_of(m_fallback.begin(), m_fallback.end(), named),
            qPrintable(record.error().message));
        QVERIFY2(m_scenario->runs(m_folder, 0, &why), qPrintable(why));
        QVERIFY(!QFileInfo::exists(m_folder + u"/versions/1.1.0"_s));
        // The failure is in the history, and a later try on a sound network succeeds.
        auto history = installation->history();
        UPKEEP_VERIFY_OK(history);
        QCOMPARE(history->back().outcome, History::Outcome::Failed);
        m_scenario->mirror(0).clearFaults();
        m_scenario->mirror(1).clearFaults();
        UPKEEP_VERIFY_OK(installation->install(*release));
        QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
    }
}

void TestUnreliableNetwork::deadMirror()
{
    // A first mirror that refuses connections: everything comes from the second.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const QString dead = u"http://127.0.0.1:%1"_s.arg(probe.serverPort());
    probe.close();
    auto installation = m_scenario->create(m_folder, {dead, m_scenario->mirrorUrls().at(1)});
    UPKEEP_VERIFY_OK(installation);
    auto release = prepare(*installation);
    UPKEEP_VERIFY_OK(release);
    UPKEEP_VERIFY_OK(installation->install(*release));
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 1, &why), qPrintable(why));
}

void TestUnreliableNetwork::resumesAfterCancel()
{
    // A fresh install cancelled a third of the way through its bundle keeps what arrived; the
    // next try resumes it with a Range request instead of starting over.
    auto installation = m_scenario->create(m_folder);
    UPKEEP_VERIFY_OK(installation);
    installation->setFetchOptions(quickOptions());
    const QString bundle = u"bundles/tool-1.0.0.tar.zst"_s;
    m_scenario->mirror(0).addFault(bundle, Fault::trickle(150 * 1024));
    auto control = std::make_shared<TransferControl>();
    installation->setTransferControl(control);
    installation->setProgress([&](const Installation::Progress& progress) {
        if (progress.phase == Installation::Progress::Phase::Download && progress.done * 3 > progress.total)
            control->cancel();
    });
    UPKEEP_VERIFY_ERROR(UpdateScenario::install(*installation, 0), Error::Code::Cancelled);
    QVERIFY(!QFileInfo::exists(m_folder + u"/current"_s));
    auto history = installation->history();
    UPKEEP_VERIFY_OK(history);
    QVERIFY(history->empty()); // the user's cancel is not a failure

    m_scenario->mirror(0).clearFaults();
    installation->setTransferControl(std::make_shared<TransferControl>());
    installation->setProgress({});
    const size_t before = m_scenario->mirror(0).requests().size();
    auto record = UpdateScenario::install(*installation, 0);
    UPKEEP_VERIFY_OK(record);
    QString why;
    QVERIFY2(m_scenario->runs(m_folder, 0, &why), qPrintable(why));
    const auto requests = m_scenario->mirror(0).requests();
    bool resumed = false;
    for (size_t i = before; i < requests.size(); ++i)
        resumed |= requests[i].path == bundle && !requests[i].range.isEmpty();
    QVERIFY(resumed);
}

QTEST_GUILESS_MAIN(TestUnreliableNetwork)
#include "tst_unreliablenetwork.moc"
