#pragma once

#include <QtGlobal>

#include <algorithm>
#include <chrono>
#include <optional>

// A token bucket that every transfer of a download takes its bytes from, so that together they
// keep to one limit: bytes come at the limit's rate, in bursts of at most a quarter second's
// worth. The limit is given on each call, because the user may change it while a download runs.
class BandwidthLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    // How many of `wanted` bytes may be taken at `now` under `bytesPerSecond`; 0 means no limit,
    // and then all of them.
    [[nodiscard]] qint64 take(qint64 wanted, qint64 bytesPerSecond, Clock::time_point now);

    // The most bytes the bucket holds under a limit.
    [[nodiscard]] static qint64 burst(qint64 bytesPerSecond) { return std::max<qint64>(bytesPerSecond / 4, 1); }

private:
    double m_tokens = 0;
    std::optional<Clock::time_point> m_last;
};
