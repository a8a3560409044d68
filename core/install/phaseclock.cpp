#include "phaseclock.h"

#include "logging.h"

void PhaseClock::lap(QStringView phase)
{
    const qint64 nanoseconds = m_timer.nsecsElapsed();
    m_timer.start();
    qCDebug(lcTiming).noquote() << phase.toString() + u':' << QString::number(nanoseconds / 1e6, 'f', 1) << "ms";
}
