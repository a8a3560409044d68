#include "statisticstable.h"

#include "percentage.h"

using namespace Qt::StringLiterals;

QString StatisticsTable::write(const StatisticsSummary& summary)
{
    const QList<QDate> days = summary.days();
    if (days.isEmpty())
        return u"No events.\n"_s;
    QString text = u"%1 events from %2 installations, %3 to %4 (UTC).\n"_s.arg(summary.events())
                       .arg(summary.installations())
                       .arg(days.first().toString(Qt::ISODate), days.last().toString(Qt::ISODate));
    QList<QStringList> rows{{u"app"_s, u"version"_s, u"attempts"_s, u"installed"_s, u"rolled back"_s, u"failed"_s,
        u"failure rate"_s, u"95% interval"_s, u"left by user"_s}};
    for (const StatisticsSummary::Release& release : summary.releases()) {
        const WilsonInterval rate = release.failureRate();
        rows.append({release.app, release.version, QString::number(release.attempts),
            QString::number(release.installed), QString::number(release.rolledBackAutomatically),
            QString::number(release.failed), release.attempts > 0 ? percentage(rate.rate) : u"-"_s,
            release.attempts > 0 ? percentage(rate.low) + u".."_s + percentage(rate.high) : u"-"_s,
            QString::number(release.rolledBackByUser)});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    text += u'\n';
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            // Names to the left, numbers to the right.
            line += i < 2 ? row[i].leftJustified(widths[i]) : row[i].rightJustified(widths[i]);
            line += u"  "_s;
        }
        while (line.endsWith(u' '))
            line.chop(1);
        text += line + u'\n';
    }
    return text;
}
