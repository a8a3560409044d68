#pragma once

#include <QCoreApplication>
#include <QDateTime>

// A moment as a person says it, near `now`: "today at 14:02", "yesterday at 14:02", "tomorrow at
// 03:00", else the date and the time, in local time and the user's language.
class DayAndTime
{
    Q_DECLARE_TR_FUNCTIONS(DayAndTime)

public:
    [[nodiscard]] static QString format(const QDateTime& when, const QDateTime& now);
};
