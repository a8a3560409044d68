#include "scheduler.h"

using namespace Qt::StringLiterals;

Scheduler::Scheduler(Settings& settings, Clock clock, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_clock(std::move(clock))
    , m_preferences(settings.preferences())
{
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::tick);
    connect(&m_settings, &Settings::preferencesChanged, this, [this](const Preferences& preferences) {
        const Preferences before = m_preferences;
        m_preferences = preferences;
        preferencesChanged(before, preferences);
    });
    // A first start, or checks turned back on: the first check comes soon, but not at a round time.
    if (!m_settings.nextCheck().isValid() && m_preferences.checkInterval != Preferences::CheckInterval::Never)
        m_settings.setNextCheck(now().addSecs(m_random.bounded(60, 600)));
}

void Scheduler::start(std::chrono::milliseconds interval)
{
    m_timer.start(interval);
    QTimer::singleShot(0, this, &Scheduler::tick);
}

void Scheduler::preferencesChanged(const Preferences& before, const Preferences& after)
{
    if (before.checkInterval != after.checkInterval) {
        if (after.checkInterval == Preferences::CheckInterval::Never)
            m_settings.setNextCheck({});
        else
            m_settings.setNextCheck(jittered(now()));
    }
}

void Scheduler::remindLater(const QString& folder, const QString& version, const QDateTime& when)
{
    set(folder, Deferral{Deferral::Kind::RemindAt, version, when.toUTC()});
}

void Scheduler::installAt(const QString& folder, const QString& version, const QDateTime& when)
{
    set(folder, Deferral{Deferral::Kind::InstallAt, version, when.toUTC()});
}

void Scheduler::installOnQuit(const QString& folder, const QString& version)
{
    set(folder, Deferral{Deferral::Kind::InstallOnQuit, version, {}});
}

void Scheduler::clear(const QString& folder)
{
    set(folder, std::nullopt);
}

void Scheduler::set(const QString& folder, const std::optional<Deferral>& deferral)
{
    if (m_settings.deferral(folder) == deferral)
        return;
    m_settings.setDeferral(folder, deferral);
    Q_EMIT deferralChanged(folder);
}

std::optional<Deferral> Scheduler::deferral(const QString& folder) const
{
    return m_settings.deferral(folder);
}

bool Scheduler::isPostponed(const QString& folder, const QString& version) const
{
    const auto deferral = m_settings.deferral(folder);
    return deferral && deferral->kind == Deferral::Kind::RemindAt && deferral->version == version
        && deferral->when > now();
}

QStringList Scheduler::dueOnQuit() const
{
    QStringList folders;
    for (const auto& [folder, deferral] : m_settings.deferrals()) {
        if (deferral.kind == Deferral::Kind::InstallOnQuit)
            folders.append(folder);
    }
    return folders;
}

bool Scheduler::updateFound(const QString& folder, const QString& version)
{
    if (const auto decided = m_settings.deferral(folder); decided && decided->version == version)
        return decided->kind != Deferral::Kind::RemindAt;
    switch (m_preferences.installWhen) {
    case Preferences::InstallWhen::Ask: clear(folder); return false;
    case Preferences::InstallWhen::OnQuit: installOnQuit(folder, version); return true;
    case Preferences::InstallWhen::AtTime:
        installAt(folder, version, nextOccurrence(now(), m_preferences.installTime));
        return true;
    }
    return false;
}

void Scheduler::checked()
{
    if (m_preferences.checkInterval == Preferences::CheckInterval::Never)
        m_settings.setNextCheck({});
    else
        m_settings.setNextCheck(jittered(now()));
}

QDateTime Scheduler::jittered(const QDateTime& from) const
{
    const qint64 seconds = Preferences::interval(m_preferences.checkInterval).count();
    const qint64 spread = seconds / 10;
    const qint64 jitter = spread > 0 ? qint64(m_random.bounded(quint64(2 * spread + 1))) - spread : 0;
    return from.addSecs(seconds + jitter);
}

void Scheduler::tick()
{
    const QDateTime at = now();
    const QDateTime check = m_settings.nextCheck();
    if (check.isValid() && check <= at && m_preferences.checkInterval != Preferences::CheckInterval::Never) {
        // The next check is set now, so that a check that fails does not come back every tick.
        checked();
        Q_EMIT checkDue();
    }
    const bool hold = m_hold && m_hold();
    const auto deferrals = m_settings.deferrals(); // a copy: handlers may change them
    for (const auto& [folder, deferral] : deferrals) {
        if (!deferral.when.isValid() || deferral.when > at)
            continue;
        if (deferral.kind == Deferral::Kind::RemindAt) {
            clear(folder);
            Q_EMIT reminderDue(folder);
        } else if (deferral.kind == Deferral::Kind::InstallAt && !hold) {
            Q_EMIT installDue(folder);
        }
    }
}

QDateTime Scheduler::nextOccurrence(const QDateTime& now, QTime time)
{
    const QDateTime local = now.toLocalTime();
    QDateTime at(local.date(), time, Qt::LocalTime);
    if (at <= local)
        at = at.addDays(1);
    return at.toUTC();
}
