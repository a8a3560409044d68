#pragma once

// The program a release's health-check command runs, judged on the release's entries before
// anything is installed: it must be a file of the release, or a symlink that leads to one inside
// it, with a mode that lets its owner run it (HealthCheck refuses anything else at install time).

#include "release/manifest.h"

#include <optional>

class HealthProgram
{
    Q_DECLARE_TR_FUNCTIONS(HealthProgram)

public:
    // Why `command`'s program cannot run from a release of `entries`, in a sentence that names it;
    // nullopt when it can.
    [[nodiscard]] static std::optional<QString> problem(
        const std::vector<Manifest::Entry>& entries, const QStringList& command);

    // How many symlinks may lead to the program, as the kernel's limit for one path.
    static constexpr int kMaxLinks = 40;
};
