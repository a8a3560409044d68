#include "preferences.h"

std::chrono::seconds Preferences::interval(CheckInterval interval)
{
    using namespace std::chrono;
    switch (interval) {
    case CheckInterval::Hourly: return hours(1);
    case CheckInterval::Daily: return hours(24);
    case CheckInterval::Weekly: return hours(24 * 7);
    case CheckInterval::Never: return seconds(0);
    }
    return seconds(0);
}

bool Preferences::isQuiet(QTime now) const
{
    if (!quietHours || quietFrom == quietTo)
        return false;
    if (quietFrom < quietTo)
        return now >= quietFrom && now < quietTo;
    return now >= quietFrom || now < quietTo; // across midnight
}

bool Preferences::allows(Notification notification, QTime now) const
{
    if (isQuiet(now))
        return false;
    switch (notification) {
    case Notification::UpdateFound: return notifyUpdateFound;
    case Notification::Installed: return notifyInstalled;
    case Notification::RolledBack: return notifyRolledBack;
    case Notification::Failed: return notifyFailed;
    }
    return false;
}
