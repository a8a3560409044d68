#include "patchdecoder.h"

#include "release/bsdiffdecoder.h"
#include "release/mappedfile.h"
#include "release/windowlimits.h"
#include "release/zstdframeheader.h"

#include "sha256.h"
#include <QCoreApplication>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <bit>
#include <memory>

namespace {

struct DCtxFree {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

// The translation context of the messages below (free functions have none of their own).
struct PatchDecoder {
    Q_DECLARE_TR_FUNCTIONS(PatchDecoder)
};

QString errnoText()
{
    return QString::fromLocal8Bit(strerror(errno));
}

// The new file: created exclusively and never through a symlink, every byte counted against the
// size the manifest gives and hashed on its way to disk. Removed unless finished.
class Output
{
public:
    Output(const QString& path, const QString& patchFile, qint64 expectedSize)
        : m_path(path)
        , m_encodedPath(QFile::encodeName(path))
        , m_patchFile(patchFile)
        , m_expectedSize(expectedSize)
    { }
    Q_DISABLE_COPY_MOVE(Output)
    ~Output()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
            ::unlink(m_encodedPath.constData());
        }
    }

    std::expected<void, Error> create()
    {
        m_fd = ::open(m_encodedPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (m_fd < 0)
            return std::unexpected(
                Error{Error::Code::Io, PatchDecoder::tr("Cannot create %1: %2.").arg(m_path, errnoText())});
        return {};
    }

    std::expected<void, Error> write(QByteArrayView bytes)
    {
        if (bytes.size() > m_expectedSize - m_written) {
            return std::unexpected(Error{Error::Code::Mismatch,
                PatchDecoder::tr("The patch %1 unpacks to more than the %2 bytes the manifest gives; it was refused.")
                    .arg(m_patchFile, QString::number(m_expectedSize))});
        }
        m_hash.addData(bytes);
        const char* data = bytes.data();
        qsizetype size = bytes.size();
        while (size > 0) {
            const ssize_t written = ::write(m_fd, data, size_t(size));
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                const bool full = errno == ENOSPC || errno == EDQUOT;
                return std::unexpected(Error{Error::Code::Io,
                    full ? PatchDecoder::tr("The disk is full while writing %1.").arg(m_path)
                         : PatchDecoder::tr("Cannot write %1: %2.").arg(m_path, errnoText())});
            }
            data += written;
            size -= written;
        }
        m_written += bytes.size();
        return {};
    }

    // Checks the size and the sha256, then gives the file its permissions and keeps it.
    std::expected<void, Error> finish(const QString& expectedSha256, int mode)
    {
        if (m_written != m_expectedSize) {
            return std::unexpected(Error{Error::Code::Mismatch,
                PatchDecoder::tr("The patch %1 unpacks to %2 bytes where the manifest gives %3.")
                    .arg(m_patchFile, QString::number(m_written), QString::number(m_expectedSize))});
        }
        if (m_hash.hex() != expectedSha256) {
            return std::unexpected(Error{Error::Code::Mismatch,
                PatchDecoder::tr("The patch %1 does not give the content the manifest names (its sha256 differs); the "
                                 "installed file it starts from may have been changed.")
                    .arg(m_patchFile)});
        }
        const bool finished = ::fchmod(m_fd, mode_t(mode)) == 0;
        const bool closed = ::close(m_fd) == 0;
        m_fd = -1;
        if (!finished || !closed) {
            ::unlink(m_encodedPath.constData());
            return std::unexpected(Error{Error::Code::Io, PatchDecoder::tr("Cannot finish %1.").arg(m_path)});
        }
        return {};
    }

private:
    QString m_path;
    QByteArray m_encodedPath;
    QString m_patchFile;
    qint64 m_expectedSize;
    qint64 m_written = 0;
    int m_fd = -1;
    Sha256 m_hash;
};

// One zstd frame compressed with the old file as its prefix.
std::expected<void, Error> decodeZstd(
    const QString& oldFile, const QString& patchFile, qint64 expectedSize, Output& output)
{
    auto old = MappedFile::open(oldFile);
    if (!old)
        return std::unexpected(old.error());
    QFile input(patchFile);
    if (!input.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, PatchDecoder::tr("Cannot read %1: %2.").arg(patchFile, input.errorString())});
    auto damaged = [&](const QString& why) {
        return std::unexpected(
            Error{Error::Code::Mismatch, PatchDecoder::tr("The patch %1 is damaged: %2.").arg(patchFile, why)});
    };

    // Checked before zstd sees the frame: it must give the size the manifest gives, and ask for
    // no larger window than the old and new files together justify.
    const auto header = ZstdFrameHeader::read(input.peek(ZstdFrameHeader::kMaxSize));
    if (!header) {
        switch (header.error()) {
        case ZstdFrameHeader::Fault::Truncated:
            return std::unexpected(
                Error{Error::Code::Mismatch, PatchDecoder::tr("The patch %1 is truncated.").arg(patchFile)});
        case ZstdFrameHeader::Fault::NotZstd: return damaged(PatchDecoder::tr("it is not a zstd frame"));
        case ZstdFrameHeader::Fault::Invalid: break;
        }
        return damaged(PatchDecoder::tr("its frame header is not valid"));
    }
    if (!header->contentSize()) {
        return std::unexpected(Error{Error::Code::Mismatch,
            PatchDecoder::tr("The patch %1 does not say how many bytes it unpacks to; it was refused.")
                .arg(patchFile)});
    }
    if (*header->contentSize() > quint64(expectedSize)) {
        return std::unexpected(Error{Error::Code::Mismatch,
            PatchDecoder::tr("The patch %1 unpacks to more than the %2 bytes the manifest gives; it was refused.")
                .arg(patchFile, QString::number(expectedSize))});
    }
    if (*header->contentSize() < quint64(expectedSize)) {
        return std::unexpected(Error{Error::Code::Mismatch,
            PatchDecoder::tr("The patch %1 unpacks to %2 bytes where the manifest gives %3.")
                .arg(patchFile, QString::number(*header->contentSize()), QString::number(expectedSize))});
    }
    const qint64 windowLimit = WindowLimits::forZstdPatch(old->size(), expectedSize);
    if (header->window() > quint64(windowLimit)) {
        return std::unexpected(Error{Error::Code::Mismatch,
            PatchDecoder::tr("The patch %1 asks for a zstd window of %2 bytes where at most %3 are allowed for its "
                             "old and new files; it was refused.")
                .arg(patchFile, QString::number(header->window()), QString::number(windowLimit))});
    }

    std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
    ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, WindowLimits::logFor(windowLimit));
    if (old->size() > 0) {
        const size_t referenced = ZSTD_DCtx_refPrefix(context.get(), old->data(), size_t(old->size()));
        if (ZSTD_isError(referenced)) {
            return std::unexpected(Error{Error::Code::Internal,
                PatchDecoder::tr("zstd failed: %1.").arg(QLatin1StringView(ZSTD_getErrorName(referenced)))});
        }
    }
    QByteArray in(qsizetype(ZSTD_DStreamInSize()), Qt::Uninitialized);
    QByteArray out(qsizetype(ZSTD_DStreamOutSize()), Qt::Uninitialized);
    size_t pending = 1;
    while (true) {
        const qint64 read = input.read(in.data(), in.size());
        if (read < 0)
            return std::unexpected(
                Error{Error::Code::Io, PatchDecoder::tr("Cannot read %1: %2.").arg(patchFile, input.errorString())});
        if (read == 0)
            break;
        if (pending == 0)
            return damaged(PatchDecoder::tr("it has bytes past its frame"));
        ZSTD_inBuffer source{in.constData(), size_t(read), 0};
        while (true) {
            ZSTD_outBuffer sink{out.data(), size_t(out.size()), 0};
            pending = ZSTD_decompressStream(context.get(), &sink, &source);
            if (ZSTD_isError(pending))
                return damaged(QString::fromLatin1(ZSTD_getErrorName(pending)));
            if (auto written = output.write(QByteArrayView(out.constData(), qsizetype(sink.pos))); !written)
                return std::unexpected(written.error());
            if (pending == 0) {
                if (source.pos < source.size)
                    return damaged(PatchDecoder::tr("it has bytes past its frame"));
                break;
            }
            // A full output buffer may leave more in zstd's own, even with no input left.
            if (source.pos == source.size && sink.pos < sink.size)
                break;
        }
    }
    if (pending != 0)
        return std::unexpected(
            Error{Error::Code::Mismatch, PatchDecoder::tr("The patch %1 is truncated.").arg(patchFile)});
    return {};
}

} // namespace

int patchWindowLog(qint64 reach)
{
    const ZSTD_bounds bounds = ZSTD_cParam_getBounds(ZSTD_c_windowLog); // 10 and 31 on 64-bit builds
    return std::clamp(int(std::bit_width(quint64(std::max<qint64>(reach, 0)))), bounds.lowerBound, bounds.upperBound);
}

std::expected<void, Error> applyPatch(PatchFormat format, const QString& oldFile, const QString& patchFile,
    const QString& outputFile, qint64 expectedSize, const QString& expectedSha256, int mode)
{
    if (expectedSize < 0) {
        return std::unexpected(Error{
            Error::Code::InvalidInput, PatchDecoder::tr("The manifest gives a negative size for %1.").arg(outputFile)});
    }
    Output output(outputFile, patchFile, expectedSize);
    if (auto created = output.create(); !created)
        return created;
    std::expected<void, Error> decoded;
    if (format == PatchFormat::Zstd) {
        decoded = decodeZstd(oldFile, patchFile, expectedSize, output);
    } else {
        decoded = BsdiffDecoder::decode(
            oldFile, patchFile, expectedSize, [&](QByteArrayView bytes) { return output.write(bytes); });
    }
    if (!decoded)
        return decoded;
    return output.finish(expectedSha256, mode);
}
