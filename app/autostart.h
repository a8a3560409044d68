#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QString>

#include <expected>

// Whether Upkeep starts in the tray when the user logs in, as the XDG Autostart Specification
// keeps it: the user's entry ($XDG_CONFIG_HOME/autostart/upkeep.desktop) wins over one the package
// installs ($XDG_CONFIG_DIRS/autostart, /etc/xdg by default), and Hidden=true in it turns that off.
class Autostart
{
    Q_DECLARE_TR_FUNCTIONS(Autostart)

public:
    // For `program`, the binary an entry written here starts (the running one, for Upkeep itself).
    explicit Autostart(QString program);

    [[nodiscard]] bool isEnabled() const;
    // Writes or removes the user's entry; with a package's entry, writes one that hides it to turn off.
    [[nodiscard]] std::expected<void, Error> setEnabled(bool enabled) const;
    // The entry's Exec line: `upkeep --tray` where PATH leads to the program from a system folder, an
    // absolute path where PATH leads there from the home folder (~/.local/bin, which a login session
    // may not have on its PATH) or not at all.
    [[nodiscard]] QString command() const;

    [[nodiscard]] static QString userEntry();
    // The first package entry in $XDG_CONFIG_DIRS, or an empty string.
    [[nodiscard]] static QString systemEntry();

private:
    QString m_program;
};
