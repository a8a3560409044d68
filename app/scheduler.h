#pragma once

#include "settings.h"

#include <QRandomGenerator>
#include <QTimer>

#include <functional>

// Decides when Upkeep acts without being asked: the next automatic check (the chosen interval
// with up to a tenth of it as random jitter, so that many machines do not reach a repository at
// the same moment), reminders that come due, and updates scheduled for a time or for quit.
// Its state lives in Settings, so that a restart keeps it. The clock is injectable for tests.
class Scheduler : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    explicit Scheduler(Settings& settings, Clock clock = &QDateTime::currentDateTimeUtc, QObject* parent = nullptr);

    [[nodiscard]] QDateTime now() const { return m_clock(); }
    // Looks for what is due every `interval` (and at once); tests call tick() themselves instead.
    void start(std::chrono::milliseconds interval = std::chrono::seconds(30));
    // Whether scheduled installs must wait (a metered connection while the user holds downloads).
    void setHoldProbe(std::function<bool()> hold) { m_hold = std::move(hold); }
    [[nodiscard]] bool holdsDownloads() const { return m_hold && m_hold(); }

    void remindLater(const QString& folder, const QString& version, const QDateTime& when);
    void installAt(const QString& folder, const QString& version, const QDateTime& when);
    void installOnQuit(const QString& folder, const QString& version);
    void clear(const QString& folder);
    [[nodiscard]] std::optional<Deferral> deferral(const QString& folder) const;
    // Whether the offer of `version` in `folder` is hidden behind a reminder that is not due yet.
    [[nodiscard]] bool isPostponed(const QString& folder, const QString& version) const;
    // Folders with an update to install when Upkeep quits.
    [[nodiscard]] QStringList dueOnQuit() const;

    // An update was found: follows the user's "when to install" preference unless the user
    // already decided about this version. Returns whether it is now scheduled.
    bool updateFound(const QString& folder, const QString& version);

    // A check just ran: the next one is an interval from now, with jitter.
    void checked();
    [[nodiscard]] QDateTime nextCheck() const { return m_settings.nextCheck(); }

    // Emits what is due at now(): checkDue, reminderDue and installDue.
    void tick();

    // The coming occurrence of `time` (local) after `now`, as UTC: "tonight at 03:00".
    [[nodiscard]] static QDateTime nextOccurrence(const QDateTime& now, QTime time);

Q_SIGNALS:
    void checkDue();
    void reminderDue(const QString& folder);
    void installDue(const QString& folder);
    void deferralChanged(const QString& folder);

private:
    void set(const QString& folder, const std::optional<Deferral>& deferral);
    [[nodiscard]] QDateTime jittered(const QDateTime& from) const;
    void preferencesChanged(const Preferences& before, const Preferences& after);

    Settings& m_settings;
    Clock m_clock;
    std::function<bool()> m_hold;
    QTimer m_timer;
    Preferences m_preferences;
    mutable QRandomGenerator m_random{QRandomGenerator::securelySeeded()};
};
