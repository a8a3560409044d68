#include "statisticsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

QJsonArray series(const std::vector<StatisticsSummary::Series>& all)
{
    QJsonArray array;
    for (const StatisticsSummary::Series& one : all) {
        QJsonArray values;
        for (qint64 value : one.values)
            values.append(value);
        array.append(QJsonObject{{u"name"_s, one.name}, {u"values"_s, values}});
    }
    return array;
}

} // namespace

QByteArray StatisticsJson::write(const StatisticsSummary& summary)
{
    QJsonArray days;
    for (const QDate& day : summary.days())
        days.append(day.toString(Qt::ISODate));
    QJsonArray releases;
    for (const StatisticsSummary::Release& release : summary.releases()) {
        const WilsonInterval rate = release.failureRate();
        releases.append(
            QJsonObject{{u"app"_s, release.app}, {u"version"_s, release.version}, {u"attempts"_s, release.attempts},
                {u"installations"_s, release.installations}, {u"installed"_s, release.installed},
                {u"rolledBackAutomatically"_s, release.rolledBackAutomatically}, {u"failed"_s, release.failed},
                {u"interrupted"_s, release.interrupted}, {u"rolledBackByUser"_s, release.rolledBackByUser},
                {u"failureRate"_s, QJsonObject{{u"rate"_s, rate.rate}, {u"low"_s, rate.low}, {u"high"_s, rate.high}}}});
    }
    QJsonObject splits;
    for (const QString& field : StatisticsSummary::kSplitFields) {
        QJsonArray shares;
        for (const StatisticsSummary::Share& share : summary.split(field)) {
            shares.append(QJsonObject{
                {u"value"_s, share.value}, {u"installations"_s, share.installations}, {u"events"_s, share.events}});
        }
        splits.insert(field, shares);
    }
    const QJsonObject document{{u"events"_s, summary.events()}, {u"installations"_s, summary.installations()},
        {u"days"_s, days}, {u"adoption"_s, series(summary.installationsByVersion())},
        {u"outcomes"_s, series(summary.eventsByOutcome())}, {u"releases"_s, releases}, {u"splits"_s, splits}};
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}
