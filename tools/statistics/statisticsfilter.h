#pragma once

#include "statisticsevent.h"

#include <QDate>
#include <QString>

// Which events a report counts: from a day on (--since) and of one app (--app); empty means all.
struct StatisticsFilter {
    QDate since;
    QString app;

    [[nodiscard]] bool accepts(const StatisticsEvent& event) const
    {
        return (!since.isValid() || event.time.date() >= since) && (app.isEmpty() || event.app == app);
    }
};
