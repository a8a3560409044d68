#include "zstdmemory.h"

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <algorithm>
#include <limits>
#include <memory>

namespace {

struct ParamsFree {
    void operator()(ZSTD_CCtx_params* p) const { ZSTD_freeCCtxParams(p); }
};

} // namespace

namespace ZstdMemory {

qint64 jobSize(int windowLog)
{
    // zstdmt.c: a job is four windows (at least 1 MiB) where long-distance matching is off.
    return qint64(1) << std::max(20, windowLog + 2);
}

int windowLog(int level, qint64 size)
{
    return int(ZSTD_getCParams(level, size > 0 ? quint64(size) : ZSTD_CONTENTSIZE_UNKNOWN, 0).windowLog);
}

qint64 estimate(const Stream& stream)
{
    ZSTD_compressionParameters cParams
        = ZSTD_getCParams(stream.level, stream.size > 0 ? quint64(stream.size) : ZSTD_CONTENTSIZE_UNKNOWN, 0);
    if (stream.windowLog > 0)
        cParams.windowLog = unsigned(stream.windowLog);
    std::unique_ptr<ZSTD_CCtx_params, ParamsFree> params(ZSTD_createCCtxParams());
    ZSTD_CCtxParams_init(params.get(), stream.level);
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_windowLog, int(cParams.windowLog));
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_chainLog, int(cParams.chainLog));
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_hashLog, int(cParams.hashLog));
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_searchLog, int(cParams.searchLog));
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_minMatch, int(cParams.minMatch));
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_targetLength, int(cParams.targetLength));
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_strategy, int(cParams.strategy));
    ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_enableLongDistanceMatching, stream.longDistance ? 1 : 2);
    if (stream.longDistance) {
        // zstd fills these in only when it compresses (zstd_ldm.c), and its estimate divides by the
        // match length: they are set here as it would set them, the bucket a size larger.
        const int hashLog = std::max(ZSTD_HASHLOG_MIN, int(cParams.windowLog) - 7);
        ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_ldmHashLog, hashLog);
        ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_ldmMinMatch, 64);
        ZSTD_CCtxParams_setParameter(params.get(), ZSTD_c_ldmBucketSizeLog, 4);
        ZSTD_CCtxParams_setParameter(
            params.get(), ZSTD_c_ldmHashRateLog, std::max(0, int(cParams.windowLog) - hashLog));
    }
    const size_t context = ZSTD_estimateCStreamSize_usingCCtxParams(params.get());
    if (ZSTD_isError(context))
        return qint64(1) << 31; // cannot say: reserve a lot rather than too little
    const qint64 window = qint64(1) << cParams.windowLog;
    qint64 total = qint64(context);
    if (stream.workers > 0) {
        // Each worker compresses with a context of its own; the jobs in flight (one more than
        // the workers, and the one being filled) hold their input with the window before it as
        // overlap, and their output; a prefix is copied once for them all.
        const qint64 job = jobSize(int(cParams.windowLog));
        const qint64 known = stream.size > 0 ? stream.size
            : stream.about > 0               ? stream.about
                                             : std::numeric_limits<qint64>::max();
        const qint64 input = std::min(known, (stream.workers + 2) * job) + std::min(known, window);
        const qint64 output = qint64(ZSTD_compressBound(size_t(std::min(known, stream.workers * job))));
        total = stream.workers * qint64(context) + input + output;
        if (stream.prefix > 0) // zstdmt makes a dictionary of it, by copy, with tables of its own
            total += qint64(ZSTD_estimateCDictSize_advanced(size_t(stream.prefix), cParams, ZSTD_dlm_byCopy));
    } // single-threaded, a prefix is referenced where the caller holds it
    return total;
}

} // namespace ZstdMemory
