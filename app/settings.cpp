#include "settings.h"

#include <QCoreApplication>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

template <typename Enum> Enum enumValue(const QVariant& value, Enum fallback, Enum last)
{
    bool ok = false;
    const int number = value.toInt(&ok);
    return ok && number >= 0 && number <= int(last) ? Enum(number) : fallback;
}

QTime timeValue(const QVariant& value, QTime fallback)
{
    const QTime time = QTime::fromString(value.toString(), u"HH:mm"_s);
    return time.isValid() ? time : fallback;
}

} // namespace

Settings::Settings(QObject* parent)
    : Settings(
        QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/upkeep/upkeep.conf"_s, parent)
{ }

Settings::Settings(const QString& file, QObject* parent)
    : QObject(parent)
    , m_storage(std::make_unique<QSettings>(file, QSettings::IniFormat))
    , m_autostart(QCoreApplication::applicationFilePath())
{
    load();
}

void Settings::load()
{
    const Preferences defaults;
    QSettings& s = *m_storage;
    Preferences& p = m_preferences;
    s.beginGroup(u"preferences"_s);
    p.checkInterval = enumValue(s.value(u"checkInterval"_s), defaults.checkInterval, Preferences::CheckInterval::Never);
    p.installWhen = enumValue(s.value(u"installWhen"_s), defaults.installWhen, Preferences::InstallWhen::AtTime);
    p.installTime = timeValue(s.value(u"installTime"_s), defaults.installTime);
    p.downloadInBackground = s.value(u"downloadInBackground"_s, defaults.downloadInBackground).toBool();
    p.holdOnMetered = s.value(u"holdOnMetered"_s, defaults.holdOnMetered).toBool();
    p.bandwidthLimit = std::max<qint64>(0, s.value(u"bandwidthLimit"_s, defaults.bandwidthLimit).toLongLong());
    p.notifyUpdateFound = s.value(u"notifyUpdateFound"_s, defaults.notifyUpdateFound).toBool();
    p.notifyInstalled = s.value(u"notifyInstalled"_s, defaults.notifyInstalled).toBool();
    p.notifyRolledBack = s.value(u"notifyRolledBack"_s, defaults.notifyRolledBack).toBool();
    p.notifyFailed = s.value(u"notifyFailed"_s, defaults.notifyFailed).toBool();
    p.quietHours = s.value(u"quietHours"_s, defaults.quietHours).toBool();
    p.quietFrom = timeValue(s.value(u"quietFrom"_s), defaults.quietFrom);
    p.quietTo = timeValue(s.value(u"quietTo"_s), defaults.quietTo);
    p.statistics = s.value(u"statistics"_s, defaults.statistics).toBool();
    s.endGroup();

    const int count = s.beginReadArray(u"deferrals"_s);
    for (int i = 0; i < count; ++i) {
        s.setArrayIndex(i);
        Deferral deferral;
        deferral.kind = enumValue(s.value(u"kind"_s), Deferral::Kind::RemindAt, Deferral::Kind::InstallOnQuit);
        deferral.version = s.value(u"version"_s).toString();
        deferral.when = QDateTime::fromString(s.value(u"when"_s).toString(), Qt::ISODateWithMs);
        const QString folder = s.value(u"folder"_s).toString();
        // A damaged entry is dropped rather than acted on.
        if (folder.isEmpty() || deferral.version.isEmpty()
            || (deferral.kind != Deferral::Kind::InstallOnQuit && !deferral.when.isValid()))
            continue;
        m_deferrals[folder] = deferral;
    }
    s.endArray();
}

Preferences Settings::preferences() const
{
    Preferences preferences = m_preferences;
    preferences.startAtLogin = m_autostart.isEnabled();
    return preferences;
}

void Settings::setPreferences(const Preferences& preferences)
{
    if (preferences == this->preferences())
        return;
    if (preferences.startAtLogin != m_autostart.isEnabled()) {
        if (auto changed = m_autostart.setEnabled(preferences.startAtLogin); !changed)
            Q_EMIT startAtLoginFailed(changed.error().message);
    }
    m_preferences = preferences;
    QSettings& s = *m_storage;
    const Preferences& p = preferences;
    s.beginGroup(u"preferences"_s);
    s.setValue(u"checkInterval"_s, int(p.checkInterval));
    s.setValue(u"installWhen"_s, int(p.installWhen));
    s.setValue(u"installTime"_s, p.installTime.toString(u"HH:mm"_s));
    s.setValue(u"downloadInBackground"_s, p.downloadInBackground);
    s.setValue(u"holdOnMetered"_s, p.holdOnMetered);
    s.setValue(u"bandwidthLimit"_s, p.bandwidthLimit);
    s.setValue(u"notifyUpdateFound"_s, p.notifyUpdateFound);
    s.setValue(u"notifyInstalled"_s, p.notifyInstalled);
    s.setValue(u"notifyRolledBack"_s, p.notifyRolledBack);
    s.setValue(u"notifyFailed"_s, p.notifyFailed);
    s.setValue(u"quietHours"_s, p.quietHours);
    s.setValue(u"quietFrom"_s, p.quietFrom.toString(u"HH:mm"_s));
    s.setValue(u"quietTo"_s, p.quietTo.toString(u"HH:mm"_s));
    s.setValue(u"statistics"_s, p.statistics);
    s.endGroup();
    s.sync();
    Q_EMIT preferencesChanged(this->preferences());
}

QDateTime Settings::nextCheck() const
{
    return QDateTime::fromString(m_storage->value(u"schedule/nextCheck"_s).toString(), Qt::ISODateWithMs);
}

void Settings::setNextCheck(const QDateTime& when)
{
    if (when.isValid())
        m_storage->setValue(u"schedule/nextCheck"_s, when.toUTC().toString(Qt::ISODateWithMs));
    else
        m_storage->remove(u"schedule/nextCheck"_s);
    m_storage->sync();
}

std::optional<Deferral> Settings::deferral(const QString& folder) const
{
    const auto it = m_deferrals.find(folder);
    return it == m_deferrals.end() ? std::nullopt : std::optional<Deferral>(it->second);
}

void Settings::setDeferral(const QString& folder, const std::optional<Deferral>& deferral)
{
    if (deferral == this->deferral(folder))
        return;
    if (deferral)
        m_deferrals[folder] = *deferral;
    else
        m_deferrals.erase(folder);
    saveDeferrals();
}

void Settings::saveDeferrals()
{
    QSettings& s = *m_storage;
    s.remove(u"deferrals"_s);
    s.beginWriteArray(u"deferrals"_s, int(m_deferrals.size()));
    int i = 0;
    for (const auto& [folder, deferral] : m_deferrals) {
        s.setArrayIndex(i++);
        s.setValue(u"folder"_s, folder);
        s.setValue(u"kind"_s, int(deferral.kind));
        s.setValue(u"version"_s, deferral.version);
        if (deferral.when.isValid())
            s.setValue(u"when"_s, deferral.when.toUTC().toString(Qt::ISODateWithMs));
    }
    s.endArray();
    s.sync();
}
