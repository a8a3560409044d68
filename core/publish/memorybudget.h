#pragma once

#include "publish/publishingonly.h"

#include "error.h"

#include <QCoreApplication>
#include <QString>

#include <condition_variable>
#include <mutex>

// A semaphore of bytes: the publisher's jobs each reserve what they estimate they need, and a job
// starts only while the reservations of the running ones stay within the limit. A job larger than
// the whole limit waits until nothing else runs and then runs alone, so that the limit is exceeded
// by that job alone and never by jobs side by side.
class MemoryBudget
{
    Q_DECLARE_TR_FUNCTIONS(MemoryBudget)

public:
    // The least `--memory` accepts: one level-19 zstd stream (some 90 MB) and the process itself.
    static constexpr qint64 kMinimum = qint64(128) << 20;

    explicit MemoryBudget(qint64 limit)
        : m_limit(limit)
    { }

    [[nodiscard]] qint64 limit() const { return m_limit; }

    // Reserves `bytes`, waiting while other reservations leave too little room.
    void acquire(qint64 bytes);
    // Reserves `bytes` if they fit now (or if nothing is reserved); false otherwise.
    bool tryAcquire(qint64 bytes);
    void release(qint64 bytes);

    [[nodiscard]] qint64 reserved() const;
    // The most ever reserved at once.
    [[nodiscard]] qint64 peak() const;

    // "512M", "2G", "1.5G", "300000000": a number of bytes with an optional K, M, G or T suffix
    // (powers of 1024, an optional "B" or "iB" after it), at least kMinimum.
    static std::expected<qint64, Error> parse(const QString& text);
    // Half the machine's physical memory, at least kMinimum.
    static qint64 defaultLimit();
    // "512 MB", "1.5 GB": bytes for a person.
    static QString describe(qint64 bytes);

private:
    [[nodiscard]] bool fits(qint64 bytes) const { return m_reserved == 0 || m_reserved + bytes <= m_limit; }

    const qint64 m_limit;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    qint64 m_reserved = 0;
    qint64 m_peak = 0;
};
