#pragma once

#include <QtGlobal>

#include <chrono>
#include <deque>
#include <utility>

// The download rate a user sees, and the time left at that rate: the average over about the last
// kWindow, from samples of how many bytes had arrived when.
class RateSampler
{
public:
    using Clock = std::chrono::steady_clock;

    static constexpr std::chrono::milliseconds kWindow = std::chrono::seconds(3);
    // Samples closer together than this give no rate yet.
    static constexpr std::chrono::milliseconds kMinSpan{200};

    // `received`: all bytes that had arrived at `when`, never fewer than at an earlier sample.
    void add(Clock::time_point when, qint64 received);
    // Bytes per second from the oldest sample kept to the newest; 0 while unknown.
    [[nodiscard]] qint64 bytesPerSecond() const;
    // Whole seconds, rounded up, that `left` bytes take at `bytesPerSecond`: 0 when nothing is
    // left, -1 while the rate is unknown.
    [[nodiscard]] static qint64 secondsLeft(qint64 left, qint64 bytesPerSecond);

private:
    std::deque<std::pair<Clock::time_point, qint64>> m_samples;
};
