#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

// One statistics ping as nginx logs it (log_format upkeep_statistics in server/nginx/upkeep-http.conf):
// "TIME STATUS QUERY", the query being what StatisticsPing sends. Only answered pings (204) with an app
// and an outcome count; any other line is no event.
struct StatisticsEvent {
    QDateTime time; // UTC
    QString app;
    QString kind; // install, update, rollback, failure
    QString from;
    QString to;
    QString channel;
    QString outcome; // installed, rolled-back-automatically, rolled-back-by-user, failed, interrupted
    QString os;
    QString arch;
    QString upkeep;
    QString id; // the installation's anonymous id

    // The release the event is about: the one installed or attempted, or for a rollback by the user the one
    // the user left.
    [[nodiscard]] QString version() const;

    // The event on one line of the log; nullopt for a line that is no answered ping.
    [[nodiscard]] static std::optional<StatisticsEvent> parse(QByteArrayView line);
};
