#pragma once

#include "statisticssummary.h"

#include <QString>

// The statistics as text for a terminal or cron's mail: the totals, then each release's attempts and
// failure rate with its interval.
class StatisticsTable
{
public:
    [[nodiscard]] static QString write(const StatisticsSummary& summary);
};
