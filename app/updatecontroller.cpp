#include "updatecontroller.h"

#include "rowstatus.h"

#include <QFileInfo>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcApp, "upkeep.app", QtWarningMsg)

UpdateController::UpdateController(Scheduler& scheduler, QObject* parent)
    : QObject(parent)
    , m_scheduler(scheduler)
{
    qRegisterMetaType<InstallationSnapshot>();
    qRegisterMetaType<Installation::Progress>();
    qRegisterMetaType<History::Record>();
    qRegisterMetaType<Error>();
    qRegisterMetaType<InstallationWorker::Job>();
    connect(&m_scheduler, &Scheduler::deferralChanged, this, [this](const QString& folder) {
        refreshRow(folder);
        updateOverall();
    });
    connect(&m_scheduler, &Scheduler::reminderDue, this, [this](const QString& folder) {
        Managed* m = managed(folder);
        if (m && m->snapshot && m->snapshot->offer) {
            m->announced.clear(); // remind: announce it again
            received(folder, *m->snapshot);
        }
    });
}

UpdateController::~UpdateController()
{
    // All threads are told first, then waited for: cancelled transfers return quickly.
    for (auto& [folder, m] : m_managed)
        stop(*m);
    for (auto& [folder, m] : m_managed) {
        m->thread.wait();
        delete m->worker;
    }
}

void UpdateController::stop(Managed& m)
{
    for (const auto& control : {m.control, m.background}) {
        if (control) {
            control->resume(); // a paused transfer must wake up to notice
            control->cancel();
        }
    }
    m.worker->stop();
}

UpdateController::Managed* UpdateController::managed(const QString& folder) const
{
    const auto it = m_managed.find(folder);
    return it == m_managed.end() ? nullptr : it->second.get();
}

void UpdateController::setFolders(const QStringList& folders)
{
    m_folders = folders;
    for (auto it = m_managed.begin(); it != m_managed.end();) {
        // Not while its worker is at work: the GUI thread would wait for the job to end.
        if (folders.contains(it->first) || it->second->job || it->second->queued > 0) {
            ++it;
            continue;
        }
        stop(*it->second);
        it->second->thread.wait();
        delete it->second->worker;
        m_applications.removeEntry(it->first);
        it = m_managed.erase(it);
    }
    for (const QString& folder : folders) {
        if (!managed(folder))
            add(folder);
    }
    if (m_selected.isEmpty() || !managed(m_selected))
        select(m_applications.folders().value(0));
}

void UpdateController::add(const QString& folder)
{
    auto owned = std::make_unique<Managed>();
    Managed* created = owned.get();
    m_managed.emplace(folder, std::move(owned));
    created->worker = new InstallationWorker(folder, m_limiter);
    created->worker->moveToThread(&created->thread);
    created->thread.setObjectName(u"upkeep worker"_s);
    InstallationWorker* worker = created->worker;
    connect(worker, &InstallationWorker::started, this, [this, folder](InstallationWorker::Job job) {
        if (Managed* m = managed(folder)) {
            m->job = job;
            if (job != InstallationWorker::Job::Skip && job != InstallationWorker::Job::Hold)
                m->problem.clear();
            refreshRow(folder);
            updateOverall();
        }
    });
    connect(worker, &InstallationWorker::snapshotReady, this,
        [this, folder](const InstallationSnapshot& snapshot) { received(folder, snapshot); });
    connect(worker, &InstallationWorker::progressed, this,
        [this, folder](const Installation::Progress& progress) { m_applications.setProgress(folder, progress); });
    connect(worker, &InstallationWorker::recorded, this,
        [this, folder](InstallationWorker::Job, const History::Record& record) {
            Managed* m = managed(folder);
            if (!m)
                return;
            if (record.outcome == History::Outcome::RolledBackAutomatically
                || record.outcome == History::Outcome::Failed)
                m->problem = record.reason.simplified();
            const QString app = m->snapshot ? m->snapshot->app : QString();
            Q_EMIT recorded(folder, app, record);
        });
    connect(worker, &InstallationWorker::failed, this, [this, folder](InstallationWorker::Job job, const Error& error) {
        Managed* m = managed(folder);
        if (!m)
            return;
        // A background download that failed is tried again at the next check, and Update now
        // would tell what is wrong: not a problem to show yet.
        if (job == InstallationWorker::Job::Download) {
            qCInfo(lcApp) << "background download in" << folder << "failed:" << error.message;
            return;
        }
        // Stop managing… refused (another process updates it) changed nothing: the status bar tells.
        if (error.code != Error::Code::Cancelled && job != InstallationWorker::Job::Remove)
            m->problem = error.message;
        if (!m->job) { // a reload's: no job's end refreshes the row
            refreshRow(folder);
            updateOverall();
        }
        Q_EMIT failed(folder, m->snapshot ? m->snapshot->app : QString(), job, error);
    });
    connect(worker, &InstallationWorker::removed, this, [this, folder](bool deleted) {
        if (const Managed* m = managed(folder))
            Q_EMIT removed(folder, m->snapshot ? m->snapshot->app : QFileInfo(folder).fileName(), deleted);
    });
    connect(worker, &InstallationWorker::finished, this,
        [this, folder](InstallationWorker::Job job) { jobFinished(folder, job); });
    created->thread.start();

    ApplicationModel::Entry entry;
    entry.folder = folder;
    entry.name = QFileInfo(folder).fileName();
    entry.status = ApplicationModel::Status::Loading;
    m_applications.setEntry(entry);
    queue(folder, [](InstallationWorker* w) { w->load(); });
}

template <typename Call> void UpdateController::queue(const QString& folder, Call call)
{
    Managed* m = managed(folder);
    if (!m)
        return;
    ++m->queued;
    InstallationWorker* worker = m->worker;
    QMetaObject::invokeMethod(
        worker, [worker, call] { worker->run([worker, call] { call(worker); }); }, Qt::QueuedConnection);
    updateOverall();
}

void UpdateController::jobFinished(const QString& folder, InstallationWorker::Job job)
{
    Managed* m = managed(folder);
    if (!m)
        return;
    m->queued = std::max(0, m->queued - 1);
    m->job.reset();
    if (job == InstallationWorker::Job::Install) {
        m->control.reset();
        m_applications.setProgress(folder, std::nullopt);
    } else if (job == InstallationWorker::Job::Download) {
        m->background.reset();
        if (!m->control)
            m_applications.setProgress(folder, std::nullopt);
    }
    refreshRow(folder);
    updateOverall();
    if (m->stale && !m->control) {
        m->stale = false;
        reload(folder);
    }
    // A folder dropped while it was at work goes now (not from inside this signal's handler).
    if (!m_folders.contains(folder) && m->queued == 0)
        QMetaObject::invokeMethod(
            this, [this] { setFolders(m_folders); }, Qt::QueuedConnection);
    if (!isBusy())
        Q_EMIT idle();
}

void UpdateController::reload(const QString& folder)
{
    Managed* m = managed(folder);
    if (!m)
        return;
    if (m->control) {
        m->stale = true;
        return;
    }
    InstallationWorker* worker = m->worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->run([worker] { worker->reload(); }); }, Qt::QueuedConnection);
}

void UpdateController::received(const QString& folder, const InstallationSnapshot& snapshot)
{
    Managed* m = managed(folder);
    if (!m)
        return;
    // Another process moved it to another channel: that channel's offer comes from a check.
    if (m->snapshot && m->snapshot->channel != snapshot.channel && !m->job)
        check(folder);
    m->snapshot = snapshot;
    // A version newly on offer: the user's "when to install" choice applies, then it is announced.
    // A held installation installs nothing by itself and announces nothing: a notification would
    // offer "Update now" for what the user paused. Resumed, its offer is announced then.
    if (snapshot.checked && snapshot.offer && !snapshot.config.held) {
        const QString version = snapshot.offer->version.toString();
        if (m->announced != version && !m_scheduler.isPostponed(folder, version)) {
            m->announced = version;
            m_scheduler.updateFound(folder, version);
            Q_EMIT updateFound(folder, snapshot.app, version, snapshot.offer->critical);
        }
    }
    // A deferral about a version no longer on offer (installed, or a newer one came) is moot.
    if (const auto deferral = m_scheduler.deferral(folder); deferral
        && (!snapshot.offer || snapshot.offer->version.toString() != deferral->version)
        && (snapshot.checked || !snapshot.offer))
        m_scheduler.clear(folder);
    refreshRow(folder);
    if (folder == m_selected)
        showDetails();
    updateOverall();
    if (m->job == InstallationWorker::Job::Check || m->job == InstallationWorker::Job::Hold)
        downloadInBackground(folder);
}

void UpdateController::downloadInBackground(const QString& folder)
{
    Managed* m = managed(folder);
    if (!m_backgroundDownloads || !m || !m->snapshot || m->control || m->background || m_scheduler.holdsDownloads())
        return;
    const InstallationSnapshot& s = *m->snapshot;
    if (!s.checked || !s.offer || s.downloadBytes <= 0 || s.config.held) // held: nothing ahead of need either
        return;
    m->background = std::make_shared<TransferControl>(m_limiter);
    if (m_allPaused) {
        m->background->pause();
        m_applications.setPaused(folder, true);
    }
    const QString version = s.offer->version.toString();
    const std::shared_ptr<TransferControl> control = m->background;
    queue(folder, [version, control](InstallationWorker* w) { w->download(version, control); });
    refreshRow(folder);
}

void UpdateController::refreshRow(const QString& folder)
{
    Managed* m = managed(folder);
    if (!m)
        return;
    ApplicationModel::Entry entry;
    if (const ApplicationModel::Entry* old = m_applications.entry(folder))
        entry = *old;
    entry.folder = folder;
    if (m->snapshot) {
        const InstallationSnapshot& s = *m->snapshot;
        entry.name = s.app;
        entry.installed = s.running ? s.running->toString() : QString();
        entry.channel = s.channel;
        entry.available = s.offer ? s.offer->version.toString() : QString();
        entry.critical = s.offer && s.offer->critical;
        entry.downloadBytes = s.offer ? s.downloadBytes : 0;
        entry.fullBytes = s.offer ? s.fullBytes : 0;
        entry.identity = s.publisher ? ApplicationModel::Identity::Named : ApplicationModel::Identity::None;
        entry.publisher = s.publisher.value_or(QString());
        entry.signer = s.signer;
        entry.held = s.config.held;
        entry.lastCheck = s.lastCheck;
    }
    RowStatus::Facts facts;
    facts.loaded = m->snapshot.has_value();
    facts.offered = m->snapshot && m->snapshot->offer ? m->snapshot->offer->version.toString() : QString();
    facts.job = m->job;
    facts.updating = m->control != nullptr;
    facts.downloading = m->background != nullptr;
    facts.problem = m->problem;
    facts.checkFailure = m->snapshot ? m->snapshot->checkFailure : std::nullopt;
    facts.authUser = m->snapshot ? m->snapshot->config.authUser : QString();
    facts.deferral = m_scheduler.deferral(folder);
    facts.now = m_scheduler.now();
    const RowStatus row = RowStatus::of(facts);
    entry.status = row.status;
    entry.message = row.message;
    entry.details = row.details;
    entry.signInUser = row.signInUser;
    entry.remindAt = row.remindAt;
    entry.scheduledAt = row.scheduledAt;
    m_applications.setEntry(entry);
    if (m_selected.isEmpty())
        select(folder);
}

void UpdateController::select(const QString& folder)
{
    m_selected = folder;
    showDetails();
}

void UpdateController::showDetails()
{
    const Managed* m = managed(m_selected);
    if (!m || !m->snapshot) {
        m_releases.setReleases({}, std::nullopt, std::nullopt);
        m_history.setHistory({}, {}, std::nullopt);
        m_channels.setChannels({}, {});
        return;
    }
    const InstallationSnapshot& s = *m->snapshot;
    m_releases.setReleases(s.releases, s.running,
        s.offer ? std::optional<Version>(s.offer->version) : std::optional<Version>(), s.changelogs);
    m_history.setHistory(s.history, s.kept, s.running);
    m_channels.setChannels(s.channels, s.channel);
}

void UpdateController::check(const QString& folder)
{
    queue(folder, [](InstallationWorker* w) { w->check(); });
}

void UpdateController::signIn(const QString& folder, const QString& password)
{
    queue(folder, [password](InstallationWorker* w) { w->signIn(password); });
}

void UpdateController::checkAll()
{
    for (const auto& [folder, m] : m_managed) {
        // A running update will publish fresh state when it ends; no need to queue behind it.
        if (!m->control)
            check(folder);
    }
}

bool UpdateController::update(const QString& folder)
{
    Managed* m = managed(folder);
    if (!m || !m->snapshot || !m->snapshot->offer || m->control || m->snapshot->config.held)
        return false;
    m_scheduler.clear(folder);
    m->control = std::make_shared<TransferControl>(m_limiter);
    if (m_allPaused)
        m->control->pause();
    m_applications.setPaused(folder, m_allPaused);
    const QString version = m->snapshot->offer->version.toString();
    const std::shared_ptr<TransferControl> control = m->control;
    queue(folder, [version, control](InstallationWorker* w) { w->install(version, control); });
    // Shown as updating at once, not only when the worker starts.
    Installation::Progress starting;
    m_applications.setProgress(folder, starting);
    refreshRow(folder);
    updateOverall();
    return true;
}

// An update asked for while its background download runs waits for that download, whose
// progress it shows: pause, resume and cancel act on both.
void UpdateController::pause(const QString& folder)
{
    if (Managed* m = managed(folder); m && m->control) {
        m->control->pause();
        if (m->background)
            m->background->pause();
        m_applications.setPaused(folder, true);
    }
}

void UpdateController::resume(const QString& folder)
{
    if (Managed* m = managed(folder); m && m->control) {
        m->control->resume();
        if (m->background)
            m->background->resume();
        m_applications.setPaused(folder, false);
    }
}

void UpdateController::cancel(const QString& folder)
{
    if (Managed* m = managed(folder); m && m->control) {
        for (const auto& control : {m->control, m->background}) {
            if (control) {
                control->resume(); // a paused transfer must wake up to notice
                control->cancel();
            }
        }
    }
}

void UpdateController::setDownloadsPaused(bool paused)
{
    m_allPaused = paused;
    for (const auto& [folder, m] : m_managed) {
        if (m->background && paused)
            m->background->pause();
        else if (m->background)
            m->background->resume();
        if (m->background && !m->control)
            m_applications.setPaused(folder, paused);
        if (paused)
            pause(folder);
        else
            resume(folder);
    }
}

void UpdateController::setBandwidthLimit(qint64 bytesPerSecond)
{
    m_limiter->setLimit(bytesPerSecond); // downloads under way follow within a tick
}

void UpdateController::setBackgroundDownloads(bool enabled)
{
    m_backgroundDownloads = enabled;
    for (const auto& [folder, m] : m_managed) {
        if (enabled)
            downloadInBackground(folder);
        else if (m->background) {
            m->background->resume(); // a paused transfer must wake up to notice
            m->background->cancel(); // what arrived stays in the cache
        }
    }
}

void UpdateController::rollback(const QString& folder, const QString& version)
{
    queue(folder, [version](InstallationWorker* w) { w->rollback(version); });
}

void UpdateController::changeChannel(const QString& folder, const QString& channel, bool rollBackNow)
{
    queue(folder, [channel, rollBackNow](InstallationWorker* w) { w->changeChannel(channel, rollBackNow); });
    // The channel's offer comes from a fresh check.
    check(folder);
}

void UpdateController::skip(const QString& folder)
{
    const Managed* m = managed(folder);
    if (!m || !m->snapshot || !m->snapshot->offer || m->snapshot->offer->critical)
        return;
    const QString version = m->snapshot->offer->version.toString();
    m_scheduler.clear(folder);
    queue(folder, [version](InstallationWorker* w) { w->setSkipped(version, true); });
}

void UpdateController::setHeld(const QString& folder, bool held)
{
    queue(folder, [held](InstallationWorker* w) { w->setHeld(held); });
}

bool UpdateController::remove(const QString& folder, const QString& registryFile, bool deleteFolder)
{
    const Managed* m = managed(folder);
    if (!m || m->control || m->job == InstallationWorker::Job::Rollback || m->job == InstallationWorker::Job::Channel)
        return false;
    queue(folder, [registryFile, deleteFolder](InstallationWorker* w) { w->remove(registryFile, deleteFolder); });
    return true;
}

void UpdateController::remindLater(const QString& folder, const QDateTime& when)
{
    if (const Managed* m = managed(folder); m && m->snapshot && m->snapshot->offer)
        m_scheduler.remindLater(folder, m->snapshot->offer->version.toString(), when);
}

void UpdateController::installAt(const QString& folder, const QDateTime& when)
{
    if (const Managed* m = managed(folder); m && m->snapshot && m->snapshot->offer)
        m_scheduler.installAt(folder, m->snapshot->offer->version.toString(), when);
}

void UpdateController::installOnQuit(const QString& folder)
{
    if (const Managed* m = managed(folder); m && m->snapshot && m->snapshot->offer)
        m_scheduler.installOnQuit(folder, m->snapshot->offer->version.toString());
}

const InstallationSnapshot* UpdateController::snapshot(const QString& folder) const
{
    const Managed* m = managed(folder);
    return m && m->snapshot ? &*m->snapshot : nullptr;
}

bool UpdateController::isBusy() const
{
    return std::any_of(m_managed.begin(), m_managed.end(),
        [](const auto& item) { return item.second->queued > 0 || item.second->job; });
}

UpdateController::Overall UpdateController::overall() const
{
    bool available = false;
    bool problem = false;
    bool unchecked = false;
    for (const auto& [folder, m] : m_managed) {
        if (m->control || m->background || m->job == InstallationWorker::Job::Rollback
            || m->job == InstallationWorker::Job::Channel)
            return Overall::Working;
        const ApplicationModel::Entry* entry = m_applications.entry(folder);
        if (!entry)
            continue;
        problem = problem || entry->status == ApplicationModel::Status::Problem;
        // What the user paused is no reason for the tray to call.
        available = available || (entry->status == ApplicationModel::Status::UpdateAvailable && !entry->held);
        unchecked = unchecked || entry->status == ApplicationModel::Status::CheckFailed;
    }
    if (problem)
        return Overall::Problem;
    return available ? Overall::UpdateAvailable : unchecked ? Overall::CheckFailed : Overall::Idle;
}

void UpdateController::updateOverall()
{
    const Overall now = overall();
    if (now == m_overall)
        return;
    m_overall = now;
    Q_EMIT overallChanged(now);
}
