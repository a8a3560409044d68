#include "selfupdate.h"

#include "desktopsession.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSelfUpdate, "upkeep.selfupdate", QtWarningMsg)

namespace {

// "visible on FOLDER at X,Y WxH", for the log.
QString describe(const MainWindow& window, bool visible)
{
    const QRect frame = window.geometry();
    return u"%1 on %2 at %3,%4 %5x%6"_s.arg(visible ? u"visible"_s : u"in the tray"_s, window.currentFolder())
        .arg(frame.x())
        .arg(frame.y())
        .arg(frame.width())
        .arg(frame.height());
}

} // namespace

SelfUpdate::SelfUpdate(
    DesktopSession& session, ProgramOrigin origin, const std::optional<WindowState>& handedOver, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_origin(std::move(origin))
{
    if (handedOver) {
        handedOver->restore(*m_session.window());
        qCInfo(lcSelfUpdate).noquote() << "restarted into" << m_origin.program() << "with the window"
                                       << describe(*m_session.window(), handedOver->visible);
    }
    m_session.window()->setUpdatedBy(updatedBy(m_origin));
    if (m_origin.kind() == ProgramOrigin::Kind::Installation)
        connect(m_session.controller(), &UpdateController::idle, this, &SelfUpdate::look);
}

QString SelfUpdate::updatedBy(const ProgramOrigin& origin)
{
    switch (origin.kind()) {
    case ProgramOrigin::Kind::Installation:
        return tr("Upkeep keeps itself up to date: it is installed in %1 and updates like the applications it "
                  "manages, then starts again in the new version.")
            .arg(QDir::toNativeSeparators(origin.folder()));
    case ProgramOrigin::Kind::Package:
        return tr("Installed by the system's package manager: apt updates Upkeep with the rest of the system, "
                  "so Upkeep does not update itself.");
    case ProgramOrigin::Kind::Elsewhere: break;
    }
    return tr("Runs from %1, which nothing updates. Install the package, or install Upkeep for yourself from "
              "its repository (upkeep add --app upkeep), to keep it up to date.")
        .arg(QDir::toNativeSeparators(origin.program()));
}

void SelfUpdate::look()
{
    if (m_restart)
        return;
    UpdateController* controller = m_session.controller();
    const QStringList folders = controller->applications()->folders();
    const auto own = std::find_if(
        folders.begin(), folders.end(), [this](const QString& folder) { return m_origin.isFolder(folder); });
    const InstallationSnapshot* snapshot = own == folders.end() ? nullptr : controller->snapshot(*own);
    if (!snapshot || !snapshot->running || snapshot->running == m_origin.version())
        return;
    const QString program = m_origin.folder() + u"/current/"_s + m_origin.pathInVersion();
    if (!QFileInfo(program).isExecutable()) {
        qCWarning(lcSelfUpdate) << "Upkeep" << snapshot->running->toString() << "is installed, but" << program
                                << "is not a program; Upkeep keeps running" << m_origin.version()->toString();
        return;
    }
    const WindowState window = WindowState::of(*m_session.window());
    if (!m_session.restart())
        return; // quitting anyway: the next start runs the new version
    m_restart = Restart{program, window};
    qCInfo(lcSelfUpdate).noquote() << "restarting from" << m_origin.version()->toString() << "into"
                                   << snapshot->running->toString() << "with the window"
                                   << describe(*m_session.window(), window.visible);
}
