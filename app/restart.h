#pragma once

#include "windowstate.h"

#include <QStringList>

// A restart into another version of Upkeep: this process is replaced (execv, so that it keeps
// its process id and whoever started it) by `program`, given the window's state in the
// environment variable UPKEEP_RESTART_STATE, and `--tray` when the window was closed.
struct Restart {
    QString program; // ROOT/current/bin/upkeep
    WindowState window;

    [[nodiscard]] QStringList arguments() const;
    // Call only once everything has shut down: the session (its install locks, its threads) and
    // the application. Returns only when the program cannot be started: why.
    [[nodiscard]] QString exec() const;

    // The state the process this one replaced handed over, if any. It is removed from the
    // environment, so that no program started from here sees it.
    [[nodiscard]] static std::optional<WindowState> handedOver();
};
