#include "statisticsevent.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

QString StatisticsEvent::version() const
{
    return kind == u"rollback"_s ? from : to;
}

std::optional<StatisticsEvent> StatisticsEvent::parse(QByteArrayView line)
{
    const QList<QByteArray> parts = line.trimmed().toByteArray().split(' ');
    if (parts.size() != 3 || parts[1] != "204")
        return std::nullopt;
    StatisticsEvent event;
    event.time = QDateTime::fromString(QString::fromLatin1(parts[0]), Qt::ISODate).toUTC();
    if (!event.time.isValid())
        return std::nullopt;
    // '+' in a query is a space to an HTML form, but StatisticsPing's values never hold either.
    const QUrlQuery query(QString::fromUtf8(parts[2]));
    auto value = [&query](const QString& name) { return query.queryItemValue(name, QUrl::FullyDecoded); };
    event.app = value(u"app"_s);
    event.kind = value(u"kind"_s);
    event.from = value(u"from"_s);
    event.to = value(u"to"_s);
    event.channel = value(u"channel"_s);
    event.outcome = value(u"outcome"_s);
    event.os = value(u"os"_s);
    event.arch = value(u"arch"_s);
    event.upkeep = value(u"upkeep"_s);
    event.id = value(u"id"_s);
    if (event.app.isEmpty() || event.outcome.isEmpty())
        return std::nullopt;
    return event;
}
