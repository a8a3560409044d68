#pragma once

// The folder a release test works in, under the system's temporary folder: locked while its run
// lives, removed when the run ends unless kept. A run that was interrupted (Ctrl-C, a kill, a
// power cut) cannot clean up after itself, so each new run first removes the folders of runs that
// no longer hold their lock — a test run leaves no copies of a release behind for long.

#include "error.h"
#include "install/installlock.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class ScratchFolder
{
    Q_DECLARE_TR_FUNCTIONS(ScratchFolder)

public:
    // Makes a new, locked folder "upkeep-publish-test-XXXXXX" under `parent`, after removing the
    // ones of ended runs there (those kept aside).
    static std::expected<ScratchFolder, Error> make(const QString& parent);

    ScratchFolder(ScratchFolder&& other) noexcept;
    ScratchFolder& operator=(ScratchFolder&&) = delete;
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    ~ScratchFolder();

    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] QString filePath(const QString& name) const { return m_path + u'/' + name; }
    // Leaves the folder after this run, and later runs leave it too.
    void keep();

    static inline const QString kPrefix = QStringLiteral("upkeep-publish-test-");

private:
    ScratchFolder(QString path, InstallLock lock)
        : m_path(std::move(path))
        , m_lock(std::move(lock))
    { }
    // Removes the folders under `parent` whose runs ended without removing them.
    static void removeAbandoned(const QString& parent);

    QString m_path;
    std::optional<InstallLock> m_lock;
    bool m_keep = false;
};
