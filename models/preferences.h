#pragma once

#include <QTime>

#include <chrono>

// What the user chose in the settings dialog: how often to check, when to install, what the
// network may be used for, which notifications to show and when to keep quiet, whether to start
// at login. A plain value:
// app/Settings keeps it in QSettings, the dialog edits a copy, the scheduler follows it.
struct Preferences {
    enum class CheckInterval { Hourly, Daily, Weekly, Never };
    enum class InstallWhen { Ask, OnQuit, AtTime };
    enum class Notification { UpdateFound, Installed, RolledBack, Failed };

    CheckInterval checkInterval = CheckInterval::Daily;
    InstallWhen installWhen = InstallWhen::Ask;
    QTime installTime = QTime(3, 0);
    bool downloadInBackground = true; // fetch an update as soon as it is found, to install in seconds
    bool holdOnMetered = true;
    qint64 bandwidthLimit = 0; // bytes per second over all downloads; 0 for no limit
    bool notifyUpdateFound = true;
    bool notifyInstalled = true;
    bool notifyRolledBack = true;
    bool notifyFailed = true;
    bool quietHours = false;
    QTime quietFrom = QTime(22, 0);
    QTime quietTo = QTime(8, 0);
    bool statistics = false;
    bool startAtLogin = false; // in the tray; kept in the autostart folder, not with the rest

    friend bool operator==(const Preferences&, const Preferences&) = default;

    // The time between two automatic checks; zero for Never.
    [[nodiscard]] static std::chrono::seconds interval(CheckInterval interval);
    // Whether `notification` may be shown at local time `now` (quiet hours may span midnight).
    [[nodiscard]] bool allows(Notification notification, QTime now) const;
    [[nodiscard]] bool isQuiet(QTime now) const;
};
