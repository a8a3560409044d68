#include "bandwidthlimiter.h"

qint64 BandwidthLimiter::take(qint64 wanted, Clock::time_point now)
{
    wanted = std::max<qint64>(wanted, 0);
    const std::lock_guard lock(m_mutex);
    const qint64 bytesPerSecond = m_limit;
    if (bytesPerSecond <= 0) {
        // Unlimited: nothing is saved up for when a limit is set.
        m_tokens = 0;
        m_last = m_last ? std::max(*m_last, now) : now;
        return wanted;
    }
    if (m_last && now > *m_last)
        m_tokens += std::chrono::duration<double>(now - *m_last).count() * double(bytesPerSecond);
    if (!m_last || now > *m_last)
        m_last = now;
    m_tokens = std::min(m_tokens, double(burst(bytesPerSecond)));
    const qint64 allowed = std::min(wanted, qint64(m_tokens));
    m_tokens -= double(allowed);
    return allowed;
}
