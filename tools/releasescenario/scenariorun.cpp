#include "scenariorun.h"

#include "faultserver.h"
#include "install/installation.h"
#include "release/repositorypaths.h"
#include "scratchinstallation.h"
#include "trialfault.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

using Fault = Scenario::Fault;
using Expect = Scenario::Expect;

// How the last update or kill of the scenario went.
struct LastUpdate {
    std::optional<History::Record> record; // the history record it wrote; none when it wrote none
    ScratchInstallation::ProgramRun run;
    qint64 bytes = 0;
};

std::optional<TrialFault::Kind> trialKind(Fault::Kind kind)
{
    switch (kind) {
    case Fault::Kind::DroppedConnection: return TrialFault::Kind::DroppedConnection;
    case Fault::Kind::Stall: return TrialFault::Kind::Stall;
    case Fault::Kind::TruncatedBody: return TrialFault::Kind::TruncatedBody;
    case Fault::Kind::CorruptedBytes: return TrialFault::Kind::CorruptedBytes;
    case Fault::Kind::RangeIgnored: return TrialFault::Kind::RangeIgnored;
    case Fault::Kind::NotFound: return TrialFault::Kind::NotFound;
    case Fault::Kind::Unavailable: return TrialFault::Kind::Unavailable;
    case Fault::Kind::Missing:
    case Fault::Kind::Clear: break;
    }
    return std::nullopt;
}

std::optional<Expect::Outcome> outcomeOf(const History::Record& record)
{
    switch (record.outcome) {
    case History::Outcome::Installed: return Expect::Outcome::Installed;
    case History::Outcome::RolledBackAutomatically: return Expect::Outcome::RolledBack;
    case History::Outcome::Failed:
    case History::Outcome::Interrupted: return Expect::Outcome::Failed;
    case History::Outcome::RolledBackByUser: break;
    }
    return std::nullopt;
}

// Carries out one scenario: the state its steps share.
class Steps
{
    Q_DECLARE_TR_FUNCTIONS(ScenarioRun)

public:
    Steps(const Scenario& scenario, const ScenarioRun::Options& options)
        : m_scenario(scenario)
        , m_options(options)
        , m_random(options.seed)
    {
        m_fetch.stallTimeout = std::chrono::seconds(2);
        m_fetch.firstBackoff = std::chrono::milliseconds(50);
    }

    // Prepares the mirrors; an error ends the scenario before its first step.
    std::expected<void, Error> start();
    // Carries out `step`: an error when it could not be, a result for an expect.
    std::expected<std::optional<TrialResult>, Error> carryOut(const Scenario::Step& step);

private:
    std::expected<void, Error> publish(const Scenario::Publish& publish);
    std::expected<void, Error> install(const Scenario::Install& install);
    std::expected<void, Error> update(std::optional<std::chrono::milliseconds> killAfter);
    TrialResult expect(const Scenario::Step& step, const Expect& expect);
    // The faults in force, on the files they name for the update the installation is offered.
    std::expected<void, Error> applyFaults();
    // The signed manifest of `version` as the installation's repository has it now.
    std::expected<Manifest, Error> manifestOf(const QString& version);
    [[nodiscard]] qint64 bytesSent() const;
    [[nodiscard]] QString running() const;
    void clearFaults();

    const Scenario& m_scenario;
    const ScenarioRun::Options& m_options;
    QRandomGenerator m_random;
    Fetcher::Options m_fetch;
    QString m_repository;
    std::unique_ptr<FaultServer> m_first;
    std::unique_ptr<FaultServer> m_second;
    std::optional<ScratchInstallation> m_installation;
    std::vector<Fault> m_faults;
    std::optional<LastUpdate> m_last;
    int m_installations = 0;
};

std::expected<void, Error> Steps::start()
{
    QDir().mkpath(m_options.scratch);
    m_repository = m_options.repository;
    const bool publishes = std::ranges::any_of(m_scenario.steps,
        [](const Scenario::Step& step) { return std::holds_alternative<Scenario::Publish>(step.action); });
    if (publishes) {
        // The publisher's repository never changes: a scenario publishes into a copy.
        m_repository = QDir(m_options.scratch).filePath(u"repository"_s);
        QProcess copy;
        copy.start(u"cp"_s, {u"-a"_s, QDir(m_options.repository).absolutePath(), m_repository});
        if (!copy.waitForFinished(600000) || copy.exitStatus() != QProcess::NormalExit || copy.exitCode() != 0) {
            return std::unexpected(Error{Error::Code::Io,
                tr("cannot copy the repository to %1: %2")
                    .arg(m_repository, QString::fromLocal8Bit(copy.readAllStandardError()).trimmed())});
        }
    }
    m_first = std::make_unique<FaultServer>(m_repository);
    m_second = std::make_unique<FaultServer>(m_repository);
    if (!m_first->isListening() || !m_second->isListening())
        return std::unexpected(Error{Error::Code::Io, tr("cannot serve the repository on 127.0.0.1.")});
    return {};
}

std::expected<std::optional<TrialResult>, Error> Steps::carryOut(const Scenario::Step& step)
{
    // Steps other than expect make no result of their own.
    auto done = [](const std::expected<void, Error>& carried) -> std::expected<std::optional<TrialResult>, Error> {
        if (!carried)
            return std::unexpected(carried.error());
        return std::optional<TrialResult>();
    };
    if (const auto* release = std::get_if<Scenario::Publish>(&step.action))
        return done(publish(*release));
    if (const auto* version = std::get_if<Scenario::Install>(&step.action))
        return done(install(*version));
    if (const auto* fault = std::get_if<Fault>(&step.action)) {
        if (fault->kind == Fault::Kind::Clear)
            m_faults.clear();
        else
            m_faults.push_back(*fault);
        return std::optional<TrialResult>();
    }
    if (std::holds_alternative<Scenario::Update>(step.action))
        return done(update(std::nullopt));
    if (const auto* kill = std::get_if<Scenario::Kill>(&step.action)) {
        // A random moment within a little more than the last update took (or three seconds).
        const qint64 window = m_last ? std::max<qint64>(m_last->run.milliseconds * 11 / 10, 50) : 3000;
        const qint64 after = kill->afterMs.value_or(qint64(m_random.bounded(quint32(window))));
        return done(update(std::chrono::milliseconds(after)));
    }
    return std::optional<TrialResult>(expect(step, std::get<Expect>(step.action)));
}

std::expected<void, Error> Steps::publish(const Scenario::Publish& publish)
{
    QStringList arguments{u"release"_s, m_repository, u"--app"_s, m_options.app, u"--version"_s, publish.version,
        u"--channel"_s, publish.channel.isEmpty() ? m_options.channel : publish.channel, u"--from"_s, publish.source};
    if (!publish.healthCheck.isEmpty())
        arguments << u"--health-check"_s << publish.healthCheck;
    arguments += m_options.keyArguments;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(m_options.publisher, arguments);
    if (!process.waitForFinished(30 * 60 * 1000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        const QString said = QString::fromLocal8Bit(process.readAll()).trimmed();
        return std::unexpected(Error{Error::Code::Io,
            tr("upkeep-publish release could not publish %1 into the scratch copy of the repository%2")
                .arg(publish.version, said.isEmpty() ? u"."_s : u": "_s + said)});
    }
    return {};
}

std::expected<void, Error> Steps::install(const Scenario::Install& install)
{
    clearFaults();
    const QString folder = QDir(m_options.scratch).filePath(u"installation-%1"_s.arg(++m_installations));
    auto installation = ScratchInstallation::create(folder, {m_first->url().toString(), m_second->url().toString()},
        m_options.rootBytes, m_options.app, m_options.channel);
    if (!installation)
        return std::unexpected(installation.error());
    // In the share of installations the tested release's staged rollout admits, as the users it is for.
    auto opened = installation->refreshed(m_fetch);
    if (!opened)
        return std::unexpected(opened.error());
    if (auto tested = ScratchInstallation::release(*opened, *Version::parse(m_options.version)); tested) {
        if (auto joined = installation->joinRollout(tested->version, tested->rolloutPercent); !joined)
            return joined;
    }
    auto version = Version::parse(install.version);
    auto record = installation->install(*version, m_fetch);
    if (!record)
        return std::unexpected(record.error().prefixed(tr("installing %1").arg(install.version)));
    m_installation = std::move(*installation);
    m_last.reset();
    return {};
}

std::expected<void, Error> Steps::update(std::optional<std::chrono::milliseconds> killAfter)
{
    const std::optional<History::Record> before = m_installation->lastRecord();
    if (auto applied = applyFaults(); !applied)
        return applied;
    const qint64 sentBefore = bytesSent();
    auto run = m_installation->runUpkeep(m_options.upkeep, m_options.home, killAfter);
    clearFaults();
    if (!run)
        return std::unexpected(run.error());
    LastUpdate last;
    last.run = std::move(*run);
    last.bytes = bytesSent() - sentBefore;
    if (std::optional<History::Record> after = m_installation->lastRecord(); after && after != before)
        last.record = std::move(after);
    m_last = std::move(last);
    return {};
}

std::expected<void, Error> Steps::applyFaults()
{
    clearFaults();
    if (m_faults.empty())
        return {};
    // What the installation's next update downloads, as the planner decides it.
    std::vector<UpdatePlan::Download> downloads;
    auto installation = m_installation->refreshed(m_fetch);
    if (!installation)
        return std::unexpected(installation.error());
    auto offer = installation->offer();
    if (!offer)
        return std::unexpected(offer.error());
    if (*offer) {
        auto manifest = installation->manifest(**offer);
        if (!manifest)
            return std::unexpected(manifest.error());
        downloads = installation->plan(*manifest).downloads();
    }
    for (const Fault& fault : m_faults) {
        std::vector<std::pair<QString, qint64>> files; // path and length
        for (const UpdatePlan::Download& download : downloads) {
            // Packs are patches packed together: a fault on the patches spoils them too.
            const bool wanted = (fault.on == Fault::Target::Patches && (download.isPatch() || download.pack))
                || (fault.on == Fault::Target::Objects && !download.isPatch() && download.sha256.isEmpty())
                || (fault.on == Fault::Target::Bundle && !download.sha256.isEmpty() && !download.pack);
            if (wanted)
                files.emplace_back(download.path, download.length);
        }
        if (fault.on == Fault::Target::Path)
            files.emplace_back(fault.path, QFileInfo(QDir(m_repository).filePath(fault.path)).size());
        if (fault.on == Fault::Target::Manifest) {
            // Every manifest of the application, and the patches that make one from another.
            QStringList names;
            QDirIterator it(QDir(m_repository).filePath(u"targets/"_s + m_options.app), {u"*.manifest.json"_s},
                QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QFileInfo file(it.next());
                files.emplace_back(QDir(m_repository).relativeFilePath(file.filePath()), file.size());
                names.append(file.fileName().section(u'.', 0, 0));
            }
            const QFileInfoList patches = QDir(QDir(m_repository).filePath(u"patches"_s)).entryInfoList(QDir::Files);
            for (const QFileInfo& patch : patches) {
                if (names.contains(patch.fileName().section(u'-', 1)))
                    files.emplace_back(u"patches/"_s + patch.fileName(), patch.size());
            }
        }
        for (const auto& [path, length] : files) {
            if (fault.kind == Fault::Kind::Missing) {
                for (FaultServer* server : {m_first.get(), m_second.get()})
                    server->addFault(path, FaultServer::Fault::status(404).only(fault.times));
                continue;
            }
            for (const FaultServer::Fault& one : TrialFault(*trialKind(fault.kind)).faults(length))
                m_first->addFault(path, fault.times > 0 ? one.only(fault.times) : one);
        }
    }
    return {};
}

std::expected<Manifest, Error> Steps::manifestOf(const QString& version)
{
    auto parsed = Version::parse(version);
    if (!parsed)
        return std::unexpected(parsed.error());
    return m_installation->manifest(*parsed, m_fetch);
}

TrialResult Steps::expect(const Scenario::Step& step, const Expect& expect)
{
    TrialResult result;
    result.kind = TrialResult::Kind::Scenario;
    result.from = m_scenario.name;
    result.to = m_options.version;
    result.fault = step.describe();
    QStringList problems;
    const QString now = running();
    if (expect.version && now != *expect.version)
        problems.append(now.isEmpty() ? tr("nothing runs, not %1.").arg(*expect.version)
                                      : tr("%1 runs, not %2.").arg(now, *expect.version));
    if (expect.exact) {
        auto manifest = manifestOf(now);
        if (!manifest)
            problems.append(tr("cannot check that %1 is exact: %2").arg(now, manifest.error().message));
        else
            problems += m_installation->differences(*manifest);
    }
    const bool askedOfUpdate
        = expect.outcome || expect.healthCheckPassed || expect.fetchedAtMost || !expect.errorContains.isEmpty();
    if (askedOfUpdate && !m_last) {
        problems.append(tr("no update ran since the installation was made."));
    } else if (m_last) {
        const std::optional<History::Record>& record = m_last->record;
        const std::optional<Expect::Outcome> outcome = record ? outcomeOf(*record) : std::nullopt;
        if (record) {
            result.healthCheck = record->outcome == History::Outcome::Installed ? std::optional<bool>(true)
                : record->outcome == History::Outcome::RolledBackAutomatically  ? std::optional<bool>(false)
                                                                                : std::nullopt;
        }
        if (expect.outcome && outcome != expect.outcome) {
            problems.append(tr("the last update %1, not %2.")
                                .arg(outcome                 ? Scenario::toString(*outcome)
                                        : m_last->run.killed ? tr("was killed")
                                                             : tr("installed nothing"),
                                    Scenario::toString(*expect.outcome)));
        }
        if (expect.healthCheckPassed && result.healthCheck != expect.healthCheckPassed) {
            problems.append(!result.healthCheck ? tr("the last update did not get to a health check.")
                    : *result.healthCheck       ? tr("the health check passed.")
                                          : tr("the health check failed: %1").arg(record->healthOutput.trimmed()));
        }
        if (expect.fetchedAtMost && m_last->bytes > *expect.fetchedAtMost)
            problems.append(
                tr("the last update fetched %1 bytes, more than %2.").arg(m_last->bytes).arg(*expect.fetchedAtMost));
        if (!expect.errorContains.isEmpty() && !m_last->run.output.contains(expect.errorContains))
            problems.append(tr("the last update did not say \"%1\".").arg(expect.errorContains));
        result.bytesFetched = m_last->bytes;
        result.milliseconds = m_last->run.milliseconds;
        result.output = m_last->run.output;
    }
    result.passed = problems.isEmpty();
    if (!result.passed)
        result.failure = tr("scenario \"%1\", %2: %3").arg(m_scenario.name, step.describe(), problems.join(u' '));
    return result;
}

qint64 Steps::bytesSent() const
{
    qint64 sent = 0;
    for (const FaultServer* server : {m_first.get(), m_second.get()}) {
        for (const FaultServer::Request& request : server->requests())
            sent += request.bodyBytesSent;
    }
    return sent;
}

QString Steps::running() const
{
    const QString target = QFile::symLinkTarget(QDir(m_installation->folder()).filePath(u"current"_s));
    return target.isEmpty() ? QString() : QFileInfo(target).fileName();
}

void Steps::clearFaults()
{
    m_first->clearFaults();
    m_second->clearFaults();
}

} // namespace

std::vector<TrialResult> ScenarioRun::run(const std::function<void(const TrialResult&)>& onResult)
{
    std::vector<TrialResult> results;
    auto told = [&](TrialResult result) {
        results.push_back(std::move(result));
        if (onResult)
            onResult(results.back());
    };
    // A step that cannot be carried out fails the scenario there, as a trial of its own.
    auto failed = [&](const QString& what, const Error& error) {
        TrialResult result;
        result.kind = TrialResult::Kind::Scenario;
        result.from = m_scenario.name;
        result.to = m_options.version;
        result.fault = what;
        result.failure = tr("scenario \"%1\", %2: %3").arg(m_scenario.name, what, error.message);
        told(std::move(result));
    };
    Steps steps(m_scenario, m_options);
    if (auto started = steps.start(); !started) {
        failed(tr("its mirrors"), started.error());
        return results;
    }
    for (const Scenario::Step& step : m_scenario.steps) {
        auto done = steps.carryOut(step);
        if (!done) {
            failed(step.describe(), done.error());
            break;
        }
        if (*done)
            told(std::move(**done));
    }
    return results;
}
