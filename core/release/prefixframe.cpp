#include "prefixframe.h"

#include "release/windowlimits.h"
#include "release/zstdframeheader.h"

#include <zstd.h>

#include <memory>

namespace {

struct DCtxFree {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};

} // namespace

std::expected<QByteArray, Error> PrefixFrame::decode(QByteArrayView frame, QByteArrayView prefix, qint64 maxSize)
{
    auto refused = [](const QString& why) {
        return std::unexpected(Error{Error::Code::Mismatch, tr("A zstd frame is refused: %1.").arg(why)});
    };
    const auto header = ZstdFrameHeader::read(frame);
    if (!header || !header->contentSize() || *header->contentSize() > quint64(maxSize))
        return refused(tr("it does not declare a size of at most %1 bytes").arg(maxSize));
    const qint64 size = qint64(*header->contentSize());
    const qint64 windowLimit = WindowLimits::forZstdPatch(prefix.size(), size);
    if (header->window() > quint64(windowLimit)
        || ZSTD_findFrameCompressedSize(frame.data(), size_t(frame.size())) != size_t(frame.size()))
        return refused(tr("its window or its length is not what it makes justifies"));
    std::unique_ptr<ZSTD_DCtx, DCtxFree> context(ZSTD_createDCtx());
    ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, WindowLimits::logFor(windowLimit));
    if (!prefix.isEmpty()) {
        if (const size_t referenced = ZSTD_DCtx_refPrefix(context.get(), prefix.data(), size_t(prefix.size()));
            ZSTD_isError(referenced))
            return refused(QString::fromLatin1(ZSTD_getErrorName(referenced)));
    }
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    const size_t made
        = ZSTD_decompressDCtx(context.get(), out.data(), size_t(out.size()), frame.data(), size_t(frame.size()));
    if (ZSTD_isError(made) || made != size_t(size))
        return refused(ZSTD_isError(made) ? QString::fromLatin1(ZSTD_getErrorName(made)) : tr("it is short"));
    return out;
}
