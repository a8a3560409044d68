#include "statisticssummary.h"

#include "release/version.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// 1.10.0 after 1.9.0; what is no version sorts after the versions, as text.
bool versionLess(const QString& a, const QString& b)
{
    auto left = Version::parse(a);
    auto right = Version::parse(b);
    if (left && right)
        return *left < *right;
    if (left || right)
        return bool(left);
    return a < b;
}

bool releaseLess(const std::pair<QString, QString>& a, const std::pair<QString, QString>& b)
{
    if (a.first != b.first)
        return a.first < b.first;
    return versionLess(a.second, b.second);
}

QString releaseName(const QString& app, const QString& version)
{
    return app + u' ' + version;
}

const QString& fieldValue(const StatisticsEvent& event, const QString& field)
{
    if (field == u"channel"_s)
        return event.channel;
    if (field == u"os"_s)
        return event.os;
    if (field == u"arch"_s)
        return event.arch;
    return event.upkeep;
}

} // namespace

const QStringList StatisticsSummary::kSplitFields{u"channel"_s, u"os"_s, u"arch"_s, u"upkeep"_s};

int StatisticsSummary::installation(const QString& id)
{
    if (auto found = m_ids.constFind(id); found != m_ids.cend())
        return *found;
    const int added = int(m_ids.size());
    m_ids.insert(id, added);
    return added;
}

void StatisticsSummary::add(const StatisticsEvent& event)
{
    ++m_events;
    const QDate day = event.time.date();
    if (!m_first.isValid() || day < m_first)
        m_first = day;
    if (!m_last.isValid() || day > m_last)
        m_last = day;
    ++m_outcomes[event.outcome][day];
    // A ping without an id (a client that sent none) still counts as an event, as one installation of its own.
    const QString id = event.id.isEmpty() ? u"event %1"_s.arg(m_events) : event.id;
    const int who = installation(id);

    const bool rollback = event.kind == u"rollback"_s;
    const std::pair<QString, QString> key{event.app, event.version()};
    if (!key.second.isEmpty()) {
        Release& release = m_releases[key];
        release.app = key.first;
        release.version = key.second;
        if (rollback) {
            if (event.outcome == u"rolled-back-by-user"_s)
                ++release.rolledBackByUser;
        } else {
            ++release.attempts;
            m_releaseIds[key].insert(id);
            if (event.outcome == u"installed"_s)
                ++release.installed;
            else if (event.outcome == u"rolled-back-automatically"_s)
                ++release.rolledBackAutomatically;
            else if (event.outcome == u"failed"_s)
                ++release.failed;
            else if (event.outcome == u"interrupted"_s)
                ++release.interrupted;
        }
    }

    // What the installation runs afterwards: the new version once installed, the one gone back to after
    // a rollback, otherwise still the one it came from.
    const QString runs = event.outcome == u"installed"_s || rollback ? event.to : event.from;
    m_changes.push_back({event.time, who, runs.isEmpty() ? QString() : releaseName(event.app, runs)});

    for (const QString& field : kSplitFields) {
        const QString& value = fieldValue(event, field);
        Counted& counted = m_splits[field][value.isEmpty() ? u"-"_s : value];
        ++counted.events;
        counted.ids.insert(id);
    }
}

QList<QDate> StatisticsSummary::days() const
{
    QList<QDate> days;
    for (QDate day = m_first; day.isValid() && day <= m_last; day = day.addDays(1))
        days.append(day);
    return days;
}

std::vector<StatisticsSummary::Series> StatisticsSummary::installationsByVersion() const
{
    std::vector<Change> changes = m_changes;
    std::ranges::stable_sort(changes, {}, &Change::time);
    const QList<QDate> allDays = days();
    std::vector<QString> running(m_ids.size());
    std::map<QString, QList<qint64>> perRelease;
    for (const Change& change : changes) {
        if (!change.release.isEmpty() && !perRelease.contains(change.release))
            perRelease[change.release] = QList<qint64>(allDays.size(), 0);
    }
    QHash<QString, qint64> now;
    auto next = changes.begin();
    for (qsizetype i = 0; i < allDays.size(); ++i) {
        for (; next != changes.end() && next->time.date() <= allDays[i]; ++next) {
            QString& current = running[next->installation];
            if (!current.isEmpty())
                --now[current];
            current = next->release;
            if (!current.isEmpty())
                ++now[current];
        }
        for (auto it = now.cbegin(); it != now.cend(); ++it)
            perRelease[it.key()][i] = it.value();
    }
    std::vector<Series> series;
    for (auto& [name, values] : perRelease)
        series.push_back({name, std::move(values)});
    std::ranges::sort(series, [](const Series& a, const Series& b) {
        const qsizetype as = a.name.indexOf(u' ');
        const qsizetype bs = b.name.indexOf(u' ');
        return releaseLess({a.name.left(as), a.name.mid(as + 1)}, {b.name.left(bs), b.name.mid(bs + 1)});
    });
    return series;
}

std::vector<StatisticsSummary::Series> StatisticsSummary::eventsByOutcome() const
{
    const QList<QDate> allDays = days();
    std::vector<Series> series;
    for (const auto& [outcome, perDay] : m_outcomes) {
        Series one{outcome, QList<qint64>(allDays.size(), 0)};
        for (const auto& [day, count] : perDay)
            one.values[m_first.daysTo(day)] = count;
        series.push_back(std::move(one));
    }
    return series;
}

std::vector<StatisticsSummary::Release> StatisticsSummary::releases() const
{
    std::vector<std::pair<QString, QString>> keys;
    for (const auto& [key, release] : m_releases)
        keys.push_back(key);
    std::ranges::sort(keys, releaseLess);
    std::vector<Release> releases;
    for (const auto& key : keys) {
        Release release = m_releases.at(key);
        if (auto ids = m_releaseIds.find(key); ids != m_releaseIds.end())
            release.installations = ids->second.size();
        releases.push_back(release);
    }
    return releases;
}

std::vector<StatisticsSummary::Share> StatisticsSummary::split(const QString& field) const
{
    std::vector<Share> shares;
    if (auto values = m_splits.find(field); values != m_splits.end()) {
        for (const auto& [value, counted] : values->second)
            shares.push_back({value, counted.ids.size(), counted.events});
    }
    std::ranges::stable_sort(shares, std::greater<>(), &Share::installations);
    return shares;
}
