#include "statisticscsv.h"

using namespace Qt::StringLiterals;

namespace {

// A field quoted when it holds what CSV gives a meaning to.
QString field(const QString& text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n'))
        return text;
    return u'"' + QString(text).replace(u"\""_s, u"\"\""_s) + u'"';
}

void row(QString& csv, const QString& table, const QString& day, const QString& name, const QString& measure,
    const QString& value)
{
    csv += QStringList{field(table), day, field(name), measure, value}.join(u',') + u'\n';
}

} // namespace

QByteArray StatisticsCsv::write(const StatisticsSummary& summary)
{
    QString csv = u"table,day,name,measure,value\n"_s;
    const QList<QDate> days = summary.days();
    auto perDay
        = [&](const QString& table, const QString& measure, const std::vector<StatisticsSummary::Series>& series) {
              for (const StatisticsSummary::Series& one : series) {
                  for (qsizetype i = 0; i < days.size(); ++i)
                      row(csv, table, days[i].toString(Qt::ISODate), one.name, measure, QString::number(one.values[i]));
              }
          };
    perDay(u"adoption"_s, u"installations"_s, summary.installationsByVersion());
    perDay(u"outcomes"_s, u"events"_s, summary.eventsByOutcome());
    for (const StatisticsSummary::Release& release : summary.releases()) {
        const QString name = release.app + u' ' + release.version;
        const WilsonInterval rate = release.failureRate();
        const std::pair<const char*, QString> measures[] = {
            {"attempts", QString::number(release.attempts)},
            {"installations", QString::number(release.installations)},
            {"installed", QString::number(release.installed)},
            {"rolled_back_automatically", QString::number(release.rolledBackAutomatically)},
            {"failed", QString::number(release.failed)},
            {"interrupted", QString::number(release.interrupted)},
            {"rolled_back_by_user", QString::number(release.rolledBackByUser)},
            {"failure_rate", QString::number(rate.rate, 'g', 6)},
            {"failure_rate_low", QString::number(rate.low, 'g', 6)},
            {"failure_rate_high", QString::number(rate.high, 'g', 6)},
        };
        for (const auto& [measure, value] : measures)
            row(csv, u"release"_s, QString(), name, QString::fromLatin1(measure), value);
    }
    for (const QString& splitField : StatisticsSummary::kSplitFields) {
        for (const StatisticsSummary::Share& share : summary.split(splitField)) {
            row(csv, splitField, QString(), share.value, u"installations"_s, QString::number(share.installations));
            row(csv, splitField, QString(), share.value, u"events"_s, QString::number(share.events));
        }
    }
    return csv.toUtf8();
}
