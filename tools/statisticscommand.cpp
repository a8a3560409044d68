#include "statisticscommand.h"

#include "atomicfile.h"
#include "console.h"
#include "exitcode.h"
#include "statisticscsv.h"
#include "statisticsfilter.h"
#include "statisticsjson.h"
#include "statisticslogreader.h"
#include "statisticspage.h"
#include "statisticssummary.h"
#include "statisticstable.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace {

const QString kCommand = u"stats"_s;
const QCommandLineOption kSince(u"since"_s, u"Count only events from this day on (UTC)."_s, u"YYYY-MM-DD"_s);
const QCommandLineOption kApp(u"app"_s, u"Count only this application's events."_s, u"APP"_s);
const QCommandLineOption kFormat(u"format"_s, u"What to print: text (default), csv or json."_s, u"FORMAT"_s);
const QCommandLineOption kHtml(u"html"_s, u"Write the report with its charts to this HTML page."_s, u"FILE"_s);

int run(QCommandLineParser& parser)
{
    const QStringList logs = parser.positionalArguments();
    if (logs.isEmpty())
        return misuse(kCommand, u"expected one or more statistics logs; see --help."_s);
    StatisticsFilter filter;
    filter.app = parser.value(kApp);
    if (parser.isSet(kSince)) {
        filter.since = QDate::fromString(parser.value(kSince), Qt::ISODate);
        if (!filter.since.isValid())
            return misuse(kCommand, u"--since takes a day as YYYY-MM-DD."_s);
    }
    const QString format = parser.value(kFormat);
    if (!format.isEmpty() && format != u"text"_s && format != u"csv"_s && format != u"json"_s)
        return misuse(kCommand, u"--format takes text, csv or json."_s);

    StatisticsSummary summary;
    StatisticsLogReader reader([&](const StatisticsEvent& event) {
        if (filter.accepts(event))
            summary.add(event);
    });
    for (const QString& log : logs) {
        if (auto read = reader.read(log); !read)
            return fail(kCommand, read.error());
    }
    if (reader.skipped() > 0) {
        warn(kCommand,
            u"%1 %2 skipped: not an answered ping."_s.arg(reader.skipped())
                .arg(reader.skipped() == 1 ? u"line"_s : u"lines"_s));
    }

    if (parser.isSet(kHtml)) {
        QStringList scope;
        if (!filter.app.isEmpty())
            scope.append(filter.app);
        if (filter.since.isValid())
            scope.append(u"since "_s + filter.since.toString(Qt::ISODate));
        const QString page = parser.value(kHtml);
        if (auto written = writeFileAtomically(page, StatisticsPage::write(summary, scope.join(u", "_s))); !written)
            return fail(kCommand, written.error().prefixed(page));
        if (format.isEmpty()) {
            print(u"Wrote %1: %2 events from %3 installations."_s.arg(page)
                      .arg(summary.events())
                      .arg(summary.installations()));
            return ExitCode::Success;
        }
    }
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly))
        return fail(kCommand, u"cannot write to standard output."_s);
    if (format == u"csv"_s)
        out.write(StatisticsCsv::write(summary));
    else if (format == u"json"_s)
        out.write(StatisticsJson::write(summary));
    else
        out.write(StatisticsTable::write(summary).toUtf8());
    return ExitCode::Success;
}

} // namespace

Subcommand StatisticsCommand::subcommand()
{
    return {.name = kCommand,
        .summary = u"Report the statistics pings in nginx's log (rotated .gz logs too)."_s,
        .options = {kSince, kApp, kFormat, kHtml},
        .argument = u"LOG..."_s,
        .argumentHelp = u"The statistics logs, e.g. /var/log/nginx/upkeep-statistics.log*."_s,
        .run = run};
}

bool StatisticsCommand::drawsCharts(const QStringList& arguments)
{
    if (arguments.value(1) != kCommand)
        return false;
    return std::ranges::any_of(arguments.sliced(std::min<qsizetype>(2, arguments.size())),
        [](const QString& argument) { return argument == u"--html"_s || argument.startsWith(u"--html="_s); });
}
