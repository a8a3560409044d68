#pragma once

#include "statisticssummary.h"

#include <QColor>

#include <functional>

class QChart;

// The charts of the statistics report, built from the counts: adoption (installations per day by the
// release they run) and outcomes (events per day) as stacked areas, each release's failure rate with its
// Wilson interval as whiskers, and a split (channel, OS, ...) as a pie. The caller owns each chart.
class StatisticsCharts
{
public:
    explicit StatisticsCharts(const StatisticsSummary& summary);

    [[nodiscard]] QChart* adoption() const;
    [[nodiscard]] QChart* outcomes() const;
    [[nodiscard]] QChart* failureRates() const;
    [[nodiscard]] QChart* split(const QString& field) const;

    // The colour an outcome has in every chart of the report: green installed, red failed, ...
    [[nodiscard]] static QColor outcomeColour(const QString& outcome);
    // The colour of the n-th release in the adoption chart.
    [[nodiscard]] static QColor releaseColour(qsizetype index);

private:
    [[nodiscard]] QChart* stackedPerDay(const QString& title, const QString& unit,
        const std::vector<StatisticsSummary::Series>& series, const std::function<QColor(qsizetype)>& colour) const;

    const StatisticsSummary& m_summary;
};
