#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QString>

// Keeps a second process off an installation while one changes it: an exclusive flock on
// ROOT/.upkeep/lock, released when the holder exits however it exits (even SIGKILL).
class InstallLock
{
    Q_DECLARE_TR_FUNCTIONS(InstallLock)

public:
    // Takes the lock, waiting up to `waitMilliseconds` (0: not at all) for another holder.
    static std::expected<InstallLock, Error> acquire(const QString& lockFile, int waitMilliseconds = 0);
    // The same lock on a folder itself, for one with no room for a lock file of its own (a
    // repository, whose every file a server may serve).
    static std::expected<InstallLock, Error> acquireFolder(const QString& folder, int waitMilliseconds = 0);

    InstallLock(InstallLock&& other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    { }
    InstallLock& operator=(InstallLock&& other) noexcept;
    InstallLock(const InstallLock&) = delete;
    InstallLock& operator=(const InstallLock&) = delete;
    ~InstallLock();

private:
    static std::expected<InstallLock, Error> lock(int fd, const QString& path, int waitMilliseconds);
    explicit InstallLock(int fd)
        : m_fd(fd)
    { }
    int m_fd = -1;
};
