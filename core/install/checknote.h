#pragma once

#include "error.h"
#include "install/installlayout.h"

#include <QDateTime>

#include <optional>

// How the installation's checks of its repository went, kept in .upkeep so that a restart, and
// `upkeep check` in a terminal, tell the window the same: when the repository last answered
// (last-check), and why the checks since then failed (check-failure, gone once one answers).
class CheckNote
{
public:
    explicit CheckNote(const InstallLayout& layout);

    // A check answered at `when`: the failure, if any, is over.
    void succeeded(const QDateTime& when) const;
    // A check failed with `error`.
    void failed(const Error& error) const;

    // When a check last answered (UTC); invalid when never, or before Upkeep noted it.
    [[nodiscard]] QDateTime lastSuccess() const;
    // Why the last check failed; nullopt when it answered.
    [[nodiscard]] std::optional<Error> failure() const;

private:
    QString m_lastCheck;
    QString m_failure;
};
