#include "releasetrials.h"

#include "faultserver.h"
#include "install/installation.h"
#include "release/repositorypaths.h"
#include "scratchinstallation.h"
#include "trialfault.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The file of an update that the faults strike: the largest it downloads.
struct Target {
    QString path;
    qint64 length = 0;
};

// Two mirrors of the repository, and what the trials on them saw. Trials run side by side on
// lanes of their own, so that each one's faults and bytes are its own.
struct Lane {
    std::unique_ptr<FaultServer> first;
    std::unique_ptr<FaultServer> second;
    QStringList mirrors;

    // Requests both mirrors had answered, to count from.
    [[nodiscard]] std::pair<size_t, size_t> marks() const
    {
        return {first->requests().size(), second->requests().size()};
    }
    // Body bytes both mirrors sent since `marks`.
    [[nodiscard]] qint64 sentSince(const std::pair<size_t, size_t>& marks) const
    {
        qint64 bytes = 0;
        const auto add = [&bytes](const std::vector<FaultServer::Request>& requests, size_t from) {
            for (size_t i = from; i < requests.size(); ++i)
                bytes += requests[i].bodyBytesSent;
        };
        add(first->requests(), marks.first);
        add(second->requests(), marks.second);
        return bytes;
    }
};

// One path's trials, run on one lane: the results in the order they ended, and the pristine
// installation its kill trials copy.
struct Path {
    std::optional<Version> from; // nullopt for the fresh installs
    size_t lane = 0;
    std::vector<TrialResult> results;
    std::optional<ScratchInstallation> pristine;
};

// One run of the trials: the mirrors, the tested release and where the scratch installations go.
class Run
{
    Q_DECLARE_TR_FUNCTIONS(ReleaseTrials)

public:
    Run(const ReleaseTrials::Options& options, const QString& scratch, quint32 seed,
        const std::function<void(const TrialResult&)>& onResult)
        : m_options(options)
        , m_scratch(scratch)
        , m_random(seed)
        , m_onResult(onResult)
    {
        m_fetch.stallTimeout = options.stallTimeout;
        m_fetch.firstBackoff = std::chrono::milliseconds(50);
    }

    std::expected<void, Error> prepare(const QByteArray& rootBytes, int lanes);
    [[nodiscard]] const std::vector<ReleaseSelector::Release>& earlier() const { return m_earlier; }
    [[nodiscard]] const ReleaseSelector::Release& tested() const { return m_tested; }

    // The fresh installs, then the updates from each of `from` (oldest first) under `faults`,
    // the paths side by side on the lanes; then `kills` kill trials for each, one at a time.
    void run(const std::vector<Version>& from, const std::vector<TrialFault>& faults, int kills);

    ReleaseTrials::Outcome outcome;

private:
    [[nodiscard]] QString version() const { return m_manifest.version.toString(); }
    [[nodiscard]] QString folder(const QString& name) const { return m_scratch + u'/' + name; }
    [[nodiscard]] QString newFolder() { return folder(u"trial-%1"_s.arg(++m_made)); }
    [[nodiscard]] TrialResult started(TrialResult::Kind kind, const QString& from, const QString& fault) const;
    void finish(Path& path, TrialResult result);
    // The trial's failure: "PATH under FAULT: what".
    static void fail(TrialResult& result, const QString& what);
    void freshInstalls(Path& path, const std::vector<TrialFault>& faults);
    void updates(Path& path, const std::vector<TrialFault>& faults);
    // Updates (or installs) `installation` to the tested version in-process under `fault`.
    void trial(Path& path, TrialResult result, const ScratchInstallation& installation, const TrialFault& fault,
        const Target& target);
    // Judges `installation` once an install or update said it ended with `record`.
    void judge(TrialResult& result, const ScratchInstallation& installation, const History::Record& record) const;
    void judgeResult(TrialResult& result, const ScratchInstallation& installation) const;
    void kills(Path& path, int count);

    const ReleaseTrials::Options& m_options;
    QString m_scratch;
    QRandomGenerator m_random;
    const std::function<void(const TrialResult&)>& m_onResult;
    QMutex m_mutex; // over the results and the callback
    Fetcher::Options m_fetch;
    std::vector<Lane> m_lanes;
    QByteArray m_rootBytes;
    ReleaseSelector::Release m_tested;
    Manifest m_manifest;
    std::vector<ReleaseSelector::Release> m_earlier; // newest first
    std::atomic<int> m_made = 0;                     // scratch installations made, for their names
};

std::expected<void, Error> Run::prepare(const QByteArray& rootBytes, int lanes)
{
    m_rootBytes = rootBytes;
    for (int i = 0; i < lanes; ++i) {
        Lane lane;
        lane.first = std::make_unique<FaultServer>(m_options.repository);
        lane.second = std::make_unique<FaultServer>(m_options.repository);
        if (!lane.first->isListening() || !lane.second->isListening())
            return std::unexpected(Error{Error::Code::Io, tr("Cannot serve the repository on 127.0.0.1.")});
        lane.mirrors = {lane.first->url().toString(), lane.second->url().toString()};
        m_lanes.push_back(std::move(lane));
    }

    // The releases as an installation following the channel sees them, and the tested one's
    // signed manifest.
    auto probe = Installation::create(
        folder(u"probe"_s), m_lanes.front().mirrors, m_rootBytes, m_options.app, m_options.channel);
    if (!probe)
        return std::unexpected(probe.error());
    probe->setFetchOptions(m_fetch);
    if (auto refreshed = probe->refresh(); !refreshed)
        return std::unexpected(refreshed.error().prefixed(m_options.repository));
    auto releases = probe->releases();
    if (!releases)
        return std::unexpected(releases.error());
    auto wanted = Version::parse(m_options.version);
    if (!wanted)
        return std::unexpected(Error{Error::Code::Usage, tr("\"%1\" is not a version.").arg(m_options.version)});
    QStringList offered;
    const ReleaseSelector::Release* tested = nullptr;
    for (const ReleaseSelector::Release& release : *releases) {
        offered.append(release.version.toString());
        if (release.version == *wanted)
            tested = &release;
        else if (release.version < *wanted)
            m_earlier.push_back(release);
    }
    if (!tested) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 %2 is not offered on %3; it offers %4.")
                .arg(m_options.app, m_options.version, m_options.channel,
                    offered.isEmpty() ? tr("no release of it") : offered.join(u", "_s))});
    }
    m_tested = *tested;
    auto manifest = probe->manifest(m_tested);
    if (!manifest)
        return std::unexpected(manifest.error());
    m_manifest = std::move(*manifest);
    return {};
}

TrialResult Run::started(TrialResult::Kind kind, const QString& from, const QString& fault) const
{
    TrialResult result;
    result.kind = kind;
    result.from = from;
    result.to = version();
    result.fault = fault;
    result.fullDownload = m_manifest.bundle ? m_manifest.bundle->size : m_tested.bundleSize;
    result.passed = true;
    return result;
}

void Run::finish(Path& path, TrialResult result)
{
    QMutexLocker lock(&m_mutex);
    path.results.push_back(std::move(result));
    if (m_onResult)
        m_onResult(path.results.back());
}

void Run::fail(TrialResult& result, const QString& what)
{
    const QString how = result.fault == u"none"_s ? tr("without a fault") : tr("under \"%1\"").arg(result.fault);
    const QString sentence = tr("%1 %2: %3").arg(result.path(), how, what);
    result.passed = false;
    result.failure = result.failure.isEmpty() ? sentence : result.failure + u'\n' + sentence;
}

void Run::judgeResult(TrialResult& result, const ScratchInstallation& installation) const
{
    const QStringList differences = installation.differences(m_manifest);
    if (!differences.isEmpty())
        fail(result, tr("the result is not exactly %1: %2").arg(version(), differences.join(u' ')));
}

void Run::judge(TrialResult& result, const ScratchInstallation& installation, const History::Record& record) const
{
    result.healthCheck = installation.healthCheck(m_manifest);
    switch (record.outcome) {
    case History::Outcome::Installed: judgeResult(result, installation); return;
    case History::Outcome::RolledBackAutomatically:
    case History::Outcome::Failed:
        if (result.healthCheck == false) {
            if (!record.healthOutput.isEmpty())
                result.output += (result.output.isEmpty() ? QString() : u"\n"_s) + record.healthOutput;
            fail(result,
                record.from.isEmpty()
                    ? tr("the health check of %1 failed: %2 Nothing runs.").arg(version(), record.reason)
                    : tr("the health check of %1 failed: %2 %3 runs again.")
                          .arg(version(), record.reason, record.from));
            return;
        }
        fail(result, tr("the update failed: %1").arg(record.reason));
        return;
    case History::Outcome::RolledBackByUser:
    case History::Outcome::Interrupted: break;
    }
    fail(result, tr("the update ended as \"%1\".").arg(History::toString(record.outcome)));
}

void Run::trial(Path& path, TrialResult result, const ScratchInstallation& installation, const TrialFault& fault,
    const Target& target)
{
    Lane& lane = m_lanes[path.lane];
    lane.first->clearFaults();
    lane.second->clearFaults();
    if (fault.kind() != TrialFault::Kind::None) {
        if (target.path.isEmpty()) {
            result.output = tr("The update downloads nothing, so the fault had nothing to strike.");
        } else {
            result.output
                = tr("The fault struck %1 (%2 bytes) on the first mirror.").arg(target.path).arg(target.length);
            for (const FaultServer::Fault& each : fault.faults(target.length))
                lane.first->addFault(target.path, each);
        }
    }
    const auto before = lane.marks();
    QElapsedTimer timer;
    timer.start();
    auto record = installation.install(m_manifest.version, m_fetch);
    result.milliseconds = timer.elapsed();
    lane.first->clearFaults();
    result.bytesFetched = lane.sentSince(before);
    if (!record)
        fail(result, tr("the update failed: %1").arg(record.error().message));
    else
        judge(result, installation, *record);
    finish(path, std::move(result));
}

void Run::freshInstalls(Path& path, const std::vector<TrialFault>& faults)
{
    Target target;
    if (m_manifest.bundle) {
        target = {RepositoryPaths::bundle(m_manifest.app, m_manifest.version), m_manifest.bundle->size};
    } else {
        for (const UpdatePlan::Download& download : UpdatePlan::make(m_manifest, nullptr).downloads()) {
            if (download.length > target.length)
                target = {download.path, download.length};
        }
    }
    for (const TrialFault& fault : faults) {
        TrialResult result = started(TrialResult::Kind::FreshInstall, {}, fault.name());
        auto installation = ScratchInstallation::create(
            newFolder(), m_lanes[path.lane].mirrors, m_rootBytes, m_options.app, m_options.channel);
        if (!installation) {
            fail(result, tr("cannot make an installation: %1").arg(installation.error().message));
            finish(path, std::move(result));
            continue;
        }
        trial(path, std::move(result), *installation, fault, target);
        if (!m_options.keepScratch)
            ScratchInstallation::remove(installation->folder());
    }
}

void Run::updates(Path& path, const std::vector<TrialFault>& faults)
{
    const QString fromText = path.from->toString();
    // Installed once, copied for each trial.
    auto pristine = ScratchInstallation::create(
        folder(u"pristine-"_s + fromText), m_lanes[path.lane].mirrors, m_rootBytes, m_options.app, m_options.channel);
    // In the share of installations the tested release's staged rollout admits, as `upkeep update` must
    // be offered it.
    std::expected<void, Error> joined = pristine ? pristine->joinRollout(m_manifest.version, m_tested.rolloutPercent)
                                                 : std::unexpected(pristine.error());
    std::expected<History::Record, Error> installed = joined
        ? pristine->install(*path.from, m_fetch)
        : std::expected<History::Record, Error>(std::unexpected(joined.error()));
    if (installed && installed->outcome != History::Outcome::Installed)
        installed = std::unexpected(Error{Error::Code::Internal, installed->reason});
    if (!installed) {
        TrialResult result = started(TrialResult::Kind::Update, fromText, faults.front().name());
        fail(result, tr("installing %1 fresh failed: %2").arg(fromText, installed.error().message));
        finish(path, std::move(result));
        return;
    }
    path.pristine = *pristine;

    Target target;
    if (auto installation = Installation::open(pristine->folder())) {
        for (const UpdatePlan::Download& download : installation->plan(m_manifest, m_tested.packs).downloads()) {
            if (download.length > target.length)
                target = {download.path, download.length};
        }
    }
    for (const TrialFault& fault : faults) {
        TrialResult result = started(TrialResult::Kind::Update, fromText, fault.name());
        auto copy = pristine->copyTo(newFolder());
        if (!copy) {
            fail(result, tr("cannot copy the installation of %1: %2").arg(fromText, copy.error().message));
            finish(path, std::move(result));
            continue;
        }
        trial(path, std::move(result), *copy, fault, target);
        if (!m_options.keepScratch)
            ScratchInstallation::remove(copy->folder());
    }
}

void Run::kills(Path& path, int count)
{
    const QString fromText = path.from->toString();
    const ScratchInstallation& pristine = *path.pristine;
    const QString home = folder(u"home"_s);
    Lane& lane = m_lanes[path.lane];
    lane.first->clearFaults();
    lane.second->clearFaults();
    qint64 window = m_options.killWindow ? qint64(m_options.killWindow->count()) : 0;
    if (!m_options.killWindow) {
        // One clean update by the real upkeep, so that the kills spread over all of it.
        TrialResult result = started(TrialResult::Kind::Kill, fromText, tr("no kill"));
        auto probe = pristine.copyTo(newFolder());
        if (!probe) {
            fail(result, tr("cannot copy the installation of %1: %2").arg(fromText, probe.error().message));
            finish(path, std::move(result));
            return;
        }
        const auto before = lane.marks();
        auto run = probe->runUpkeep(m_options.upkeep, home);
        if (!run) {
            fail(result, run.error().message);
        } else {
            result.milliseconds = run->milliseconds;
            result.output = run->output;
            if (run->exitCode != 0)
                fail(result,
                    tr("upkeep update failed (exit code %1): %2").arg(run->exitCode).arg(run->output.trimmed()));
            else
                judgeResult(result, *probe);
            result.healthCheck = probe->healthCheck(m_manifest);
        }
        result.bytesFetched = lane.sentSince(before);
        if (!m_options.keepScratch)
            ScratchInstallation::remove(probe->folder());
        if (!result.passed) {
            finish(path, std::move(result)); // no kill can tell more than this
            return;
        }
        window = std::max<qint64>(result.milliseconds * 11 / 10, 20);
    }
    for (int i = 0; i < count; ++i) {
        // A fraction of the window, so that the same seed strikes at the same points of an update.
        const qint64 delay = qint64(m_random.generateDouble() * double(window));
        TrialResult result = started(TrialResult::Kind::Kill, fromText, tr("kill at %1 ms").arg(delay));
        auto copy = pristine.copyTo(newFolder());
        if (!copy) {
            fail(result, tr("cannot copy the installation of %1: %2").arg(fromText, copy.error().message));
            finish(path, std::move(result));
            continue;
        }
        const auto before = lane.marks();
        auto killed = copy->runUpkeep(m_options.upkeep, home, std::chrono::milliseconds(delay));
        if (!killed) {
            fail(result, killed.error().message);
            finish(path, std::move(result));
            continue;
        }
        if (!killed->killed)
            result.fault = tr("kill at %1 ms (upkeep had finished)").arg(delay);
        auto again = copy->runUpkeep(m_options.upkeep, home);
        result.bytesFetched = lane.sentSince(before);
        result.output = killed->output;
        if (!again) {
            fail(result, again.error().message);
        } else {
            result.milliseconds = killed->milliseconds + again->milliseconds;
            result.output += again->output;
            if (again->exitCode != 0) {
                fail(result,
                    tr("the update after the kill failed (exit code %1): %2")
                        .arg(again->exitCode)
                        .arg(again->output.trimmed()));
            } else {
                judgeResult(result, *copy);
            }
            result.healthCheck = copy->healthCheck(m_manifest);
            if (result.healthCheck == false && result.passed)
                fail(result, tr("the health check of %1 failed.").arg(version()));
        }
        finish(path, std::move(result));
        if (!m_options.keepScratch)
            ScratchInstallation::remove(copy->folder());
    }
}

void Run::run(const std::vector<Version>& from, const std::vector<TrialFault>& faults, int kills)
{
    std::vector<Path> paths(1 + from.size());
    for (size_t i = 0; i < from.size(); ++i)
        paths[i + 1].from = from[i];
    // Each lane takes the next path that no lane has taken; the caller's thread is a lane too.
    std::atomic<size_t> next = 0;
    const auto work = [&](size_t lane) {
        for (size_t i = next++; i < paths.size(); i = next++) {
            Path& path = paths[i];
            path.lane = lane;
            if (path.from)
                updates(path, faults);
            else
                freshInstalls(path, faults);
        }
    };
    std::vector<std::unique_ptr<QThread>> threads;
    for (size_t lane = 1; lane < m_lanes.size(); ++lane) {
        threads.emplace_back(QThread::create(work, lane));
        threads.back()->start();
    }
    work(0);
    for (const auto& thread : threads)
        thread->wait();
    // The kills one at a time, in the order of the paths, so that the seed draws the same
    // moments for them, and no other trial slows the updates they strike.
    for (Path& path : paths) {
        if (path.from && path.pristine && kills > 0)
            this->kills(path, kills);
        if (path.pristine && !m_options.keepScratch)
            ScratchInstallation::remove(path.pristine->folder());
        std::move(path.results.begin(), path.results.end(), std::back_inserter(outcome.trials));
    }
}

} // namespace

bool ReleaseTrials::Outcome::passed() const
{
    return std::all_of(trials.begin(), trials.end(), [](const TrialResult& trial) { return trial.passed; });
}

ReleaseTrials::ReleaseTrials(Options options)
    : m_options(std::move(options))
    , m_seed(m_options.seed ? *m_options.seed : QRandomGenerator::global()->generate())
{ }

std::expected<QStringList, Error> ReleaseTrials::chooseFrom(const QString& from, const QStringList& earlier)
{
    if (from == u"all"_s)
        return earlier;
    bool number = false;
    const int newest = from.toInt(&number);
    if (number) {
        if (newest < 1)
            return std::unexpected(Error{Error::Code::Usage, tr("--from needs at least 1 release, not %1.").arg(from)});
        return earlier.mid(0, newest);
    }
    QStringList chosen;
    for (const QString& each : from.split(u',', Qt::SkipEmptyParts)) {
        const QString name = each.trimmed();
        auto version = Version::parse(name);
        const auto found = std::find_if(earlier.begin(), earlier.end(),
            [&](const QString& candidate) { return version && Version::parse(candidate) == *version; });
        if (found == earlier.end()) {
            return std::unexpected(Error{Error::Code::Usage,
                earlier.isEmpty() ? tr("%1 is not an earlier release still offered; there is none.").arg(name)
                                  : tr("%1 is not an earlier release still offered; those are %2.")
                                        .arg(name, earlier.join(u", "_s))});
        }
        if (!chosen.contains(*found))
            chosen.append(*found);
    }
    if (chosen.isEmpty())
        return std::unexpected(Error{Error::Code::Usage, tr("--from names no release.")});
    return chosen;
}

std::expected<ReleaseTrials::Outcome, Error> ReleaseTrials::run(const std::function<void(const TrialResult&)>& onResult)
{
    auto faults = TrialFault::set(m_options.faults);
    if (!faults)
        return std::unexpected(faults.error());
    if (m_options.kills < 0)
        return std::unexpected(Error{Error::Code::Usage, tr("The number of kills cannot be negative.")});
    if (m_options.kills > 0 && !QFileInfo(m_options.upkeep).isExecutable()) {
        return std::unexpected(
            Error{Error::Code::Usage, tr("Kill trials need the upkeep program; %1 is not one.").arg(m_options.upkeep)});
    }
    if (!QFileInfo(m_options.repository + u"/metadata"_s).isDir()) {
        return std::unexpected(Error{
            Error::Code::Usage, tr("%1 is not a repository (it has no metadata folder).").arg(m_options.repository)});
    }
    QByteArray rootBytes = m_options.rootBytes;
    if (rootBytes.isEmpty()) {
        QFile root(m_options.repository + u"/metadata/1.root.json"_s);
        if (!root.open(QIODevice::ReadOnly))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1.").arg(root.fileName())});
        rootBytes = root.readAll();
    }

    std::unique_ptr<QTemporaryDir> temporary;
    QString scratch = m_options.scratch;
    if (scratch.isEmpty()) {
        temporary = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/upkeep-publish-test-XXXXXX"_s);
        if (!temporary->isValid())
            return std::unexpected(
                Error{Error::Code::Io, tr("Cannot make a scratch folder: %1.").arg(temporary->errorString())});
        temporary->setAutoRemove(false); // removed below, read-only folders and all
        scratch = temporary->path();
    } else {
        if (QDir(scratch).exists()
            && !QDir(scratch).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot))
            return std::unexpected(Error{Error::Code::Usage, tr("The scratch folder %1 is not empty.").arg(scratch)});
        if (!QDir().mkpath(scratch))
            return std::unexpected(Error{Error::Code::Io, tr("Cannot make the scratch folder %1.").arg(scratch)});
        scratch = QFileInfo(scratch).absoluteFilePath();
    }
    const auto cleanUp = qScopeGuard([&] {
        if (!m_options.keepScratch)
            ScratchInstallation::remove(scratch);
    });

    Run run(m_options, scratch, m_seed, onResult);
    if (auto prepared = run.prepare(rootBytes, std::clamp(m_options.parallel, 1, 8)); !prepared)
        return std::unexpected(prepared.error());
    QStringList earlier;
    for (const ReleaseSelector::Release& release : run.earlier())
        earlier.append(release.version.toString());
    auto chosen = chooseFrom(m_options.from, earlier);
    if (!chosen)
        return std::unexpected(chosen.error());

    // Oldest first, as a report lists them.
    std::vector<Version> from;
    for (auto it = chosen->rbegin(); it != chosen->rend(); ++it) {
        const Version version = *Version::parse(*it);
        if (const auto& minimum = run.tested().minimumFrom; minimum && version < *minimum) {
            TrialResult skipped;
            skipped.kind = TrialResult::Kind::Update;
            skipped.from = *it;
            skipped.to = m_options.version;
            skipped.fault = u"none"_s;
            skipped.passed = true;
            skipped.skipped = true;
            skipped.output = tr("%1 → %2 is skipped: %2 accepts updates from %3 on.")
                                 .arg(*it, m_options.version, minimum->toString());
            run.outcome.trials.push_back(skipped);
            if (onResult)
                onResult(skipped);
            continue;
        }
        from.push_back(version);
    }
    run.run(from, *faults, m_options.kills);
    return std::move(run.outcome);
}
