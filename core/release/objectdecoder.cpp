#include "objectdecoder.h"

#include "release/windowlimits.h"
#include "release/zstdframeheader.h"

#include "sha256.h"
#include <QCoreApplication>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

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
    auto damaged = [&](const QString& why) {
        return std::unexpected(
            Error{Error::Code::Mismatch, ObjectDecoder::tr("The object %1 is damaged: %2.").arg(objectFile, why)});
    };
    auto tooLong = [&] {
        return std::unexpected(Error{Error::Code::Mismatch,
            ObjectDecoder::tr("The object %1 unpacks to more than the %2 bytes the manifest gives; it was refused.")
                .arg(objectFile, QString::number(expectedSize))});
    };
    auto truncated = [&] {
        return std::unexpected(
            Error{Error::Code::Mismatch, ObjectDecoder::tr("The object %1 is truncated.").arg(objectFile)});
    };

    // An object is checked by what it makes, so its frame is not trusted yet: before zstd sees
    // it, its header must give the size the manifest gives, and ask for no larger window than
    // that size justifies.
    const auto header = ZstdFrameHeader::read(input.peek(ZstdFrameHeader::kMaxSize));
    if (!header) {
        switch (header.error()) {
        case ZstdFrameHeader::Fault::Truncated: return truncated();
        case ZstdFrameHeader::Fault::NotZstd: return damaged(ObjectDecoder::tr("it is not a zstd frame"));
        case ZstdFrameHeader::Fault::Invalid: break;
        }
        return damaged(ObjectDecoder::tr("its frame header is not valid"));
    }
    if (!header->contentSize()) {
        return std::unexpected(Error{Error::Code::Mismatch,
            ObjectDecoder::tr("The object %1 does not say how many bytes it unpacks to; it was refused.")
                .arg(objectFile)});
    }
    if (*header->contentSize() > quint64(expectedSize))
        return tooLong();
    if (*header->contentSize() < quint64(expectedSize)) {
        return std::unexpected(Error{Error::Code::Mismatch,
            ObjectDecoder::tr("The object %1 unpacks to %2 bytes where the manifest gives %3.")
                .arg(objectFile, QString::number(*header->contentSize()), QString::number(expectedSize))});
    }
    const qint64 windowLimit = WindowLimits::forObject(expectedSize);
    if (header->window() > quint64(windowLimit)) {
        return std::unexpected(Error{Error::Code::Mismatch,
            ObjectDecoder::tr("The object %1 asks for a zstd window of %2 bytes where at most %3 are allowed for a "
                              "file of %4 bytes; it was refused.")
                .arg(objectFile, QString::number(header->window()), QString::number(windowLimit),
                    QString::number(expectedSize))});
    }

    std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
    ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, WindowLimits::logFor(windowLimit));
    Sha256 hash;
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
        if (pending == 0)
            return damaged(ObjectDecoder::tr("it has bytes past its frame"));
        ZSTD_inBuffer source{in.constData(), size_t(read), 0};
        // Until the input is used up and the decoder holds nothing more (a full output buffer
        // may leave some behind).
        for (bool full = true; source.pos < source.size || (full && pending != 0);) {
            ZSTD_outBuffer sink{out.data(), size_t(out.size()), 0};
            pending = ZSTD_decompressStream(context.get(), &sink, &source);
            if (ZSTD_isError(pending))
                return damaged(QString::fromLatin1(ZSTD_getErrorName(pending)));
            full = sink.pos == sink.size;
            produced += qint64(sink.pos);
            if (produced > expectedSize)
                return tooLong();
            hash.addData(QByteArrayView(out.constData(), qsizetype(sink.pos)));
            if (fd >= 0 && !writeAll(fd, out.constData(), sink.pos)) {
                const bool diskFull = errno == ENOSPC || errno == EDQUOT;
                return std::unexpected(Error{Error::Code::Io,
                    diskFull ? ObjectDecoder::tr("The disk is full while writing %1.").arg(outputFile)
                             : ObjectDecoder::tr("Cannot write %1: %2.")
                                   .arg(outputFile, QString::fromLocal8Bit(strerror(errno)))});
            }
            if (pending == 0 && source.pos < source.size)
                return damaged(ObjectDecoder::tr("it has bytes past its frame"));
        }
    }
    if (pending != 0)
        return truncated();
    if (produced != expectedSize) {
        return std::unexpected(Error{Error::Code::Mismatch,
            ObjectDecoder::tr("The object %1 unpacks to %2 bytes where the manifest gives %3.")
                .arg(objectFile, QString::number(produced), QString::number(expectedSize))});
    }
    if (hash.hex() != expectedSha256)
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
