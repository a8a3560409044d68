#pragma once

#include "statisticsevent.h"

#include <QDate>
#include <QString>

// Which events count: from a day on (stats --since), of one app (--app), and for a rollout those of
// one channel and about one release (StatisticsEvent::version()); empty means all.
struct StatisticsFilter {
    QDate since;
    QString app;
    QString channel;
    QString version;

    [[nodiscard]] bool accepts(const StatisticsEvent& event) const
    {
        return (!since.isValid() || event.time.date() >= since) && (app.isEmpty() || event.app == app)
            && (channel.isEmpty() || event.channel == channel) && (version.isEmpty() || event.version() == version);
    }
};
