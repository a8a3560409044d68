#pragma once

#include "release/manifest.h"

#include <QCoreApplication>
#include <QString>

// Runs a release's health-check command after `current` switched to the new version, and says
// whether the version may stay. The program must be a file inside the version's folder (also
// once symlinks are resolved); it runs there, without a shell, in a process group of its own,
// so that on time-out it is killed together with every child it spawned, and with an environment
// of its own: PATH=/usr/local/bin:/usr/bin:/bin, HOME, LANG (and LC_ALL when set), and
// UPKEEP_APP, UPKEEP_VERSION, UPKEEP_VERSION_DIR and UPKEEP_INSTALL_DIR; nothing else of Upkeep's.
class HealthCheck
{
    Q_DECLARE_TR_FUNCTIONS(HealthCheck)

public:
    struct Result {
        bool passed = false;
        int exitCode = -1;     // valid when the program exited by itself; -1 otherwise
        bool timedOut = false; // killed after the manifest's time-out
        QString output;        // stdout and stderr merged, the last kMaxOutputBytes of them
        qint64 milliseconds = 0;
        QString reason; // one sentence for the history: why the check passed or failed
    };

    static constexpr qsizetype kMaxOutputBytes = 64 * 1024;

    // `versionFolder` is absolute, ROOT/versions/VERSION as InstallLayout makes it: the check is
    // told VERSION and ROOT from it, and the name of the application it checks.
    HealthCheck(QString versionFolder, QString app, Manifest::HealthCheck check)
        : m_versionFolder(std::move(versionFolder))
        , m_app(std::move(app))
        , m_check(std::move(check))
    { }

    // Blocks until the check ends or times out (up to the manifest's timeoutSeconds): call it on
    // a worker thread, never the GUI thread. A program that cannot be run, or that is refused for
    // leaving the folder, is a failed check with a reason; nothing outside the folder is run.
    // Whatever the check leaves running in its process group is killed when it ends.
    [[nodiscard]] Result run() const;

private:
    QString m_versionFolder;
    QString m_app;
    Manifest::HealthCheck m_check;
};
