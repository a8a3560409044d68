#pragma once

#include "statisticssummary.h"

#include <QByteArray>

// The statistics as CSV for spreadsheets and scripts, in one long table a pivot turns into any shape:
// "table,day,name,measure,value", e.g. "adoption,2026-06-01,editor 1.1.0,installations,40",
// "release,,editor 1.1.0,failure_rate,0.025", "os,,debian-12,installations,310".
class StatisticsCsv
{
public:
    [[nodiscard]] static QByteArray write(const StatisticsSummary& summary);
};
