#pragma once

#include <QtGlobal>

#include <algorithm>
#include <atomic>

// The knobs a user turns while a download runs: pause, resume, cancel and a bandwidth limit.
// Shared between the thread that downloads and the one that shows the window; every member is
// atomic, so either may call any of them at any time.
class TransferControl
{
public:
    void pause() { m_paused = true; }
    void resume() { m_paused = false; }
    void cancel() { m_cancelled = true; }
    [[nodiscard]] bool isPaused() const { return m_paused; }
    [[nodiscard]] bool isCancelled() const { return m_cancelled; }

    // Bytes per second over all transfers together; 0 for no limit.
    void setBandwidthLimit(qint64 bytesPerSecond) { m_bandwidthLimit = std::max<qint64>(0, bytesPerSecond); }
    [[nodiscard]] qint64 bandwidthLimit() const { return m_bandwidthLimit; }

private:
    std::atomic<bool> m_paused = false;
    std::atomic<bool> m_cancelled = false;
    std::atomic<qint64> m_bandwidthLimit = 0;
};
