#pragma once

#include "error.h"

#include <QString>

// The command that starts a per-user Upkeep: ~/.local/bin/upkeep, a symbolic link to
// ROOT/current/bin/upkeep, so that it follows `current` from version to version without being
// touched again. Only a link of that shape (one Upkeep made) is ever replaced or removed; any
// other file in its place is left alone.
class LauncherLink
{
public:
    enum class Outcome {
        Made,     // there was nothing; the link is new
        Kept,     // it already pointed there
        Replaced, // it pointed into another installation; previous() says which
        Occupied, // another file is there and stays; previous() says what
        Missing,  // the installation has no bin/upkeep to point to; nothing was made
    };
    struct Result {
        Outcome outcome = Outcome::Made;
        QString previous;
    };

    // ~/.local/bin/upkeep (HOME as the environment gives it).
    LauncherLink();
    explicit LauncherLink(QString path)
        : m_path(std::move(path))
    { }

    [[nodiscard]] const QString& path() const { return m_path; }
    // What the link points to for the installation in `root`.
    [[nodiscard]] static QString target(const QString& root);

    // Points the link to target(root), making its folder when needed.
    std::expected<Result, Error> point(const QString& root) const;
    // Removes the link when it points to target(root); whether it did.
    std::expected<bool, Error> removeFor(const QString& root) const;

private:
    // The link's target when it is a link Upkeep made (to some ROOT/current/bin/upkeep), else empty.
    [[nodiscard]] QString ownTarget() const;

    QString m_path;
};
