#pragma once

#include "autostart.h"
#include "deferral.h"
#include "preferences.h"

#include <QObject>
#include <QSettings>

#include <map>
#include <memory>

// Upkeep's own settings, kept in QSettings: the user's preferences, when the next automatic
// check is due, and each installation's deferral, so that all of them survive a restart.
class Settings : public QObject
{
    Q_OBJECT

public:
    // The user's settings file (~/.config/upkeep/upkeep.conf).
    explicit Settings(QObject* parent = nullptr);
    // A given file, for tests and for a second profile.
    explicit Settings(const QString& file, QObject* parent = nullptr);

    // With startAtLogin as the autostart folders say now (the desktop's own settings may change it).
    [[nodiscard]] Preferences preferences() const;
    // Saves at once and tells everyone who follows them, when anything changed.
    void setPreferences(const Preferences& preferences);

    [[nodiscard]] QDateTime nextCheck() const;
    void setNextCheck(const QDateTime& when);

    [[nodiscard]] std::optional<Deferral> deferral(const QString& folder) const;
    void setDeferral(const QString& folder, const std::optional<Deferral>& deferral);
    [[nodiscard]] const std::map<QString, Deferral>& deferrals() const { return m_deferrals; }

Q_SIGNALS:
    void preferencesChanged(const Preferences& preferences);
    // Start at login could not be changed; says why.
    void startAtLoginFailed(const QString& message);

private:
    void load();
    void saveDeferrals();

    std::unique_ptr<QSettings> m_storage;
    Autostart m_autostart;
    Preferences m_preferences;               // but startAtLogin
    std::map<QString, Deferral> m_deferrals; // by installation folder
};
