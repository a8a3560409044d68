#pragma once

#include "statisticsevent.h"
#include "wilsoninterval.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

// What a statistics report shows, counted from events added in any order (rotated logs come newest
// first): installations per day by the version they run, events per day by outcome, how each release
// fared, and the installations by channel, OS, architecture and Upkeep version. Days are UTC.
class StatisticsSummary
{
public:
    // Numbers per day, one for each of days().
    struct Series {
        QString name;
        QList<qint64> values;
    };

    // How the updates to one release went: attempts are the events of installing or updating to it.
    struct Release {
        QString app;
        QString version;
        qint64 attempts = 0;
        qint64 installed = 0;
        qint64 rolledBackAutomatically = 0; // its health check failed
        qint64 failed = 0;                  // stopped before the switch
        qint64 interrupted = 0;
        qint64 rolledBackByUser = 0; // later left by its user (not among the attempts)
        qint64 installations = 0;    // distinct installations that attempted it

        // The share of attempts rolled back automatically or failed: what a staged rollout halts on.
        [[nodiscard]] qint64 failures() const { return rolledBackAutomatically + failed; }
        [[nodiscard]] WilsonInterval failureRate() const { return WilsonInterval::of(failures(), attempts); }
    };

    // Distinct installations and events with one value of a field ("debian-12" of os).
    struct Share {
        QString value;
        qint64 installations = 0;
        qint64 events = 0;
    };

    // The fields the installations are split by, in the order a report shows them.
    static const QStringList kSplitFields; // channel, os, arch, upkeep

    void add(const StatisticsEvent& event);

    [[nodiscard]] qint64 events() const { return m_events; }
    [[nodiscard]] qint64 installations() const { return m_ids.size(); }

    // Every day from the first event's to the last one's; empty without events.
    [[nodiscard]] QList<QDate> days() const;
    // For each release ("editor 1.1.0"), the installations that ran it at the end of each day, by their
    // last event up to then; oldest release first.
    [[nodiscard]] std::vector<Series> installationsByVersion() const;
    // For each outcome seen, its events on each day.
    [[nodiscard]] std::vector<Series> eventsByOutcome() const;
    // Every release that was attempted or left, by app and then version, oldest first.
    [[nodiscard]] std::vector<Release> releases() const;
    // The shares of one of kSplitFields, most installations first; "-" stands for an empty value.
    [[nodiscard]] std::vector<Share> split(const QString& field) const;

private:
    struct Change {
        QDateTime time;
        int installation;
        QString release; // what it runs afterwards; empty for nothing
    };
    struct Counted {
        qint64 events = 0;
        QSet<QString> ids;
    };

    [[nodiscard]] int installation(const QString& id);

    qint64 m_events = 0;
    QDate m_first;
    QDate m_last;
    QHash<QString, int> m_ids;
    std::vector<Change> m_changes;
    std::map<QString, std::map<QDate, qint64>> m_outcomes;
    std::map<std::pair<QString, QString>, Release> m_releases;
    std::map<std::pair<QString, QString>, QSet<QString>> m_releaseIds;
    std::map<QString, std::map<QString, Counted>> m_splits;
};
