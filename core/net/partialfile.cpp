#include "partialfile.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kHashChunk = 1024 * 1024;

} // namespace

PartialFile::PartialFile(QString destination, qint64 length, QString sha256, Verifier verify)
    : m_destination(std::move(destination))
    , m_path(m_destination + u".part"_s)
    , m_length(length)
    , m_sha256(std::move(sha256))
    , m_verify(std::move(verify))
{ }

PartialFile::~PartialFile()
{
    close();
}

bool PartialFile::isInPlace(const QString& destination, qint64 length, const QString& sha256, const Verifier& verify)
{
    QFile file(destination);
    const QFileInfo info(destination);
    if (info.isSymLink() || !info.isFile() || info.size() != length || !file.open(QIODevice::ReadOnly))
        return false;
    if (sha256.isEmpty())
        return verify && verify(destination).has_value();
    Sha256 hash;
    return hash.addData(&file) && hash.hex() == sha256;
}

qint64 PartialFile::sizeOnDisk() const
{
    if (isOpen())
        return m_size;
    const QFileInfo info(m_path);
    if (info.isSymLink() || !info.isFile() || info.size() > m_length)
        return 0;
    return info.size();
}

Error PartialFile::ioError(const char* sentence) const
{
    const int code = errno; // before anything else can change it
    if (code == ENOSPC || code == EDQUOT)
        return Error{Error::Code::Io, tr("The disk is full while writing %1.").arg(m_path)};
    return Error{Error::Code::Io, tr(sentence).arg(m_path, QString::fromLocal8Bit(strerror(code)))};
}

std::expected<void, Error> PartialFile::open()
{
    if (isOpen())
        return {};
    // Never through a symlink: the part is ours, in the cache, and nothing else's.
    m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (m_fd < 0)
        return std::unexpected(ioError(QT_TR_NOOP("Cannot open %1: %2.")));
    struct stat status = {};
    if (::fstat(m_fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        const Error error = ioError(QT_TR_NOOP("Cannot open %1: %2."));
        closeHandle();
        return std::unexpected(error);
    }
    m_hash.reset();
    m_size = 0;
    if (status.st_size > m_length) // not this file's beginning: start again
        return restart();

    QByteArray buffer(qsizetype(std::min<qint64>(kHashChunk, std::max<qint64>(status.st_size, 1))), Qt::Uninitialized);
    while (m_size < status.st_size) {
        const ssize_t read
            = ::pread(m_fd, buffer.data(), size_t(std::min<qint64>(buffer.size(), status.st_size - m_size)), m_size);
        if (read < 0 && errno == EINTR)
            continue;
        if (read <= 0) {
            const Error error = ioError(QT_TR_NOOP("Cannot read %1: %2."));
            closeHandle();
            return std::unexpected(error);
        }
        m_hash.addData(QByteArrayView(buffer.constData(), qsizetype(read)));
        m_size += read;
    }
    return {};
}

void PartialFile::close()
{
    if (m_fd >= 0 && m_size == 0)
        ::unlink(QFile::encodeName(m_path).constData()); // nothing to resume from
    closeHandle();
}

void PartialFile::closeHandle()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

std::expected<void, Error> PartialFile::append(QByteArrayView bytes)
{
    if (!isOpen())
        return std::unexpected(Error{Error::Code::Internal, tr("%1 is not open.").arg(m_path)});
    if (bytes.size() > missing()) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("%1 would grow past the %2 bytes allowed for it.").arg(m_path).arg(m_length)});
    }
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t written = ::pwrite(m_fd, bytes.data() + done, size_t(bytes.size() - done), m_size + done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            const Error error = ioError(QT_TR_NOOP("Cannot write %1: %2."));
            // Keep only what is known to be whole, so that the next attempt resumes from there.
            (void)::ftruncate(m_fd, m_size);
            return std::unexpected(error);
        }
        done += written;
    }
    m_hash.addData(bytes);
    m_size += bytes.size();
    return {};
}

std::expected<void, Error> PartialFile::restart()
{
    if (!isOpen())
        return std::unexpected(Error{Error::Code::Internal, tr("%1 is not open.").arg(m_path)});
    if (::ftruncate(m_fd, 0) != 0)
        return std::unexpected(ioError(QT_TR_NOOP("Cannot empty %1: %2.")));
    m_hash.reset();
    m_size = 0;
    return {};
}

std::expected<bool, Error> PartialFile::finish()
{
    if (!isOpen() || missing() != 0)
        return std::unexpected(Error{Error::Code::Internal, tr("%1 is not complete.").arg(m_path)});
    m_refusal.clear();
    if (!m_sha256.isEmpty() && m_hash.hex() != m_sha256) {
        discard();
        return false;
    }
    if (::fsync(m_fd) != 0)
        return std::unexpected(ioError(QT_TR_NOOP("Cannot write %1 to disk: %2.")));
    closeHandle();
    if (m_sha256.isEmpty()) {
        auto verified
            = m_verify ? m_verify(m_path) : std::unexpected(Error{Error::Code::Internal, tr("Nothing can check it.")});
        if (!verified) {
            m_refusal = verified.error().message;
            discard();
            return false;
        }
    }
    if (::rename(QFile::encodeName(m_path).constData(), QFile::encodeName(m_destination).constData()) != 0) {
        return std::unexpected(Error{Error::Code::Io,
            tr("Cannot move %1 to %2: %3.").arg(m_path, m_destination, QString::fromLocal8Bit(strerror(errno)))});
    }
    m_size = 0;
    m_hash.reset();
    return true;
}

void PartialFile::discard()
{
    closeHandle();
    ::unlink(QFile::encodeName(m_path).constData());
    m_size = 0;
    m_hash.reset();
}
