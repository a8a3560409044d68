// upkeep: keeps applications up to date from signed repositories. With no arguments it opens
// the window (with --dir D on that installation), with --tray it starts in the system tray, or
// hands over to the Upkeep already running; anything else is the command line.

#include "commandline.h"
#include "desktopsession.h"
#include "exitcode.h"
#include "registry.h"
#include "selfupdate.h"
#include "singleinstance.h"
#include "translations.h"
#include "upkeepversion.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>

#include <cstdio>
#include <optional>

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

// What the window opens on: any installation for `upkeep` and `upkeep --tray`, D for
// `upkeep --dir D`; nothing when the arguments are a command.
std::optional<QString> windowFolder(int argc, char* argv[])
{
    if (argc == 1 || (argc == 2 && qstrcmp(argv[1], "--tray") == 0))
        return QString();
    QString folder;
    if (argc == 3 && qstrcmp(argv[1], "--dir") == 0)
        folder = QString::fromLocal8Bit(argv[2]);
    else if (argc == 2 && qstrncmp(argv[1], "--dir=", 6) == 0)
        folder = QString::fromLocal8Bit(argv[1] + 6);
    if (folder.isEmpty())
        return std::nullopt;
    // As the registry keeps it.
    return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
}

// Sets `restart` when Upkeep is to restart into a new version of itself, once all is shut down.
int runDesktop(int argc, char* argv[], bool tray, const QString& folder, std::optional<Restart>& restart)
{
    // Said here, since the window would open on another application instead.
    if (!folder.isEmpty() && !Registry().contains(folder)) {
        std::fputs(
            qPrintable(u"upkeep: Upkeep does not manage %1; \"upkeep add\" registers an installation.\n"_s.arg(folder)),
            stderr);
        return ExitCode::UsageError;
    }
    const std::optional<WindowState> handedOver = Restart::handedOver(); // this is such a restart
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"upkeep"_s);
    QApplication::setApplicationVersion(QString::fromLatin1(UPKEEP_VERSION));
    QApplication::setDesktopFileName(u"upkeep"_s);
    QApplication::setQuitOnLastWindowClosed(false);
    SingleInstance instance(QDBusConnection::sessionBus());
    const auto start = instance.start(tray, folder);
    if (!start) {
        std::fputs(qPrintable(u"upkeep: %1\n"_s.arg(start.error().message)), stderr);
        return ExitCode::Failure;
    }
    if (*start == SingleInstance::Start::HandedOver)
        return ExitCode::Success;
    Translations::install(QLocale::system());
    QApplication::setApplicationDisplayName(QApplication::translate("MainWindow", "Upkeep"));
    DesktopSession session({});
    instance.serve(session);
    SelfUpdate selfUpdate(session, ProgramOrigin::running(), handedOver);
    QObject::connect(&session, &DesktopSession::finished, &app, &QApplication::quit);
    if (!tray || !session.startInTray()) {
        session.showWindow(folder);
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
    if (const std::optional<QString> folder = windowFolder(argc, argv)) {
        const QString reason = noDisplay();
        if (reason.isEmpty()) {
            std::optional<Restart> restart;
            const int code = runDesktop(argc, argv, tray, *folder, restart);
            if (!restart)
                return code;
            const QString why = restart->exec();
            std::fputs(qPrintable(u"upkeep: cannot start %1: %2\n"_s.arg(restart->program, why)), stderr);
            return ExitCode::Failure;
        }
        // A window asked for by name: the command line has nothing to do with its arguments, so
        // its help is not printed below.
        const bool named = tray || !folder->isEmpty();
        std::fputs(qPrintable(u"upkeep: %1, so the window cannot open%2. Run it on a desktop, or under "
                              "\"xvfb-run upkeep\"; %3\n"_s.arg(reason,
                                  tray ? u" and there is no tray to hide in"_s : QString(),
                                  named ? u"the commands (\"upkeep --help\") work anywhere."_s
                                        : u"the commands below work anywhere.\n"_s)),
            stderr);
        if (named)
            return ExitCode::UsageError;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"upkeep"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(UPKEEP_VERSION));
    return runCommandLine(QCoreApplication::arguments());
}
