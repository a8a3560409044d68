#pragma once

#include "statisticssummary.h"

#include <QByteArray>
#include <QString>

// The statistics report as one self-contained HTML page that opens offline in any browser: the charts as
// inline SVG (StatisticsCharts through ChartSvg), the releases' numbers as a table, no script, no file
// beside it. Needs a QApplication, as the charts do.
class StatisticsPage
{
public:
    // `scope` says what was counted ("editor, since 2026-06-01"); empty for everything.
    [[nodiscard]] static QByteArray write(const StatisticsSummary& summary, const QString& scope);
};
