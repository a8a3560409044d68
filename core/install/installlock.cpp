#include "installlock.h"

#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

std::expected<InstallLock, Error> InstallLock::acquire(const QString& lockFile, int waitMilliseconds)
{
    const int fd = ::open(QFile::encodeName(lockFile).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return std::unexpected(Error{Error::Code::Io,
            tr("Cannot open the lock %1: %2.").arg(lockFile, QString::fromLocal8Bit(strerror(errno)))});
    }
    return lock(fd, lockFile, waitMilliseconds);
}

std::expected<InstallLock, Error> InstallLock::acquireFolder(const QString& folder, int waitMilliseconds)
{
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return std::unexpected(Error{
            Error::Code::Io, tr("Cannot open the lock %1: %2.").arg(folder, QString::fromLocal8Bit(strerror(errno)))});
    }
    return lock(fd, folder, waitMilliseconds);
}

std::expected<InstallLock, Error> InstallLock::lock(int fd, const QString& lockFile, int waitMilliseconds)
{
    QElapsedTimer waited;
    waited.start();
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            ::close(fd);
            return std::unexpected(Error{
                Error::Code::Io, tr("Cannot lock %1: %2.").arg(lockFile, QString::fromLocal8Bit(strerror(errno)))});
        }
        if (waited.elapsed() >= waitMilliseconds) {
            ::close(fd);
            return std::unexpected(Error{Error::Code::Usage,
                tr("Another Upkeep process is changing this installation "
                   "(it holds %1). Try again when it has finished.")
                    .arg(lockFile)});
        }
        QThread::msleep(50);
    }
    return InstallLock(fd);
}

InstallLock& InstallLock::operator=(InstallLock&& other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

InstallLock::~InstallLock()
{
    if (m_fd >= 0)
        ::close(m_fd); // closing the descriptor releases the flock
}
