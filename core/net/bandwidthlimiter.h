#pragma once

#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>

// The token bucket that every download of the program takes its bytes from, so that together they
// keep to one limit (the settings' "over all downloads"): bytes come at the limit's rate, in bursts
// of at most a quarter second's worth. One is shared by the transfers of every installation's
// worker thread; any thread may take from it or change the limit at any time.
class BandwidthLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    BandwidthLimiter() = default;
    Q_DISABLE_COPY(BandwidthLimiter)

    // Bytes per second over all transfers together; 0 (or less) for no limit.
    void setLimit(qint64 bytesPerSecond) { m_limit = std::max<qint64>(0, bytesPerSecond); }
    [[nodiscard]] qint64 limit() const { return m_limit; }

    // How many of `wanted` bytes may be taken at `now`: all of them without a limit. Time points
    // may come a little out of order from different threads; an earlier one adds nothing.
    [[nodiscard]] qint64 take(qint64 wanted, Clock::time_point now);

    // The most bytes the bucket holds under a limit.
    [[nodiscard]] static qint64 burst(qint64 bytesPerSecond) { return std::max<qint64>(bytesPerSecond / 4, 1); }
    // How far a transfer should let its connection read ahead of the bytes it takes: bounded, and
    // under a limit about a burst's worth, so that the server's sending follows the limit.
    [[nodiscard]] static qint64 readAhead(qint64 bytesPerSecond)
    {
        return bytesPerSecond <= 0 ? kMaxReadAhead : std::clamp(burst(bytesPerSecond), kMinReadAhead, kMaxReadAhead);
    }

    static constexpr qint64 kMinReadAhead = 16 * 1024;
    static constexpr qint64 kMaxReadAhead = 256 * 1024;

private:
    std::atomic<qint64> m_limit = 0;
    std::mutex m_mutex; // guards the bucket below
    double m_tokens = 0;
    std::optional<Clock::time_point> m_last;
};
