#include "patchencoder.h"

#include "logging.h"
#include "publish/bsdiffencoder.h"
#include "publish/zstdmemory.h"
#include "release/mappedfile.h"
#include "release/packinfo.h"
#include "release/patchdecoder.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <zstd.h>
#include <zstd_errors.h>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

// The patch file being written: replaced atomically on commit, sized on the way.
class PatchOutput
{
public:
    explicit PatchOutput(const QString& path)
        : m_file(path)
    { }

    std::expected<void, Error> open()
    {
        if (!m_file.open(QIODevice::WriteOnly))
            return failure();
        return {};
    }

    std::expected<void, Error> write(QByteArrayView bytes)
    {
        if (m_file.write(bytes.data(), bytes.size()) != bytes.size())
            return failure();
        m_size += bytes.size();
        return {};
    }

    std::expected<PatchEncoder::Patch, Error> commit(PatchFormat format)
    {
        if (!m_file.commit())
            return std::unexpected(failure().error());
        return PatchEncoder::Patch{format, m_size};
    }

private:
    std::unexpected<Error> failure() const
    {
        return std::unexpected(Error{
            Error::Code::Io, PatchEncoder::tr("Cannot write %1: %2.").arg(m_file.fileName(), m_file.errorString())});
    }

    QSaveFile m_file;
    qint64 m_size = 0;
};

std::unexpected<Error> zstdFailure(size_t code)
{
    return std::unexpected(Error{
        Error::Code::Internal, PatchEncoder::tr("zstd failed: %1.").arg(QLatin1StringView(ZSTD_getErrorName(code)))});
}

// One zstd frame of the new file, compressed with the whole old file as its prefix, with the
// parameters of `zstd -19 --long --patch-from` (zstd 1.5.4): PatchEncoder::zstdLevel(), long-distance matching,
// one worker thread, a window just larger than the new file. So the patch is never larger than
// the command line's; it is 4 bytes smaller, as it has no frame checksum (the manifest's sha256
// checks the result). zstd keeps the whole prefix in reach until the new file's bytes have filled
// the window; measured on real releases, a window over both files, or no worker thread, made
// some patches larger than the command line's.
std::expected<void, Error> encodeZstd(const MappedFile& old, const QString& newFile, PatchOutput& output)
{
    QFile input(newFile);
    if (!input.open(QIODevice::ReadOnly)) {
        return std::unexpected(
            Error{Error::Code::Io, PatchEncoder::tr("Cannot read %1: %2.").arg(newFile, input.errorString())});
    }
    const qint64 newSize = input.size();
    if (old.size() > PatchEncoder::kZstdMaxSize || newSize > PatchEncoder::kZstdMaxSize) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            PatchEncoder::tr("%1 or the file it replaces is too large for a zstd patch (more than 2 GiB); "
                             "publish it whole.")
                .arg(newFile)});
    }

    std::unique_ptr<ZSTD_CCtx, CCtxFree> context(ZSTD_createCCtx());
    ZSTD_CCtx* c = context.get();
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, PatchEncoder::zstdLevel(old.size(), newSize));
    ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, patchWindowLog(newSize));
    ZSTD_CCtx_setParameter(c, ZSTD_c_enableLongDistanceMatching, 1);
    ZSTD_CCtx_setParameter(c, ZSTD_c_nbWorkers, 1); // fails harmlessly where libzstd has no threads
    ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);
    ZSTD_CCtx_setPledgedSrcSize(c, quint64(newSize));
    if (old.size() > 0) {
        if (const size_t referenced = ZSTD_CCtx_refPrefix(c, old.data(), size_t(old.size())); ZSTD_isError(referenced))
            return zstdFailure(referenced);
    }

    QByteArray in(qsizetype(ZSTD_CStreamInSize()), Qt::Uninitialized);
    QByteArray out(qsizetype(ZSTD_CStreamOutSize()), Qt::Uninitialized);
    qint64 consumed = 0;
    bool last = false;
    while (!last) {
        const qint64 read = input.read(in.data(), in.size());
        if (read < 0) {
            return std::unexpected(
                Error{Error::Code::Io, PatchEncoder::tr("Cannot read %1: %2.").arg(newFile, input.errorString())});
        }
        consumed += read;
        last = read == 0 || consumed == newSize;
        if (consumed > newSize) {
            return std::unexpected(Error{
                Error::Code::Mismatch, PatchEncoder::tr("%1 changed while its patch was being made.").arg(newFile)});
        }
        ZSTD_inBuffer source{in.constData(), size_t(read), 0};
        const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
        bool finished = false;
        while (!finished) {
            ZSTD_outBuffer sink{out.data(), size_t(out.size()), 0};
            const size_t remaining = ZSTD_compressStream2(c, &sink, &source, mode);
            if (ZSTD_isError(remaining)) {
                if (ZSTD_getErrorCode(remaining) == ZSTD_error_srcSize_wrong) {
                    return std::unexpected(Error{Error::Code::Mismatch,
                        PatchEncoder::tr("%1 changed while its patch was being made.").arg(newFile)});
                }
                return zstdFailure(remaining);
            }
            if (auto written = output.write(QByteArrayView(out.constData(), qsizetype(sink.pos))); !written)
                return written;
            finished = last ? remaining == 0 : source.pos == source.size;
        }
    }
    return {};
}

std::expected<void, Error> encodeBsdiff(const MappedFile& old, const QString& newFile, PatchOutput& output)
{
    auto fresh = MappedFile::open(newFile);
    if (!fresh)
        return std::unexpected(fresh.error());
    std::vector<BsdiffEncoder::Control> steps;
    {
        auto encoder = BsdiffEncoder::create(old.bytes());
        if (!encoder)
            return std::unexpected(encoder.error());
        steps = encoder->match(fresh->bytes());
    } // frees the suffix array before the streams are compressed
    auto patch = BsdiffEncoder::write(old.bytes(), fresh->bytes(), steps);
    if (!patch)
        return std::unexpected(patch.error());
    return output.write(*patch);
}

} // namespace

std::expected<PatchEncoder::Patch, Error> PatchEncoder::encode(
    PatchFormat format, const QString& oldFile, const QString& newFile, const QString& patchFile)
{
    auto old = MappedFile::open(oldFile);
    if (!old)
        return std::unexpected(old.error());
    PatchOutput output(patchFile);
    if (auto opened = output.open(); !opened)
        return std::unexpected(opened.error());
    auto encoded
        = format == PatchFormat::Zstd ? encodeZstd(*old, newFile, output) : encodeBsdiff(*old, newFile, output);
    if (!encoded)
        return std::unexpected(encoded.error()); // the QSaveFile discards what was written
    return output.commit(format);
}

int PatchEncoder::zstdLevel(qint64 oldSize, qint64 newSize)
{
    return PackInfo::packable(newSize, oldSize) ? 19 : 22;
}

bool PatchEncoder::triesBsdiff(qint64 oldSize, qint64 newSize)
{
    return oldSize <= kBsdiffMaxSize && newSize <= kBsdiffMaxSize;
}

qint64 PatchEncoder::memory(qint64 oldSize, qint64 newSize, bool bsdiff)
{
    const qint64 zstd = ZstdMemory::estimate({.level = zstdLevel(oldSize, newSize),
                            .size = newSize,
                            .workers = 1,
                            .windowLog = patchWindowLog(newSize),
                            .longDistance = true,
                            .prefix = oldSize})
        + oldSize + qint64(ZSTD_CStreamInSize() + ZSTD_CStreamOutSize());
    if (!bsdiff || !triesBsdiff(oldSize, newSize))
        return zstd;
    const qint64 suffixes = 4 * oldSize + (qint64(512) << 10);
    const qint64 streams = 2 * newSize + ZstdMemory::estimate({.level = 19, .size = newSize});
    return std::max(zstd, suffixes + oldSize + newSize + streams);
}

std::expected<PatchEncoder::Patch, Error> PatchEncoder::encodeSmallest(
    const QString& oldFile, const QString& newFile, const QString& patchFile, bool bsdiff)
{
    auto zstd = encode(PatchFormat::Zstd, oldFile, newFile, patchFile);
    if (!zstd)
        return zstd;
    if (!bsdiff || !triesBsdiff(QFileInfo(oldFile).size(), QFileInfo(newFile).size()))
        return zstd;

    const QString other = patchFile + u".bsdiff"_s;
    auto difference = encode(PatchFormat::Bsdiff, oldFile, newFile, other);
    if (!difference)
        return difference;
    qCDebug(lcRelease) << "patch" << newFile << "zstd" << zstd->size << "bsdiff" << difference->size;
    if (difference->size >= zstd->size) {
        QFile::remove(other);
        return zstd;
    }
    if (::rename(QFile::encodeName(other).constData(), QFile::encodeName(patchFile).constData()) != 0) {
        QFile::remove(other);
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1.").arg(patchFile)});
    }
    return difference;
}
