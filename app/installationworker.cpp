#include "installationworker.h"

#include "net/httprequestpolicy.h"

#include "launcherlink.h"
#include "registry.h"

#include <QFileInfo>
#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcWorker, "upkeep.worker", QtWarningMsg)

using namespace Qt::StringLiterals;

InstallationWorker::InstallationWorker(QString folder, std::shared_ptr<BandwidthLimiter> limiter)
    : m_folder(std::move(folder))
    , m_limiter(std::move(limiter))
{ }

void InstallationWorker::run(std::function<void()> job)
{
    m_pending.push_back(std::move(job));
    if (m_running)
        return;
    m_running = true;
    while (!m_pending.empty() && !m_stopped) {
        std::function<void()> next = std::move(m_pending.front());
        m_pending.pop_front();
        next();
    }
    m_running = false;
    if (m_stopped) {
        m_pending.clear();
        QThread::currentThread()->quit();
    }
}

void InstallationWorker::stop()
{
    m_stopped = true;
    // Through run(), so that it waits for the job under way, if any.
    QMetaObject::invokeMethod(
        this, [this] { run([] {}); }, Qt::QueuedConnection);
}

void InstallationWorker::makeRequests()
{
    // Reads the certificate authority file here, once, rather than at every ping on the GUI thread.
    // A private repository's pings go with its credentials (to its own origin only), as nginx
    // asks for them on the whole server; the ping itself says nothing of them.
    m_requests = std::make_shared<HttpRequestPolicy>(m_installation->config().caFile, m_installation->credentials());
    if (auto loaded = m_requests->request(QUrl(u"https://statistics.invalid/"_s)); !loaded)
        m_requests.reset();
}

bool InstallationWorker::ensureOpen(Job job)
{
    if (m_installation)
        return true;
    auto opened = Installation::open(m_folder);
    if (!opened) {
        Q_EMIT failed(job, opened.error());
        return false;
    }
    m_installation.emplace(std::move(*opened));
    m_installation->setTransferControl(std::make_shared<TransferControl>(m_limiter));
    makeRequests();
    // Every start first finishes or undoes what a crash interrupted, as the command line does.
    auto recovered = m_installation->recover();
    if (!recovered)
        Q_EMIT failed(job, recovered.error());
    else if (*recovered) {
        publish(false); // first, so that whoever hears of the record knows the installation
        Q_EMIT recorded(job, **recovered);
    }
    return true;
}

void InstallationWorker::load()
{
    Q_EMIT started(Job::Load);
    if (ensureOpen(Job::Load))
        publish(false);
    Q_EMIT finished(Job::Load);
}

void InstallationWorker::check()
{
    Q_EMIT started(Job::Check);
    if (ensureOpen(Job::Check)) {
        // The password may have been given again since it was read (`upkeep login` in a terminal,
        // after the server's password changed): each check takes the one kept now.
        if (!m_installation->config().authUser.isEmpty()) {
            m_installation->forgetPassword();
            makeRequests();
        }
        // Not a failure of an operation but a state of the page (CheckFailed) until a check answers:
        // the installation notes it, and the snapshot carries it.
        if (auto refreshed = m_installation->refresh(); !refreshed) {
            publish(false);
        } else {
            m_checked = true;
            publish(true);
        }
    }
    Q_EMIT finished(Job::Check);
}

void InstallationWorker::signIn(const QString& password)
{
    Q_EMIT started(Job::Check);
    if (ensureOpen(Job::Check)) {
        m_installation->setPassword(password);
        if (auto refreshed = m_installation->refresh(); !refreshed) {
            // Not kept: the one in the store stays, and the next check reads it again.
            m_installation->forgetPassword();
            publish(false);
        } else {
            m_checked = true;
            if (auto kept = m_installation->keepPassword(); !kept)
                Q_EMIT failed(Job::Check, kept.error());
            makeRequests();
            publish(true);
        }
    }
    Q_EMIT finished(Job::Check);
}

std::expected<ReleaseSelector::Release, Error> InstallationWorker::offered(const QString& version)
{
    auto releases = m_installation->releases();
    if (!releases)
        return std::unexpected(releases.error());
    for (const auto& candidate : *releases) {
        if (candidate.version.toString() == version)
            return candidate;
    }
    return std::unexpected(Error{Error::Code::NotFound,
        tr("%1 %2 is no longer offered on %3; check again.")
            .arg(m_installation->config().app, version, m_installation->config().channel)});
}

template <typename Transfer>
auto InstallationWorker::transferring(const std::shared_ptr<TransferControl>& control, Transfer transfer)
{
    m_installation->setTransferControl(control);
    m_lastPhase.reset();
    m_downloading.start();
    m_installation->setProgress([this](const Installation::Progress& progress) { reportProgress(progress); });
    auto result = transfer(*m_installation);
    m_installation->setProgress({});
    m_installation->setTransferControl(std::make_shared<TransferControl>(m_limiter));
    return result;
}

void InstallationWorker::download(const QString& version, const std::shared_ptr<TransferControl>& control)
{
    Q_EMIT started(Job::Download);
    if (ensureOpen(Job::Download)) {
        auto release = offered(version);
        auto downloaded = release
            ? transferring(control, [&](Installation& installation) { return installation.download(*release); })
            : std::unexpected(release.error());
        if (!downloaded)
            Q_EMIT failed(Job::Download, downloaded.error());
        publish(m_checked);
    }
    Q_EMIT finished(Job::Download);
}

void InstallationWorker::install(const QString& version, const std::shared_ptr<TransferControl>& control)
{
    Q_EMIT started(Job::Install);
    if (ensureOpen(Job::Install)) {
        auto release = offered(version);
        auto record = release
            ? transferring(control, [&](Installation& installation) { return installation.install(*release); })
            : std::unexpected(release.error());
        if (record)
            Q_EMIT recorded(Job::Install, *record);
        else
            Q_EMIT failed(Job::Install, record.error());
        publish(m_checked);
    }
    Q_EMIT finished(Job::Install);
}

void InstallationWorker::reportProgress(const Installation::Progress& reported)
{
    Installation::Progress progress = reported;
    // The engine may not know the rate yet; the average since the download began will do.
    if (progress.phase == Installation::Progress::Phase::Download && progress.bytesPerSecond <= 0
        && m_downloading.elapsed() > 0) {
        progress.bytesPerSecond = progress.done * 1000 / std::max<qint64>(m_downloading.elapsed(), 1);
        if (progress.secondsLeft < 0 && progress.bytesPerSecond > 0)
            progress.secondsLeft = (progress.total - progress.done) / progress.bytesPerSecond;
    }
    // At most ten reports a second reach the GUI thread, but every change of phase and the end.
    const bool phaseChanged = m_lastPhase != progress.phase;
    const bool done = progress.done >= progress.total;
    if (!phaseChanged && !done && m_sinceReport.isValid() && m_sinceReport.elapsed() < 100)
        return;
    m_lastPhase = progress.phase;
    m_sinceReport.start();
    Q_EMIT progressed(progress);
}

void InstallationWorker::rollback(const QString& version)
{
    Q_EMIT started(Job::Rollback);
    if (ensureOpen(Job::Rollback)) {
        auto target = Version::parse(version);
        auto record = target ? m_installation->rollback(*target) : std::unexpected(target.error());
        if (record)
            Q_EMIT recorded(Job::Rollback, *record);
        else
            Q_EMIT failed(Job::Rollback, record.error());
        publish(m_checked);
    }
    Q_EMIT finished(Job::Rollback);
}

void InstallationWorker::changeChannel(const QString& channel, bool rollBackNow)
{
    Q_EMIT started(Job::Channel);
    if (ensureOpen(Job::Channel)) {
        if (auto changed = m_installation->setChannel(channel); !changed) {
            Q_EMIT failed(Job::Channel, changed.error());
        } else if (rollBackNow) {
            auto target = m_installation->rollBackTarget(channel);
            if (target && !*target) {
                target = std::unexpected(Error{Error::Code::NotFound,
                    tr("No kept version of %1 is on %2; it stays on its current version until %2 catches up.")
                        .arg(m_installation->config().app, channel)});
            }
            auto record = target ? m_installation->rollback(**target) : std::unexpected(target.error());
            if (record)
                Q_EMIT recorded(Job::Rollback, *record);
            else
                Q_EMIT failed(Job::Channel, record.error());
        }
        publish(m_checked);
    }
    Q_EMIT finished(Job::Channel);
}

void InstallationWorker::setSkipped(const QString& version, bool skipped)
{
    Q_EMIT started(Job::Skip);
    if (ensureOpen(Job::Skip)) {
        auto parsed = Version::parse(version);
        auto saved = parsed ? m_installation->setSkipped(*parsed, skipped) : std::unexpected(parsed.error());
        if (!saved)
            Q_EMIT failed(Job::Skip, saved.error());
        publish(m_checked);
    }
    Q_EMIT finished(Job::Skip);
}

void InstallationWorker::setHeld(bool held)
{
    Q_EMIT started(Job::Hold);
    if (ensureOpen(Job::Hold)) {
        if (auto saved = m_installation->setHeld(held); !saved)
            Q_EMIT failed(Job::Hold, saved.error());
        publish(m_checked);
    }
    Q_EMIT finished(Job::Hold);
}

void InstallationWorker::remove(const QString& registryFile, bool deleteFolder)
{
    Q_EMIT started(Job::Remove);
    Registry registry(registryFile);
    if (!QFileInfo::exists(m_folder) && !QFileInfo(m_folder).isSymLink()) {
        // Already gone: there is nothing to lock or delete, only the registry to tell.
        auto forgotten = registry.remove(m_folder);
        auto unlinked = forgotten ? LauncherLink().removeFor(m_folder) : std::unexpected(forgotten.error());
        if (!unlinked)
            Q_EMIT failed(Job::Remove, unlinked.error());
        else
            Q_EMIT removed(false);
    } else if (ensureOpen(Job::Remove)) {
        // Not under a running update: its holder (`upkeep update` in a terminal) keeps the lock.
        auto lock = m_installation->lock();
        auto forgotten = lock ? registry.remove(m_folder) : std::unexpected(lock.error());
        auto deleted = forgotten && deleteFolder ? m_installation->deleteFolder(*lock) : forgotten;
        // As `upkeep remove` does: ~/.local/bin/upkeep no longer starts an Upkeep nothing updates.
        auto unlinked = deleted ? LauncherLink().removeFor(m_folder) : std::unexpected(deleted.error());
        if (!unlinked)
            Q_EMIT failed(Job::Remove, unlinked.error());
        else
            Q_EMIT removed(deleteFolder);
    }
    Q_EMIT finished(Job::Remove);
}

void InstallationWorker::reload()
{
    if (!m_installation)
        return;
    if (!QFileInfo::exists(InstallationConfig::path(m_installation->layout()))) {
        // Deleted behind Upkeep's back (not with Stop managing… or `upkeep remove`).
        if (!std::exchange(m_gone, true))
            Q_EMIT failed(Job::Load,
                Error{Error::Code::NotFound,
                    tr("%1 is gone; Stop managing… in this application's menu forgets it.").arg(m_folder)});
        return;
    }
    m_gone = false;
    if (diskState() != m_published)
        publish(m_checked);
}

QByteArray InstallationWorker::diskState() const
{
    const InstallLayout layout(m_folder);
    QByteArray state;
    QFile config(InstallationConfig::path(layout));
    if (config.open(QIODevice::ReadOnly))
        state = config.readAll();
    const QFileInfo history(layout.history());
    state += '\n' + QByteArray::number(history.size()) + ' '
        + QByteArray::number(history.lastModified().toMSecsSinceEpoch()) + '\n'
        + QFile::symLinkTarget(layout.currentLink()).toUtf8();
    for (const Version& version : layout.keptVersions())
        state += ' ' + version.toString().toUtf8();
    return state;
}

void InstallationWorker::publish(bool network)
{
    // Read first: a change made after this is told by the watcher and compared again.
    m_published = diskState();
    Installation& installation = *m_installation;
    if (auto reread = installation.rereadConfig(); !reread)
        qCInfo(lcWorker) << "keeping the configuration of" << m_folder << "as it was:" << reread.error().message;
    InstallationSnapshot snapshot;
    snapshot.folder = m_folder;
    snapshot.config = installation.config();
    snapshot.requests = m_requests;
    snapshot.app = installation.config().app;
    snapshot.channel = installation.config().channel;
    snapshot.running = installation.running();
    snapshot.kept = installation.layout().keptVersions();
    snapshot.checked = m_checked;
    snapshot.checkFailure = installation.checkFailure();
    snapshot.lastCheck = installation.lastCheck();
    if (auto history = installation.history())
        snapshot.history = std::move(*history);
    else
        Q_EMIT failed(Job::Load, history.error());
    // Until the first refresh these come from the trusted metadata kept on disk.
    if (auto channels = installation.channels())
        snapshot.channels = *channels;
    if (auto releases = installation.releases())
        snapshot.releases = std::move(*releases);
    if (auto offer = installation.offer(); offer && *offer) {
        snapshot.offer = **offer;
        snapshot.fullBytes = snapshot.offer->bundleSize;
        if (network) {
            if (auto manifest = installation.manifest(*snapshot.offer))
                snapshot.downloadBytes = installation.downloadSize(*manifest);
            else
                Q_EMIT failed(Job::Check, manifest.error());
        }
        snapshot.signer = installation.signer(*snapshot.offer);
    } else if (snapshot.running) {
        // The running version's signer, as its install recorded it.
        const QString running = snapshot.running->toString();
        for (const History::Record& record : snapshot.history) {
            if (record.to == running && record.outcome == History::Outcome::Installed)
                snapshot.signer = record.signer;
        }
    }
    if (auto publisher = installation.publisher())
        snapshot.publisher = *publisher;
    for (const auto& release : snapshot.releases) {
        const bool installed = snapshot.running && release.version == *snapshot.running;
        const bool coming = snapshot.offer && !(release.version > snapshot.offer->version)
            && (!snapshot.running || release.version > *snapshot.running);
        if (!installed && !coming)
            continue;
        const QString version = release.version.toString();
        if (!m_changelogs.contains(version) && network) {
            if (auto notes = installation.changelog(release))
                m_changelogs[version] = *notes;
            else
                Q_EMIT failed(Job::Check, notes.error());
        }
        if (const auto notes = m_changelogs.find(version); notes != m_changelogs.end())
            snapshot.changelogs[version] = notes->second;
    }
    Q_EMIT snapshotReady(snapshot);
}
