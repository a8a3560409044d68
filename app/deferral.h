#pragma once

#include <QDateTime>
#include <QString>

// What the user decided about one offered version instead of installing it now: remind me
// later, install at a time, or install when Upkeep quits. Kept by Settings across restarts.
struct Deferral {
    enum class Kind { RemindAt, InstallAt, InstallOnQuit };
    Kind kind = Kind::RemindAt;
    QString version; // the offered version it is about; a newer offer makes it moot
    QDateTime when;  // UTC; unused for InstallOnQuit
    friend bool operator==(const Deferral&, const Deferral&) = default;
};
