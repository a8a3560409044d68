#include "ratesampler.h"

void RateSampler::add(Clock::time_point when, qint64 received)
{
    m_samples.emplace_back(when, received);
    // Keep one sample at least kWindow old, so that the average spans the whole window.
    while (m_samples.size() > 2 && when - m_samples[1].first >= kWindow)
        m_samples.pop_front();
}

qint64 RateSampler::bytesPerSecond() const
{
    if (m_samples.empty())
        return 0;
    const auto& [start, before] = m_samples.front();
    const auto& [end, now] = m_samples.back();
    const auto span = std::chrono::duration_cast<std::chrono::milliseconds>(end - start);
    return span >= kMinSpan ? (now - before) * 1000 / span.count() : 0;
}

qint64 RateSampler::secondsLeft(qint64 left, qint64 bytesPerSecond)
{
    if (left <= 0)
        return 0;
    return bytesPerSecond > 0 ? (left + bytesPerSecond - 1) / bytesPerSecond : -1;
}
