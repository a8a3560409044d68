#pragma once

#include "desktopnotifications.h"
#include "installationwatcher.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "statisticsping.h"
#include "trayicon.h"
#include "updatecontroller.h"

#include <QPointer>

// The desktop application: the settings, the scheduler and the controller behind the window,
// the tray icon and the settings dialog, wired together, with notifications as the user
// chose them. main() makes one for `upkeep` and `upkeep --tray`; tests make their own with a
// settings file, a registry and a clock of their choosing.
class DesktopSession : public QObject
{
    Q_OBJECT

public:
    struct Options {
        QString settingsFile; // empty: the user's
        QString registryFile; // empty: the user's
        Scheduler::Clock clock = &QDateTime::currentDateTimeUtc;
        bool automaticChecks = true; // start the scheduler's timer
    };

    explicit DesktopSession(const Options& options, QObject* parent = nullptr);
    ~DesktopSession() override;

    // Opens the window, on the application of `folder` when given.
    void showWindow(const QString& folder = {});
    // Starts in the tray only. Without a tray, says why on stderr, shows the window instead
    // and returns false.
    bool startInTray();
    void showSettings();
    // Installs the updates scheduled for quit, then emits finished().
    void quit();
    // Emits finished() as quit() does, for a restart into a new version of Upkeep: what is
    // scheduled for quitting stays scheduled. False when quitting already.
    bool restart();

    [[nodiscard]] MainWindow* window() const { return m_window.get(); }
    [[nodiscard]] TrayIcon* tray() const { return m_tray.get(); }
    [[nodiscard]] SettingsDialog* settingsDialog() const { return m_settingsDialog; }
    [[nodiscard]] UpdateController* controller() const { return m_controller.get(); }
    [[nodiscard]] Scheduler* scheduler() const { return m_scheduler.get(); }
    [[nodiscard]] Settings* settings() const { return m_settings.get(); }
    // Reads the registered installations into the controller: at the start, and whenever the
    // registry changes (`upkeep add` or `upkeep remove` in a terminal, Stop managing… here).
    void reloadInstallations();

Q_SIGNALS:
    // Quitting has begun (Quit, or a restart into a new version): from now on this session only
    // finishes what runs, and a new Upkeep should not hand its requests to it.
    void quitting();
    void finished();

private:
    void connectWindow();
    void connectController();
    void connectNotifications();
    void apply(const Preferences& preferences);
    void notify(Preferences::Notification kind, const QString& folder, const QString& title, const QString& message,
        bool critical = false);
    [[nodiscard]] bool holdDownloads() const;
    // Sends the anonymous statistics of `record`, when the user allows them.
    void report(const QString& folder, const History::Record& record);
    // Stops downloads ahead of need and wakes paused ones; false when quitting already.
    bool beginQuitting();
    // Emits finished() once quitting has nothing left to do: no update running, no ping on its way.
    void finishQuitting();

    QString m_registryFile;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Scheduler> m_scheduler;
    std::unique_ptr<UpdateController> m_controller;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
    InstallationWatcher m_watcher; // what commands in a terminal change
    QPointer<SettingsDialog> m_settingsDialog;
    DesktopNotifications m_notifications;
    StatisticsPing m_statistics;
    int m_pingsInFlight = 0;
    bool m_quitting = false;
};
