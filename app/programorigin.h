#pragma once

#include "release/version.h"

#include <QString>

#include <optional>

// Where the running Upkeep program comes from, which says who updates it: an installation that
// Upkeep manages (the program lies in ROOT/versions/V/ of a folder with .upkeep/config.json, as
// `upkeep add --app upkeep` makes it), the system's package manager (a program under /usr, as
// the Debian package installs it: apt updates it, and Upkeep leaves it alone), or anywhere else
// (a build folder), which nothing updates.
class ProgramOrigin
{
public:
    enum class Kind { Installation, Package, Elsewhere };

    // The origin of the program at `path`, symbolic links resolved.
    static ProgramOrigin of(const QString& path);
    // This process's program (QCoreApplication::applicationFilePath()).
    static ProgramOrigin running();

    [[nodiscard]] Kind kind() const { return m_kind; }
    // The program itself, symbolic links resolved.
    [[nodiscard]] const QString& program() const { return m_program; }
    // Installation only: the installation's folder (canonical), the version the program belongs
    // to, and the program's path inside that version ("bin/upkeep").
    [[nodiscard]] const QString& folder() const { return m_folder; }
    [[nodiscard]] const std::optional<Version>& version() const { return m_version; }
    [[nodiscard]] const QString& pathInVersion() const { return m_pathInVersion; }
    // Whether `folder` (any spelling of it) is the installation this program comes from.
    [[nodiscard]] bool isFolder(const QString& folder) const;

private:
    Kind m_kind = Kind::Elsewhere;
    QString m_program;
    QString m_folder;
    std::optional<Version> m_version;
    QString m_pathInVersion;
};
