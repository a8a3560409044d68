#include "statisticspage.h"

#include "chartsvg.h"
#include "percentage.h"
#include "statisticscharts.h"

using namespace Qt::StringLiterals;

namespace {

constexpr QSize kWide(960, 400);
constexpr QSize kSmall(470, 300);

QString figure(const QByteArray& svg, const QString& className = u"wide"_s)
{
    return u"<figure class=\"%1\">"_s.arg(className) + QString::fromUtf8(svg) + u"</figure>\n"_s;
}

QString releasesTable(const StatisticsSummary& summary)
{
    QString html = u"<table>\n<tr><th>app</th><th>version</th><th>attempts</th><th>installations</th>"
                   "<th>installed</th><th>rolled back</th><th>failed</th><th>interrupted</th>"
                   "<th>failure rate</th><th>95% interval</th><th>left by user</th></tr>\n"_s;
    for (const StatisticsSummary::Release& release : summary.releases()) {
        const WilsonInterval rate = release.failureRate();
        const bool any = release.attempts > 0;
        html += u"<tr><td>%1</td><td>%2</td>"_s.arg(release.app.toHtmlEscaped(), release.version.toHtmlEscaped());
        for (qint64 number : {release.attempts, release.installations, release.installed,
                 release.rolledBackAutomatically, release.failed, release.interrupted})
            html += u"<td class=\"n\">%1</td>"_s.arg(number);
        html += u"<td class=\"n\">%1</td><td class=\"n\">%2</td><td class=\"n\">%3</td></tr>\n"_s
                    .arg(any ? percentage(rate.rate) : u"-"_s,
                        any ? percentage(rate.low) + u" – "_s + percentage(rate.high) : u"-"_s)
                    .arg(release.rolledBackByUser);
    }
    return html + u"</table>\n"_s;
}

} // namespace

QByteArray StatisticsPage::write(const StatisticsSummary& summary, const QString& scope)
{
    const QList<QDate> days = summary.days();
    QString html = uR"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Upkeep statistics</title>
<style>
body { font-family: sans-serif; margin: 2em auto; max-width: 980px; color: #222; }
figure { margin: 1em 0; }
figure.small { display: inline-block; margin: 0.5em 0; }
svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { padding: 0.2em 0.6em; border-bottom: 1px solid #ddd; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
</style>
</head>
<body>
<h1>Upkeep statistics</h1>
)"_s;
    if (days.isEmpty()) {
        html += u"<p>No events%1.</p>\n"_s.arg(scope.isEmpty() ? QString() : u" (%1)"_s.arg(scope.toHtmlEscaped()));
        return (html + u"</body>\n</html>\n"_s).toUtf8();
    }
    html += u"<p>%1 events from %2 installations, %3 to %4 (UTC)%5.</p>\n"_s.arg(summary.events())
                .arg(summary.installations())
                .arg(days.first().toString(Qt::ISODate), days.last().toString(Qt::ISODate),
                    scope.isEmpty() ? QString() : u"; "_s + scope.toHtmlEscaped());
    const StatisticsCharts charts(summary);
    html += u"<h2>Adoption</h2>\n"_s + figure(ChartSvg::render(charts.adoption(), kWide, u"adoption"_s));
    html += u"<h2>Outcomes</h2>\n"_s + figure(ChartSvg::render(charts.outcomes(), kWide, u"outcomes"_s));
    html += u"<h2>Releases</h2>\n<p>The failure rate is the share of attempts to install or update to the release "
            "that its health check rolled back or that failed; the interval is where the true rate lies with "
            "95% confidence (Wilson). <q>Left by user</q> counts the users who went back from it by hand.</p>\n"_s;
    html += figure(ChartSvg::render(charts.failureRates(), kWide, u"releases"_s)) + releasesTable(summary);
    html += u"<h2>Installations</h2>\n"_s;
    for (const QString& field : StatisticsSummary::kSplitFields)
        html += figure(ChartSvg::render(charts.split(field), kSmall, field), u"small"_s);
    return (html + u"</body>\n</html>\n"_s).toUtf8();
}
