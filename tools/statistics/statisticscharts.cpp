#include "statisticscharts.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBoxPlotSeries>
#include <QtCharts/QBoxSet>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QValueAxis>

using namespace Qt::StringLiterals;

namespace {

const QColor kReleaseColours[]
    = {QColor(0x15, 0x65, 0xc0), QColor(0x00, 0x83, 0x8f), QColor(0xf9, 0xa8, 0x25), QColor(0x5e, 0x35, 0xb1),
        QColor(0xad, 0x14, 0x57), QColor(0x55, 0x8b, 0x2f), QColor(0x4e, 0x34, 0x2e), QColor(0x78, 0x90, 0x9c)};

QFont font(int pixels, bool bold = false)
{
    QFont font(u"DejaVu Sans"_s);
    font.setPixelSize(pixels);
    font.setBold(bold);
    return font;
}

QChart* newChart(const QString& title)
{
    auto* chart = new QChart;
    chart->setTheme(QChart::ChartThemeLight);
    chart->setTitle(title);
    chart->setTitleFont(font(16, true));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(font(13));
    chart->setBackgroundRoundness(0);
    return chart;
}

void addAxis(QChart* chart, QAbstractAxis* axis, Qt::Alignment alignment)
{
    axis->setLabelsFont(font(12));
    axis->setTitleFont(font(13));
    chart->addAxis(axis, alignment);
}

// The axis labels its times in local time (Qt 6.4's QDateTimeAxis has no time zone): each UTC day is placed
// at local midnight so that its label says the day.
QDateTime placed(QDate day)
{
    return day.startOfDay(Qt::LocalTime);
}

qreal milliseconds(QDate day)
{
    return qreal(placed(day).toMSecsSinceEpoch());
}

} // namespace

StatisticsCharts::StatisticsCharts(const StatisticsSummary& summary)
    : m_summary(summary)
{ }

QColor StatisticsCharts::outcomeColour(const QString& outcome)
{
    if (outcome == u"installed"_s)
        return QColor(0x2e, 0x7d, 0x32);
    if (outcome == u"rolled-back-automatically"_s)
        return QColor(0xef, 0x6c, 0x00);
    if (outcome == u"rolled-back-by-user"_s)
        return QColor(0x6a, 0x1b, 0x9a);
    if (outcome == u"failed"_s)
        return QColor(0xc6, 0x28, 0x28);
    return QColor(0x75, 0x75, 0x75);
}

QColor StatisticsCharts::releaseColour(qsizetype index)
{
    return kReleaseColours[index % std::size(kReleaseColours)];
}

QChart* StatisticsCharts::stackedPerDay(const QString& title, const QString& unit,
    const std::vector<StatisticsSummary::Series>& series, const std::function<QColor(qsizetype)>& colour) const
{
    QChart* chart = newChart(title);
    const QList<QDate> days = m_summary.days();
    auto* time = new QDateTimeAxis;
    time->setFormat(u"MMM d"_s);
    // A tick at each day's start while they fit; over two weeks, eight spread over the span.
    time->setTickCount(int(days.size() <= 14 ? days.size() + 1 : 8));
    auto* count = new QValueAxis;
    count->setTitleText(unit);
    count->setLabelFormat(u"%d"_s);
    addAxis(chart, time, Qt::AlignBottom);
    addAxis(chart, count, Qt::AlignLeft);
    if (!days.isEmpty())
        time->setRange(placed(days.first()), placed(days.last().addDays(1)));

    // Each day as a step, so that one day is as wide as the others and a single day shows at all.
    QList<qint64> below(days.size(), 0);
    qint64 top = 0;
    for (qsizetype s = 0; s < qsizetype(series.size()); ++s) {
        auto* lower = new QLineSeries(chart);
        auto* upper = new QLineSeries(chart);
        for (qsizetype i = 0; i < days.size(); ++i) {
            const qint64 sum = below[i] + series[s].values[i];
            for (qreal x : {milliseconds(days[i]), milliseconds(days[i].addDays(1))}) {
                lower->append(x, qreal(below[i]));
                upper->append(x, qreal(sum));
            }
            below[i] = sum;
            top = std::max(top, sum);
        }
        auto* area = new QAreaSeries(upper, lower);
        area->setName(series[s].name);
        area->setColor(colour(s));
        area->setBorderColor(colour(s).darker(120));
        chart->addSeries(area);
        area->attachAxis(time);
        area->attachAxis(count);
    }
    count->setRange(0, qreal(std::max<qint64>(top, 1)));
    count->applyNiceNumbers();
    return chart;
}

QChart* StatisticsCharts::adoption() const
{
    return stackedPerDay(u"Installations by the release they run, per day"_s, u"installations"_s,
        m_summary.installationsByVersion(), [](qsizetype index) { return releaseColour(index); });
}

QChart* StatisticsCharts::outcomes() const
{
    const auto series = m_summary.eventsByOutcome();
    return stackedPerDay(u"Events per day by outcome"_s, u"events"_s, series,
        [&series](qsizetype index) { return outcomeColour(series[index].name); });
}

QChart* StatisticsCharts::failureRates() const
{
    QChart* chart = newChart(u"Updates rolled back or failed, with 95% intervals"_s);
    auto* whiskers = new QBoxPlotSeries;
    whiskers->setName(u"failure rate (line) and its 95% Wilson interval (whiskers)"_s);
    whiskers->setBrush(outcomeColour(u"failed"_s).lighter(160));
    whiskers->setPen(QPen(outcomeColour(u"failed"_s), 2));
    whiskers->setBoxWidth(0.3);
    QStringList names;
    for (const StatisticsSummary::Release& release : m_summary.releases()) {
        if (release.attempts == 0)
            continue;
        const WilsonInterval rate = release.failureRate();
        const QString name = release.app + u' ' + release.version;
        names.append(name);
        whiskers->append(
            new QBoxSet(rate.low * 100, rate.rate * 100, rate.rate * 100, rate.rate * 100, rate.high * 100, name));
    }
    chart->addSeries(whiskers);
    auto* releases = new QBarCategoryAxis;
    releases->append(names);
    auto* percent = new QValueAxis;
    percent->setTitleText(u"% of updates"_s);
    percent->setLabelFormat(u"%.0f"_s);
    percent->setMin(0);
    addAxis(chart, releases, Qt::AlignBottom);
    addAxis(chart, percent, Qt::AlignLeft);
    whiskers->attachAxis(releases);
    whiskers->attachAxis(percent);
    percent->setMin(0);
    percent->applyNiceNumbers();
    return chart;
}

QChart* StatisticsCharts::split(const QString& field) const
{
    static const QHash<QString, QString> kTitles{{u"channel"_s, u"Installations by channel"_s},
        {u"os"_s, u"Installations by operating system"_s}, {u"arch"_s, u"Installations by architecture"_s},
        {u"upkeep"_s, u"Installations by Upkeep version"_s}};
    QChart* chart = newChart(kTitles.value(field, field));
    auto* pie = new QPieSeries;
    qsizetype index = 0;
    for (const StatisticsSummary::Share& share : m_summary.split(field)) {
        QPieSlice* slice
            = pie->append(u"%1 (%2)"_s.arg(share.value).arg(share.installations), qreal(share.installations));
        slice->setColor(releaseColour(index++));
    }
    chart->addSeries(pie);
    chart->legend()->setAlignment(Qt::AlignRight);
    return chart;
}
