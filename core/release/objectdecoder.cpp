#include "objectdecoder.h"

#include "release/patchdecoder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <memory>

namespace {

struct DCtxFree {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

// The translation context of the messages below (free functions have none of their own).
struct ObjectDecoder {
    Q_DECLARE_TR_FUNCTIONS(ObjectDecoder)
};

// Writes everything or reports why not (ENOSPC says the disk is full).
bool writeAll(int fd, const char* data, size_t size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        size -= size_t(written);
    }
    return true;
}

// Streams the object's content into `fd` (nowhere when -1), bounded by and checked against
// what the manifest says it makes.
std::expected<void, Error> decode(
    const QString& objectFile, int fd, const QString& outputFile, qint64 expectedSize, const QString& expectedSha256)
{
    QFile input(objectFile);
    if (!input.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, ObjectDecoder::tr("Cannot read %1: %2.").arg(objectFile, input.errorString())});
    std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
    // An object is checked by what it makes, so its frame is not trusted yet: the window it may
    // ask for is bounded by the size it must make.
    ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, patchWindowLog(expectedSize));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray in(qsizetype(ZSTD_DStreamInSize()), Qt::Uninitialized);
    QByteArray out(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    qint64 produced = 0;
    size_t pending = 1;
    while (true) {
        const qint64 read = input.read(in.data(), in.size());
        if (read < 0)
            return std::unexpected(Error{Error::Code::Io, ObjectDecoder::tr("Cannot read %1.").arg(objectFile)});
        if (read == 0)
            break;
        ZSTD_inBuffer source{in.constData(), size_t(read), 0};
        // Until the input is used up and the decoder holds nothing more (a full output buffer
        // may leave some behind).
        for (bool full = true; source.pos < source.size || (full && pending != 0);) {
            ZSTD_outBuffer sink{out.data(), size_t(out.size()), 0};
            pending = ZSTD_decompressStream(context.get(), &sink, &source);
            if (ZSTD_isError(pending) && ZSTD_getErrorCode(pending) == ZSTD_error_frameParameter_windowTooLarge) {
                return std::unexpected(Error{Error::Code::Mismatch,
                    ObjectDecoder::tr("The object %1 unpacks to more than the %2 bytes the manifest "
                                      "gives; it was refused.")
                        .arg(objectFile, QString::number(expectedSize))});
            }
            if (ZSTD_isError(pending)) {
                return std::unexpected(Error{Error::Code::Mismatch,
                    ObjectDecoder::tr("The object %1 is damaged: %2.")
                        .arg(objectFile, QString::fromLatin1(ZSTD_getErrorName(pending)))});
            }
            full = sink.pos == sink.size;
            produced += qint64(sink.pos);
            if (produced > expectedSize) {
                return std::unexpected(Error{Error::Code::Mismatch,
                    ObjectDecoder::tr("The object %1 unpacks to more than the %2 bytes the manifest "
                                      "gives; it was refused.")
                        .arg(objectFile, QString::number(expectedSize))});
            }
            hash.addData(QByteArrayView(out.constData(), qsizetype(sink.pos)));
            if (fd >= 0 && !writeAll(fd, out.constData(), sink.pos)) {
                const bool diskFull = errno == ENOSPC || errno == EDQUOT;
                return std::unexpected(Error{Error::Code::Io,
                    diskFull ? ObjectDecoder::tr("The disk is full while writing %1.").arg(outputFile)
                             : ObjectDecoder::tr("Cannot write %1: %2.")
                                   .arg(outputFile, QString::fromLocal8Bit(strerror(errno)))});
            }
        }
    }
    if (pending != 0)
        return std::unexpected(
            Error{Error::Code::Mismatch, ObjectDecoder::tr("The object %1 is truncated.").arg(objectFile)});
    if (produced != expectedSize) {
        return std::unexpected(Error{Error::Code::Mismatch,
            ObjectDecoder::tr("The object %1 unpacks to %2 bytes where the manifest gives %3.")
                .arg(objectFile, QString::number(produced), QString::number(expectedSize))});
    }
    if (QString::fromLatin1(hash.result().toHex()) != expectedSha256)
        return std::unexpected(Error{Error::Code::Mismatch,
            ObjectDecoder::tr("The object %1 does not match its sha256 in the manifest.").arg(objectFile)});
    return {};
}

} // namespace

std::expected<void, Error> decodeObject(
    const QString& objectFile, const QString& outputFile, qint64 expectedSize, const QString& expectedSha256, int mode)
{
    const QByteArray path = QFile::encodeName(outputFile);
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return std::unexpected(Error{Error::Code::Io,
            ObjectDecoder::tr("Cannot create %1: %2.").arg(outputFile, QString::fromLocal8Bit(strerror(errno)))});
    }
    if (auto decoded = decode(objectFile, fd, outputFile, expectedSize, expectedSha256); !decoded) {
        ::close(fd);
        ::unlink(path.constData());
        return decoded;
    }
    if (::fchmod(fd, mode_t(mode)) != 0 || ::close(fd) != 0) {
        ::unlink(path.constData());
        return std::unexpected(Error{Error::Code::Io, ObjectDecoder::tr("Cannot finish %1.").arg(outputFile)});
    }
    return {};
}

std::expected<void, Error> verifyObject(const QString& objectFile, qint64 expectedSize, const QString& expectedSha256)
{
    return decode(objectFile, -1, QString(), expectedSize, expectedSha256);
}
