#pragma once

#include "install/installation.h"
#include "installationsnapshot.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <deque>
#include <functional>

// One installation's own thread of work: every blocking engine call of that installation runs
// here, one at a time, and results go back to the GUI thread by queued signals. The controller
// queues calls with QMetaObject::invokeMethod into run(); nothing else touches the Installation.
class InstallationWorker : public QObject
{
    Q_OBJECT

public:
    enum class Job { Load, Check, Download, Install, Rollback, Channel, Skip, Hold, Remove };
    Q_ENUM(Job)

    // `limiter` is the program's one bandwidth limiter: every download this worker makes takes
    // its bytes from it (an install's, a background download's, a rollback's repair).
    InstallationWorker(QString folder, std::shared_ptr<BandwidthLimiter> limiter);

    // Runs `job` now, or after the job under way when one is: a download waits in an event loop
    // of this thread, which would otherwise start the next queued job in the middle of it.
    void run(std::function<void()> job);
    // Runs no further job and ends this worker's thread once the job under way has returned (its
    // transfer cancelled by the caller): quitting the thread in the middle of a job would end the
    // event loop a download waits in. Thread-safe.
    void stop();

    // Opens the installation and finishes or undoes what a crash interrupted; no network.
    void load();
    // Refreshes trust, then reads the offer, its size and the release notes (of the installed
    // version too). A refresh that fails shows as the snapshot's checkFailure.
    void check();
    // Checks with `password` for the private repository's user, and keeps it once the server
    // took it (the window's Sign in, as `upkeep login`); a refused one is not kept.
    void signIn(const QString& password);
    // Downloads what installing `version` needs into the cache, installing nothing ("download in
    // the background"); `control` pauses, resumes or cancels.
    void download(const QString& version, const std::shared_ptr<TransferControl>& control);
    // Installs `version` as the channel offers it; `control` pauses, resumes or cancels.
    void install(const QString& version, const std::shared_ptr<TransferControl>& control);
    void rollback(const QString& version);
    // Follows `channel`; with `rollBackNow`, also goes back to the kept version
    // Installation::rollBackTarget chooses on it.
    void changeChannel(const QString& channel, bool rollBackNow);
    void setSkipped(const QString& version, bool skipped);
    void setHeld(bool held);
    // Stops managing the installation, as `upkeep remove` does: under its install lock, takes it
    // off the registry in `registryFile` and, with `deleteFolder`, deletes its folder.
    void remove(const QString& registryFile, bool deleteFolder);
    // Reports the installation again when what is on disk differs from what it last reported
    // (another process changed it); no job, no network unless the offer's manifest is new.
    void reload();

Q_SIGNALS:
    void started(InstallationWorker::Job job);
    void snapshotReady(const InstallationSnapshot& snapshot);
    void progressed(const Installation::Progress& progress);
    // An install or rollback finished with this record (installed, rolled back or failed).
    void recorded(InstallationWorker::Job job, const History::Record& record);
    void failed(InstallationWorker::Job job, const Error& error);
    // remove() took it off the registry (and deleted its folder when asked).
    void removed(bool deleted);
    void finished(InstallationWorker::Job job);

private:
    bool ensureOpen(Job job);
    // m_requests, with the installation's credentials as they are now.
    void makeRequests();
    // The release `version` as the channel offers it now.
    std::expected<ReleaseSelector::Release, Error> offered(const QString& version);
    // Runs `transfer` with `control` and progress reports.
    template <typename Transfer> auto transferring(const std::shared_ptr<TransferControl>& control, Transfer transfer);
    void publish(bool network);
    // What another process may change and publish() reports: config.json, the history, the
    // running and the kept versions; compared, not read.
    [[nodiscard]] QByteArray diskState() const;
    void reportProgress(const Installation::Progress& progress);

    QString m_folder;
    std::shared_ptr<BandwidthLimiter> m_limiter;
    std::deque<std::function<void()>> m_pending;
    bool m_running = false;
    std::atomic<bool> m_stopped = false;
    std::optional<Installation> m_installation;
    std::shared_ptr<HttpRequestPolicy> m_requests; // InstallationSnapshot::requests
    bool m_checked = false;
    std::map<QString, QString> m_changelogs; // published notes never change
    QElapsedTimer m_sinceReport;
    QElapsedTimer m_downloading;
    std::optional<Installation::Progress::Phase> m_lastPhase;
    QByteArray m_published; // diskState() when publish() last read the installation
    bool m_gone = false;    // reload() found the installation deleted and said so
};

Q_DECLARE_METATYPE(InstallationSnapshot)
Q_DECLARE_METATYPE(Installation::Progress)
Q_DECLARE_METATYPE(History::Record)
