#pragma once

#include <QString>

// A share as a report shows it: "12.5%", one decimal.
inline QString percentage(double share)
{
    return QString::number(share * 100, 'f', 1) + u'%';
}
