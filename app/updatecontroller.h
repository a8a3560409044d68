#pragma once

#include "applicationmodel.h"
#include "channelmodel.h"
#include "historymodel.h"
#include "installationworker.h"
#include "releasemodel.h"
#include "scheduler.h"

#include <QThread>

// Drives check → download → install → verify and rollbacks for every managed installation,
// each in its own worker thread, and keeps the models the window and the tray show up to date.
// Everything here runs on the GUI thread and returns at once; results arrive as signals.
class UpdateController : public QObject
{
    Q_OBJECT

public:
    // CheckFailed: nothing is on offer, and a check failed (so not known to be up to date).
    enum class Overall { Idle, UpdateAvailable, Working, Problem, CheckFailed };
    Q_ENUM(Overall)

    explicit UpdateController(Scheduler& scheduler, QObject* parent = nullptr);
    ~UpdateController() override;

    [[nodiscard]] ApplicationModel* applications() { return &m_applications; }
    // The details of the selected installation.
    [[nodiscard]] ReleaseModel* releases() { return &m_releases; }
    [[nodiscard]] HistoryModel* history() { return &m_history; }
    [[nodiscard]] ChannelModel* channels() { return &m_channels; }

    // Starts managing these folders (opening each, off the GUI thread); others are dropped, once
    // the work under way in them has ended.
    void setFolders(const QStringList& folders);
    // Shows what another process changed in `folder` (a command in a terminal): read off the GUI
    // thread after the job under way, and after the window's own update when one runs.
    void reload(const QString& folder);
    void select(const QString& folder);

    void check(const QString& folder);
    void checkAll();
    // Checks `folder`'s private repository with this password for its user, keeping it once the
    // server took it; a refused one leaves the row CheckFailed with SignInRole set.
    void signIn(const QString& folder, const QString& password);
    // Installs the version on offer; false when there is none, an install already runs or the
    // installation is held (a scheduled install waits while it is).
    bool update(const QString& folder);
    // Pauses (`upkeep hold`) or resumes its updates.
    void setHeld(const QString& folder, bool held);
    // Stops managing `folder`, deleting it with `deleteFolder`, as `upkeep remove` does (listed in
    // `registryFile`); false, doing nothing, while the window updates, rolls back or switches it.
    // removed() or failed() tells how it went.
    bool remove(const QString& folder, const QString& registryFile, bool deleteFolder);
    void pause(const QString& folder);
    void resume(const QString& folder);
    void cancel(const QString& folder);
    // Holds every download, running or to come (the tray's "Pause downloads").
    void setDownloadsPaused(bool paused);
    [[nodiscard]] bool downloadsPaused() const { return m_allPaused; }
    // One limit over every download of every installation together, running or to come.
    void setBandwidthLimit(qint64 bytesPerSecond);
    // Whether an update found is downloaded at once, ahead of the user's Update now (not while the
    // scheduler holds downloads, on a metered connection, nor for a held installation).
    void setBackgroundDownloads(bool enabled);
    void rollback(const QString& folder, const QString& version);
    // Follows `channel`; with `rollBackNow`, also goes back to a kept version it has published.
    void changeChannel(const QString& folder, const QString& channel, bool rollBackNow);
    // Skips the version on offer; it is not offered again, a newer one is.
    void skip(const QString& folder);
    void remindLater(const QString& folder, const QDateTime& when);
    void installAt(const QString& folder, const QDateTime& when);
    void installOnQuit(const QString& folder);

    [[nodiscard]] const InstallationSnapshot* snapshot(const QString& folder) const;
    [[nodiscard]] bool isBusy() const;
    [[nodiscard]] Overall overall() const;

Q_SIGNALS:
    // A version newly on offer and not postponed.
    void updateFound(const QString& folder, const QString& app, const QString& version, bool critical);
    // An install or rollback finished (installed, rolled back automatically or by the user, failed).
    void recorded(const QString& folder, const QString& app, const History::Record& record);
    void failed(const QString& folder, const QString& app, InstallationWorker::Job job, const Error& error);
    // remove() took it off the registry (and deleted its folder when asked).
    void removed(const QString& folder, const QString& app, bool deleted);
    // overall() may have changed.
    void overallChanged(UpdateController::Overall overall);
    // No worker has anything left to do.
    void idle();

private:
    struct Managed {
        QThread thread;
        InstallationWorker* worker = nullptr;
        std::optional<InstallationSnapshot> snapshot;
        std::optional<InstallationWorker::Job> job;
        int queued = 0;
        std::shared_ptr<TransferControl> control;    // of the install under way
        std::shared_ptr<TransferControl> background; // of the background download under way
        QString problem;
        QString announced;  // the offer last announced by updateFound
        bool stale = false; // changed on disk during the window's own update: reload after it
    };

    Managed* managed(const QString& folder) const;
    // Cancels its transfers and has its thread end after the job under way; then wait for the thread.
    static void stop(Managed& m);
    void add(const QString& folder);
    template <typename Call> void queue(const QString& folder, Call call);
    void refreshRow(const QString& folder);
    void downloadInBackground(const QString& folder);
    void showDetails();
    void received(const QString& folder, const InstallationSnapshot& snapshot);
    void jobFinished(const QString& folder, InstallationWorker::Job job);
    void updateOverall();

    Scheduler& m_scheduler;
    ApplicationModel m_applications;
    ReleaseModel m_releases;
    HistoryModel m_history;
    ChannelModel m_channels;
    std::map<QString, std::unique_ptr<Managed>> m_managed;
    QStringList m_folders; // as setFolders() was last told
    QString m_selected;
    bool m_allPaused = false;
    // Every install's and background download's TransferControl takes its bytes from this one.
    std::shared_ptr<BandwidthLimiter> m_limiter = std::make_shared<BandwidthLimiter>();
    bool m_backgroundDownloads = false;
    Overall m_overall = Overall::Idle;
};
