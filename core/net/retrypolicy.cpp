#include "retrypolicy.h"

#include <algorithm>

namespace {

// At most kMaxFreeResumes tries go uncounted for a small file, and for a big one one per
// kMinProgress bytes.
constexpr qint64 kMinProgress = 64 * 1024;
constexpr qint64 kMaxFreeResumes = 32;

} // namespace

RetryPolicy::Decision RetryPolicy::after(Next next, int failures, bool furthered) const
{
    switch (next) {
    case Next::RetryNow: return Decision{false, failures, Milliseconds(0)};
    case Next::Retry:
        if (furthered) // the mirror works, if in stretches: resume at once, all its tries left
            return Decision{false, 0, Milliseconds(0)};
        if (failures + 1 < m_attemptsPerMirror)
            return Decision{false, failures + 1, backoff(failures + 1)};
        break;
    case Next::NextMirror: break;
    }
    return Decision{true, 0, Milliseconds(0)};
}

RetryPolicy::Milliseconds RetryPolicy::backoff(int failures) const
{
    Milliseconds wait = m_firstBackoff;
    for (int i = 1; i < failures && wait < kMaxBackoff; ++i)
        wait *= 2;
    return std::min(wait, kMaxBackoff);
}

bool RetryPolicy::isProgress(qint64 reached, qint64 now, qint64 length)
{
    return now - reached >= std::clamp(length / kMaxFreeResumes, qint64(1), kMinProgress);
}
