#pragma once

#include "statisticssummary.h"

#include <QByteArray>

// The statistics as one JSON document for other tools: the totals, "days", "adoption" and "outcomes" (a
// series of numbers per day each), "releases" with their counts and failure rate, and "splits" by field.
class StatisticsJson
{
public:
    [[nodiscard]] static QByteArray write(const StatisticsSummary& summary);
};
