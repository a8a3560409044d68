#pragma once

#include "programorigin.h"
#include "restart.h"

#include <QLoggingCategory>
#include <QObject>

#include <optional>

class DesktopSession;

Q_DECLARE_LOGGING_CATEGORY(lcSelfUpdate)

// Upkeep updating itself. When the installation this program runs from (see ProgramOrigin) has
// another version in `current` once the session has nothing left to do (the window's or the
// tray's update of Upkeep passed its health check, or Upkeep was rolled back), it has the session
// shut down for a restart into that version, with the window as it is now; main() then makes
// the restart. In the new process it puts the window back as the old one handed it over.
class SelfUpdate : public QObject
{
    Q_OBJECT

public:
    SelfUpdate(DesktopSession& session, ProgramOrigin origin, const std::optional<WindowState>& handedOver = {},
        QObject* parent = nullptr);

    // Who keeps the program of `origin` up to date, in a sentence for Help → About Upkeep.
    [[nodiscard]] static QString updatedBy(const ProgramOrigin& origin);
    // The restart to make once the session has finished; nullopt when none is due.
    [[nodiscard]] const std::optional<Restart>& restart() const { return m_restart; }

private:
    void look();

    DesktopSession& m_session;
    ProgramOrigin m_origin;
    std::optional<Restart> m_restart;
};
