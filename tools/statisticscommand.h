#pragma once

#include "subcommand.h"

#include <QStringList>

// "upkeep-publish stats LOG...": the statistics log nginx keeps (server/), plain or rotated .gz, counted
// into a report: a table on the terminal, --format csv|json for other tools, --html a page with charts.
class StatisticsCommand
{
public:
    [[nodiscard]] static Subcommand subcommand();

    // Whether `arguments` (the program's, first its path) ask for the HTML page, whose charts need a
    // QApplication; asked before any application object exists.
    [[nodiscard]] static bool drawsCharts(const QStringList& arguments);
};
