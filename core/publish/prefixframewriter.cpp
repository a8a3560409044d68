#include "prefixframewriter.h"

#include "release/windowlimits.h"

#include <zstd.h>

#include <memory>

namespace {

struct CCtxFree {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

} // namespace

std::expected<QByteArray, Error> PrefixFrameWriter::encode(QByteArrayView content, QByteArrayView prefix)
{
    std::unique_ptr<ZSTD_CCtx, CCtxFree> context(ZSTD_createCCtx());
    ZSTD_CCtx* c = context.get();
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, kLevel);
    ZSTD_CCtx_setParameter(
        c, ZSTD_c_windowLog, WindowLimits::logFor(WindowLimits::forZstdPatch(prefix.size(), content.size())));
    ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);
    if (!prefix.isEmpty())
        ZSTD_CCtx_refPrefix(c, prefix.data(), size_t(prefix.size()));
    QByteArray frame(qsizetype(ZSTD_compressBound(size_t(content.size()))), Qt::Uninitialized);
    const size_t written
        = ZSTD_compress2(c, frame.data(), size_t(frame.size()), content.data(), size_t(content.size()));
    if (ZSTD_isError(written)) {
        return std::unexpected(Error{Error::Code::Internal,
            tr("zstd failed compressing against a prefix: %1.").arg(QLatin1StringView(ZSTD_getErrorName(written)))});
    }
    frame.resize(qsizetype(written));
    return frame;
}
