#include "dayandtime.h"

#include <QLocale>

QString DayAndTime::format(const QDateTime& when, const QDateTime& now)
{
    const QLocale locale;
    const QDateTime local = when.toLocalTime();
    const QString time = locale.toString(local.time(), QLocale::ShortFormat);
    switch (now.toLocalTime().date().daysTo(local.date())) {
    case -1: return tr("yesterday at %1").arg(time);
    case 0: return tr("today at %1").arg(time);
    case 1: return tr("tomorrow at %1").arg(time);
    default: return tr("%1 at %2").arg(locale.toString(local.date(), QLocale::ShortFormat), time);
    }
}
