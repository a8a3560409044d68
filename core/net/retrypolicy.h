#pragma once

#include <QtGlobal>

#include <chrono>

// What follows a failed try of one file on one mirror: the same mirror again after a back-off
// that doubles with each failure (up to five minutes), at once when the try got well further
// into the file than any before, or the next mirror once `attemptsPerMirror` tries have failed.
class RetryPolicy
{
public:
    using Milliseconds = std::chrono::milliseconds;

    enum class Next {
        Retry,      // this mirror again after the back-off; counts as a failed try unless it got further
        RetryNow,   // this mirror again at once, uncounted: a restart from byte 0, a connection lost to a pause
        NextMirror, // this mirror cannot serve this file
    };

    struct Decision {
        bool nextMirror = false; // move on to the next mirror (with no failures counted there)
        int failures = 0;        // failed tries counted on the mirror to ask next
        Milliseconds wait{0};    // before asking it
    };

    static constexpr int kDefaultAttemptsPerMirror = 3;
    static constexpr Milliseconds kDefaultFirstBackoff{500};
    static constexpr Milliseconds kMaxBackoff = std::chrono::minutes(5);

    explicit RetryPolicy(
        int attemptsPerMirror = kDefaultAttemptsPerMirror, Milliseconds firstBackoff = kDefaultFirstBackoff)
        : m_attemptsPerMirror(attemptsPerMirror)
        , m_firstBackoff(firstBackoff)
    { }

    // After a try that failed as `next` says, `failures` tries having failed on this mirror before
    // it; `furthered`: it took the file isProgress() further than any try before.
    [[nodiscard]] Decision after(Next next, int failures, bool furthered) const;
    // The wait after the `failures`-th failed try on a mirror (1 for the first).
    [[nodiscard]] Milliseconds backoff(int failures) const;

    // Whether a try that took a part of a `length`-byte file from `reached` (the most it ever held)
    // to `now` bytes got far enough not to count as failed: a link that drops every few megabytes
    // still finishes, while a server that sends a byte and drops, or ignores Range and drops at the
    // same place, runs out of tries.
    [[nodiscard]] static bool isProgress(qint64 reached, qint64 now, qint64 length);

private:
    int m_attemptsPerMirror;
    Milliseconds m_firstBackoff;
};
