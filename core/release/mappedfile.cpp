#include "mappedfile.h"

#include <QFile>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

std::expected<MappedFile, Error> MappedFile::open(const QString& path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(path, QString::fromLocal8Bit(strerror(errno)))});
    }
    struct stat status {
    };
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1: it is not a regular file.").arg(path)});
    }
    if (status.st_size == 0) {
        ::close(fd);
        return MappedFile({});
    }
    void* address = ::mmap(nullptr, size_t(status.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    const int mapError = errno;
    ::close(fd); // the mapping keeps the file open
    if (address == MAP_FAILED) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(path, QString::fromLocal8Bit(strerror(mapError)))});
    }
    return MappedFile({static_cast<const unsigned char*>(address), size_t(status.st_size)});
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_bytes(std::exchange(other.m_bytes, {}))
{ }

MappedFile::~MappedFile()
{
    if (!m_bytes.empty())
        ::munmap(const_cast<unsigned char*>(m_bytes.data()), m_bytes.size());
}
