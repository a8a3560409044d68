#pragma once

#include <QElapsedTimer>
#include <QStringView>

// Says where an update's time goes: each lap() logs the time since the clock started or since
// the previous lap as one phase, on upkeep.timing (quiet by default; bench/delta turns it on
// with QT_LOGGING_RULES="upkeep.timing.debug=true").
class PhaseClock
{
public:
    PhaseClock() { m_timer.start(); }

    // Logs "PHASE: N ms" for the time since the last lap, and starts the next one.
    void lap(QStringView phase);

private:
    QElapsedTimer m_timer;
};
