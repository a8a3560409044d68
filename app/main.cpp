// upkeep: keeps applications up to date from signed repositories. With no arguments it opens
// the window, with --tray it starts in the system tray; anything else is the command line.

#include "commandline.h"
#include "desktopsession.h"
#include "exitcode.h"
#include "selfupdate.h"
#include "translations.h"
#include "upkeepversion.h"

#include <QApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// Why no window can be seen here, or empty when one can.
QString noDisplay()
{
    const QString platform = qEnvironmentVariable("QT_QPA_PLATFORM");
    if (platform.startsWith(u"offscreen"_s) || platform.startsWith(u"minimal"_s))
        return u"the Qt platform \"%1\" shows no windows"_s.arg(platform);
    if (platform.isEmpty() && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return u"there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"_s;
    return {};
}

// Sets `restart` when Upkeep is to restart into a new version of itself, once all is shut down.
int runDesktop(int argc, char* argv[], bool tray, std::optional<Restart>& restart)
{
    const std::optional<WindowState> handedOver = Restart::handedOver(); // this is such a restart
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"upkeep"_s);
    QApplication::setApplicationVersion(QString::fromLatin1(UPKEEP_VERSION));
    QApplication::setDesktopFileName(u"upkeep"_s);
    QApplication::setQuitOnLastWindowClosed(false);
    Translations::install(QLocale::system());
    QApplication::setApplicationDisplayName(QApplication::translate("MainWindow", "Upkeep"));
    DesktopSession session({});
    SelfUpdate selfUpdate(session, ProgramOrigin::running(), handedOver);
    QObject::connect(&session, &DesktopSession::finished, &app, &QApplication::quit);
    if (!tray || !session.startInTray()) {
        session.showWindow();
        // Someone who opens the window wants to know now, unless they chose to check only by hand.
        if (session.settings()->preferences().checkInterval != Preferences::CheckInterval::Never)
            session.controller()->checkAll();
    }
    const int code = app.exec();
    restart = selfUpdate.restart();
    return code;
}

} // namespace

int main(int argc, char* argv[])
{
    const bool tray = argc == 2 && qstrcmp(argv[1], "--tray") == 0;
    if (argc == 1 || tray) {
        const QString reason = noDisplay();
        if (reason.isEmpty()) {
            std::optional<Restart> restart;
            const int code = runDesktop(argc, argv, tray, restart);
            if (!restart)
                return code;
            const QString why = restart->exec();
            std::fputs(qPrintable(u"upkeep: cannot start %1: %2\n"_s.arg(restart->program, why)), stderr);
            return ExitCode::Failure;
        }
        std::fputs(qPrintable(u"upkeep: %1, so the window cannot open%2. Run it on a desktop, or under "
                              "\"xvfb-run upkeep\"; the commands below work anywhere.\n\n"_s.arg(
                                  reason, tray ? u" and there is no tray to hide in"_s : QString())),
            stderr);
        if (tray)
            return ExitCode::UsageError;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"upkeep"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(UPKEEP_VERSION));
    return runCommandLine(QCoreApplication::arguments());
}
