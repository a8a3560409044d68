#pragma once

#include "net/bandwidthlimiter.h"

#include <atomic>
#include <memory>

// The knobs a user turns while a download runs: pause, resume and cancel, and the bandwidth
// limiter its transfers take their bytes from, which the program shares among all its downloads.
// Shared between the thread that downloads and the one that shows the window; either may call
// any member at any time.
class TransferControl
{
public:
    // `limiter`: the program's one limiter; without it, one of this download's own, with no limit.
    explicit TransferControl(std::shared_ptr<BandwidthLimiter> limiter = std::make_shared<BandwidthLimiter>())
        : m_limiter(limiter ? std::move(limiter) : std::make_shared<BandwidthLimiter>())
    { }

    void pause() { m_paused = true; }
    void resume() { m_paused = false; }
    void cancel() { m_cancelled = true; }
    [[nodiscard]] bool isPaused() const { return m_paused; }
    [[nodiscard]] bool isCancelled() const { return m_cancelled; }

    [[nodiscard]] BandwidthLimiter& limiter() const { return *m_limiter; }

private:
    std::atomic<bool> m_paused = false;
    std::atomic<bool> m_cancelled = false;
    const std::shared_ptr<BandwidthLimiter> m_limiter;
};
