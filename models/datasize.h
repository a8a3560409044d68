#pragma once

#include <QString>

// Sizes as people read them, in the user's locale and SI units: "850 bytes", "12.4 MB",
// "27 MB", "310 MB" (no decimal once a figure has three digits, none that is zero).
class DataSize
{
public:
    [[nodiscard]] static QString format(qint64 bytes);
};
