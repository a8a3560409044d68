#include "objectwriter.h"

#include "publish/zstdmemory.h"
#include "release/repositorypaths.h"

#include "sha256.h"
#include <QDir>
#include <QFile>
#include <QSaveFile>

#include <zstd.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

std::expected<Manifest::Object, Error> describe(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        return std::unexpected(Error{Error::Code::Io, ObjectWriter::tr("Cannot read %1.").arg(path)});
    return Manifest::Object{info.size()};
}

} // namespace

QString ObjectWriter::objectPath(const QString& sha256) const
{
    return m_repository + u'/' + RepositoryPaths::object(sha256);
}

qint64 ObjectWriter::memory(qint64 size, int workers) const
{
    return ZstdMemory::estimate({.level = m_level, .size = size, .workers = workers})
        + qint64(ZSTD_CStreamInSize() + ZSTD_CStreamOutSize());
}

std::expected<Manifest::Object, Error> ObjectWriter::put(const QString& file, const QString& sha256, int workers)
{
    const QString path = objectPath(sha256);
    if (QFile::exists(path))
        return describe(path); // content addressed: the same sha256 is the same object
    if (!QDir().mkpath(m_repository + u"/objects"_s))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1/objects.").arg(m_repository)});

    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file, input.errorString())});
    QSaveFile output(path);
    if (!output.open(QIODevice::WriteOnly))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(path, output.errorString())});

    std::unique_ptr<ZSTD_CCtx, CCtxFree> context(ZSTD_createCCtx());
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_compressionLevel, m_level);
    ZSTD_CCtx_setParameter(context.get(), ZSTD_c_checksumFlag, 1);
    if (workers > 0) {
        ZSTD_CCtx_setParameter(context.get(), ZSTD_c_nbWorkers, workers);
        ZSTD_CCtx_setParameter(
            context.get(), ZSTD_c_jobSize, int(ZstdMemory::jobSize(ZstdMemory::windowLog(m_level, input.size()))));
    }
    ZSTD_CCtx_setPledgedSrcSize(context.get(), quint64(input.size()));
    Sha256 contentHash;
    QByteArray in(qsizetype(ZSTD_CStreamInSize()), Qt::Uninitialized);
    QByteArray out(qsizetype(ZSTD_CStreamOutSize()), Qt::Uninitialized);
    qint64 written = 0;
    bool last = false;
    while (!last) {
        const qint64 read = input.read(in.data(), in.size());
        if (read < 0)
            return std::unexpected(Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file, input.errorString())});
        contentHash.addData(QByteArrayView(in.constData(), read));
        last = input.atEnd();
        ZSTD_inBuffer source{in.constData(), size_t(read), 0};
        const ZSTD_EndDirective mode = last ? ZSTD_e_end : ZSTD_e_continue;
        bool finished = false;
        while (!finished) {
            ZSTD_outBuffer sink{out.data(), size_t(out.size()), 0};
            const size_t remaining = ZSTD_compressStream2(context.get(), &sink, &source, mode);
            if (ZSTD_isError(remaining))
                return std::unexpected(Error{Error::Code::Internal,
                    tr("zstd failed: %1.").arg(QLatin1StringView(ZSTD_getErrorName(remaining)))});
            if (output.write(out.constData(), qint64(sink.pos)) != qint64(sink.pos))
                return std::unexpected(
                    Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(path, output.errorString())});
            written += qint64(sink.pos);
            finished = last ? remaining == 0 : source.pos == source.size;
        }
    }
    if (contentHash.hex() != sha256) {
        output.cancelWriting();
        return std::unexpected(Error{Error::Code::Mismatch, tr("%1 changed while it was being published.").arg(file)});
    }
    if (!output.commit())
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(path, output.errorString())});
    return Manifest::Object{written};
}
