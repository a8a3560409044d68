#include "desktopsession.h"

#include "historyview.h"
#include "registry.h"

#include <QApplication>
#include <QNetworkInformation>
#include <QStatusBar>

#include <cstdio>

using namespace Qt::StringLiterals;

DesktopSession::DesktopSession(const Options& options, QObject* parent)
    : QObject(parent)
    , m_registryFile(options.registryFile.isEmpty() ? Registry().file() : options.registryFile)
    , m_settings(options.settingsFile.isEmpty() ? std::make_unique<Settings>()
                                                : std::make_unique<Settings>(options.settingsFile))
    , m_scheduler(std::make_unique<Scheduler>(*m_settings, options.clock))
    , m_controller(std::make_unique<UpdateController>(*m_scheduler))
    , m_window(std::make_unique<MainWindow>(
          m_controller->applications(), m_controller->releases(), m_controller->history(), m_controller->channels()))
    , m_tray(std::make_unique<TrayIcon>())
    , m_watcher(m_registryFile)
    , m_notifications(QDBusConnection::sessionBus())
{
    QApplication::setWindowIcon(TrayIcon::applicationIcon());
    m_window->setWindowIcon(TrayIcon::applicationIcon());
    // Asked once: Qt asks the tray host over D-Bus, blocking, each time.
    const bool trayAvailable = TrayIcon::isAvailable();
    m_window->setHidesOnClose(trayAvailable);
    if (trayAvailable)
        m_tray->show();
    // Metered connections are known where a network backend tells (NetworkManager on Linux).
    QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Metered);
    m_scheduler->setHoldProbe([this] { return holdDownloads(); });
    connectWindow();
    connectController();
    connectNotifications();
    connect(m_settings.get(), &Settings::preferencesChanged, this, &DesktopSession::apply);
    connect(m_settings.get(), &Settings::startAtLoginFailed, this,
        [this](const QString& message) { m_window->statusBar()->showMessage(message, 10000); });
    apply(m_settings->preferences());
    reloadInstallations();
    if (options.automaticChecks) {
        m_scheduler->start();
        // What came due while the installations were loading (an install set for a time that
        // passed while Upkeep was not running) is done once they are ready, not a tick later.
        connect(m_controller.get(), &UpdateController::idle, m_scheduler.get(), &Scheduler::tick);
    }
}

// The tray and the window go first, then the controller stops its threads.
DesktopSession::~DesktopSession() = default;

void DesktopSession::reloadInstallations()
{
    const QStringList folders = Registry(m_registryFile).folders();
    m_controller->setFolders(folders);
    m_watcher.setFolders(folders);
}

void DesktopSession::connectWindow()
{
    MainWindow* w = m_window.get();
    UpdateController* c = m_controller.get();
    connect(w, &MainWindow::currentChanged, c, &UpdateController::select);
    // A check the user asks for also moves the next automatic one (the scheduler's own does that itself).
    const auto checkNow = [this] {
        m_controller->checkAll();
        m_scheduler->checked();
    };
    connect(w, &MainWindow::checkRequested, this, checkNow);
    // Not scheduled yet (a first start) means the scheduler's next tick checks.
    w->updatePane()->setNextCheck([this] {
        if (m_settings->preferences().checkInterval == Preferences::CheckInterval::Never)
            return QDateTime();
        const QDateTime next = m_scheduler->nextCheck();
        return next.isValid() ? next : m_scheduler->now();
    });
    connect(m_settings.get(), &Settings::preferencesChanged, w->updatePane(), &UpdatePane::refresh);
    connect(w, &MainWindow::updateRequested, c, &UpdateController::update);
    connect(w, &MainWindow::skipRequested, c, &UpdateController::skip);
    connect(w, &MainWindow::pauseRequested, c, &UpdateController::pause);
    connect(w, &MainWindow::resumeRequested, c, &UpdateController::resume);
    connect(w, &MainWindow::cancelRequested, c, &UpdateController::cancel);
    connect(w, &MainWindow::channelRequested, c, &UpdateController::changeChannel);
    connect(w, &MainWindow::rollbackRequested, c, &UpdateController::rollback);
    connect(w, &MainWindow::scheduleRequested, this, [this](const QString& folder, UpdatePane::Schedule schedule) {
        if (schedule == UpdatePane::Schedule::OnQuit)
            m_controller->installOnQuit(folder);
        else
            m_controller->installAt(
                folder, Scheduler::nextOccurrence(m_scheduler->now(), m_settings->preferences().installTime));
    });
    connect(w, &MainWindow::scheduleAtRequested, c, &UpdateController::installAt);
    connect(w, &MainWindow::remindRequested, this, [this](const QString& folder, UpdatePane::Reminder reminder) {
        const QDateTime now = m_scheduler->now();
        switch (reminder) {
        case UpdatePane::Reminder::InAnHour: m_controller->remindLater(folder, now.addSecs(3600)); break;
        case UpdatePane::Reminder::Tomorrow: m_controller->remindLater(folder, now.addDays(1)); break;
        case UpdatePane::Reminder::NextWeek: m_controller->remindLater(folder, now.addDays(7)); break;
        }
    });
    connect(w, &MainWindow::holdRequested, c, &UpdateController::setHeld);
    connect(w, &MainWindow::signInRequested, c, &UpdateController::signIn);
    connect(w, &MainWindow::removeRequested, this, [this](const QString& folder, bool deleteFolder) {
        const ApplicationModel::Entry* entry = m_controller->applications()->entry(folder);
        if (entry && !m_controller->remove(folder, m_registryFile, deleteFolder))
            m_window->statusBar()->showMessage(
                tr("%1 is being updated; stop managing it once that has finished.").arg(entry->name), 10000);
    });
    connect(&m_watcher, &InstallationWatcher::registryChanged, this, &DesktopSession::reloadInstallations);
    connect(&m_watcher, &InstallationWatcher::installationChanged, c, &UpdateController::reload);
    connect(w, &MainWindow::settingsRequested, this, &DesktopSession::showSettings);
    connect(w, &MainWindow::quitRequested, this, &DesktopSession::quit);

    TrayIcon* t = m_tray.get();
    connect(t, &TrayIcon::checkRequested, this, checkNow);
    connect(t, &TrayIcon::openRequested, this, &DesktopSession::showWindow);
    connect(t, &TrayIcon::downloadsPausedChanged, c, &UpdateController::setDownloadsPaused);
    connect(t, &TrayIcon::quitRequested, this, &DesktopSession::quit);
}

void DesktopSession::connectController()
{
    UpdateController* c = m_controller.get();
    connect(m_scheduler.get(), &Scheduler::checkDue, c, &UpdateController::checkAll);
    connect(m_scheduler.get(), &Scheduler::installDue, c, &UpdateController::update);
    connect(c, &UpdateController::overallChanged, this, [this](UpdateController::Overall overall) {
        switch (overall) {
        case UpdateController::Overall::Idle: m_tray->setState(TrayIcon::State::Idle); break;
        case UpdateController::Overall::UpdateAvailable: m_tray->setState(TrayIcon::State::UpdateAvailable); break;
        case UpdateController::Overall::Working: m_tray->setState(TrayIcon::State::Working); break;
        case UpdateController::Overall::Problem: m_tray->setState(TrayIcon::State::Problem); break;
        case UpdateController::Overall::CheckFailed: m_tray->setState(TrayIcon::State::CheckFailed); break;
        }
    });
    connect(c, &UpdateController::updateFound, this,
        [this](const QString& folder, const QString& app, const QString& version, bool critical) {
            notify(Preferences::Notification::UpdateFound, folder,
                critical ? tr("Critical update for %1").arg(app) : tr("Update for %1").arg(app),
                critical ? tr("%1 %2 fixes a serious problem. Click to install it.").arg(app, version)
                         : tr("%1 %2 is available. Click to see what changed.").arg(app, version),
                critical);
        });
    connect(c, &UpdateController::recorded, this,
        [this](const QString& folder, const QString& app, const History::Record& record) {
            report(folder, record);
            switch (record.outcome) {
            case History::Outcome::Installed:
                notify(Preferences::Notification::Installed, folder, tr("%1 updated").arg(app),
                    tr("%1 %2 is installed.").arg(app, record.to));
                m_window->statusBar()->showMessage(tr("%1 %2 is installed.").arg(app, record.to), 10000);
                break;
            case History::Outcome::RolledBackAutomatically:
                notify(Preferences::Notification::RolledBack, folder, tr("%1 was rolled back").arg(app),
                    tr("%1 %2 failed its health check, so %3 runs again. %4")
                        .arg(app, record.to, record.from, record.reason));
                break;
            case History::Outcome::RolledBackByUser:
                m_window->statusBar()->showMessage(tr("%1 is back on %2.").arg(app, record.to), 10000);
                break;
            case History::Outcome::Failed:
            case History::Outcome::Interrupted:
                notify(
                    Preferences::Notification::Failed, folder, tr("%1 could not be updated").arg(app), record.reason);
                break;
            }
        });
    connect(c, &UpdateController::failed, this,
        [this](const QString& folder, const QString& app, InstallationWorker::Job job, const Error& error) {
            if (job == InstallationWorker::Job::Remove || job == InstallationWorker::Job::Hold) {
                m_window->statusBar()->showMessage(error.message, 10000);
                return;
            }
            if (error.code == Error::Code::Cancelled) {
                m_window->statusBar()->showMessage(tr("The update of %1 was cancelled.").arg(app), 10000);
                return;
            }
            // A check that fails shows in the list; only a change that failed is worth a notification.
            if (job == InstallationWorker::Job::Install || job == InstallationWorker::Job::Rollback
                || job == InstallationWorker::Job::Channel)
                notify(
                    Preferences::Notification::Failed, folder, tr("%1: something went wrong").arg(app), error.message);
        });
    connect(c, &UpdateController::removed, this, [this](const QString& folder, const QString& app, bool deleted) {
        m_window->statusBar()->showMessage(deleted
                ? tr("Upkeep no longer manages %1; %2 is deleted.").arg(app, folder)
                : tr("Upkeep no longer manages %1; its files stay in %2.").arg(app, folder),
            10000);
        reloadInstallations();
    });
    connect(c, &UpdateController::idle, this, &DesktopSession::finishQuitting);
    connect(&m_statistics, &StatisticsPing::finished, this, [this] {
        --m_pingsInFlight;
        finishQuitting();
    });
}

// Actions on a notification go the way the window's buttons go; where no notification service
// takes a notification, the tray shows it as a balloon.
void DesktopSession::connectNotifications()
{
    DesktopNotifications* n = &m_notifications;
    connect(n, &DesktopNotifications::updateRequested, m_controller.get(), &UpdateController::update);
    // As the window's "Remind me later: Tomorrow".
    connect(n, &DesktopNotifications::postponeRequested, this,
        [this](const QString& folder) { m_controller->remindLater(folder, m_scheduler->now().addDays(1)); });
    connect(n, &DesktopNotifications::showRequested, this, &DesktopSession::showWindow);
    connect(n, &DesktopNotifications::undelivered, this, [this](const DesktopNotifications::Notification& shown) {
        m_tray->notify(shown.folder, shown.title, shown.message,
            shown.kind == Preferences::Notification::Failed || shown.kind == Preferences::Notification::RolledBack);
    });
}

void DesktopSession::report(const QString& folder, const History::Record& record)
{
    const InstallationSnapshot* snapshot = m_controller->snapshot(folder);
    if (m_settings->preferences().statistics && snapshot
        && m_statistics.send(snapshot->config, snapshot->requests, record))
        ++m_pingsInFlight;
}

void DesktopSession::finishQuitting()
{
    if (m_quitting && !m_controller->isBusy() && m_pingsInFlight == 0)
        Q_EMIT finished();
}

void DesktopSession::apply(const Preferences& preferences)
{
    m_controller->setBandwidthLimit(preferences.bandwidthLimit);
    m_controller->setBackgroundDownloads(preferences.downloadInBackground);
    m_window->updatePane()->setInstallTime(preferences.installTime);
}

bool DesktopSession::holdDownloads() const
{
    const QNetworkInformation* network = QNetworkInformation::instance();
    return m_settings->preferences().holdOnMetered && network && network->isMetered();
}

void DesktopSession::notify(
    Preferences::Notification kind, const QString& folder, const QString& title, const QString& message, bool critical)
{
    if (!m_settings->preferences().allows(kind, m_scheduler->now().toLocalTime().time()))
        return;
    m_notifications.show({kind, folder, title, message, critical});
}

void DesktopSession::showWindow(const QString& folder)
{
    if (!folder.isEmpty())
        m_window->selectApplication(folder);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

bool DesktopSession::startInTray()
{
    if (TrayIcon::isAvailable())
        return true;
    std::fputs(qPrintable(tr("upkeep: this desktop has no system tray (no status notifier or tray host is "
                             "running), so Upkeep cannot hide there; it opens its window instead.")
                   + u'\n'),
        stderr);
    showWindow();
    return false;
}

void DesktopSession::showSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_window.get());
        connect(m_settingsDialog, &SettingsDialog::applied, m_settings.get(), &Settings::setPreferences);
    }
    m_settingsDialog->setPreferences(m_settings->preferences());
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

bool DesktopSession::beginQuitting()
{
    if (m_quitting)
        return false;
    m_quitting = true;
    Q_EMIT quitting();
    // Nothing may hold quitting up: downloads ahead of need stop (what arrived stays in the
    // cache) and paused transfers go on, so that only the installs under way are waited for.
    m_controller->setBackgroundDownloads(false);
    m_controller->setDownloadsPaused(false);
    return true;
}

bool DesktopSession::restart()
{
    if (!beginQuitting())
        return false;
    finishQuitting();
    return true;
}

void DesktopSession::quit()
{
    if (!beginQuitting())
        return;
    const QStringList due = m_scheduler->dueOnQuit();
    bool installing = false;
    for (const QString& folder : due)
        installing = m_controller->update(folder) || installing;
    // Updates that could not start (nothing on offer any more) are moot.
    for (const QString& folder : due)
        m_scheduler->clear(folder);
    if (installing)
        m_window->statusBar()->showMessage(tr("Installing the updates scheduled for quitting…"));
    finishQuitting();
}
