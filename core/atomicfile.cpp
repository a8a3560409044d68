#include "atomicfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

std::expected<void, Error> writeFileAtomically(const QString& path, QByteArrayView data)
{
    QSaveFile file(path);
    // QSaveFile fsyncs the temporary file before it renames it over `path`.
    if (!file.open(QIODevice::WriteOnly) || file.write(data.data(), data.size()) != data.size() || !file.commit()) {
        return std::unexpected(Error{Error::Code::Io,
            QCoreApplication::translate("AtomicFile", "Cannot write %1: %2.")
                .arg(QDir::toNativeSeparators(path), file.errorString())});
    }
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    return {};
}

std::expected<void, Error> appendLineDurably(const QString& path, QByteArray line)
{
    int error = 0; // the errno of the first step that failed
    auto ok = [&error](bool succeeded) {
        if (!succeeded && error == 0)
            error = errno ? errno : EIO;
        return succeeded;
    };
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    struct stat status = {};
    const bool sized = ok(fd >= 0) && ok(::fstat(fd, &status) == 0);
    bool written = sized;
    if (written && status.st_size > 0) {
        char last = '\n';
        written = ok(::pread(fd, &last, 1, status.st_size - 1) == 1);
        if (last != '\n')
            line.prepend('\n');
    }
    for (qsizetype done = 0; written && done < line.size();) {
        const ssize_t n = ::write(fd, line.constData() + done, size_t(line.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        written = ok(n > 0);
        done += written ? n : 0;
    }
    written = written && ok(::fdatasync(fd) == 0);
    if (sized && !written)
        (void)::ftruncate(fd, status.st_size);
    if (fd >= 0)
        written = ok(::close(fd) == 0) && written;
    if (written && status.st_size == 0) { // a new file: make its name durable too
        const int folder
            = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (folder >= 0) {
            ::fsync(folder);
            ::close(folder);
        }
    }
    if (!written)
        return std::unexpected(Error{Error::Code::Io, QString::fromLocal8Bit(strerror(error))});
    return {};
}
