#pragma once

#include "error.h"
#include "statisticsevent.h"

#include <QString>

#include <expected>
#include <functional>

// Reads statistics logs, plain or rotated and gzip-compressed (.gz, found by content, not by name), and
// hands each event to a callback as it goes, so that weeks of pings never sit in memory at once.
class StatisticsLogReader
{
public:
    using Sink = std::function<void(const StatisticsEvent&)>;

    explicit StatisticsLogReader(Sink sink);

    // Reads one log; an empty file has no events. Fails on a file that cannot be read or decompressed.
    std::expected<void, Error> read(const QString& path);

    // Lines read that were no answered ping (a 404 logged there, a damaged line), over every read().
    [[nodiscard]] qint64 skipped() const { return m_skipped; }

private:
    void line(QByteArrayView text);

    Sink m_sink;
    qint64 m_skipped = 0;
};
