#pragma once

#include "publish/publishingonly.h"

#include <QtGlobal>

// What a zstd compression stream of the publisher holds at its peak, from zstd's own estimates
// with the parameters the writers set, for MemoryBudget. With workers (ZSTD_c_nbWorkers) each
// has a context of its own, and the jobs in flight hold their input, overlap and output.
namespace ZstdMemory {

// The job size the publisher's multithreaded streams set (ZSTD_c_jobSize): zstd's own default for
// a window of 2^windowLog at level 19, set explicitly so that the estimate and the stream agree.
[[nodiscard]] qint64 jobSize(int windowLog);

// The window log of level `level` for `size` bytes (0: unknown).
[[nodiscard]] int windowLog(int level, qint64 size);

struct Stream {
    int level = 19;
    qint64 size = 0;           // bytes compressed, pledged to zstd; 0 when unknown
    qint64 about = 0;          // where `size` is unknown to zstd: about how many bytes, to bound its buffers
    int workers = 0;           // ZSTD_c_nbWorkers
    int windowLog = 0;         // 0: the level's own for `size`
    bool longDistance = false; // ZSTD_c_enableLongDistanceMatching
    qint64 prefix = 0;         // bytes of a prefix (ZSTD_CCtx_refPrefix), which a multithreaded stream copies
};

// The bytes the stream allocates and touches at most.
[[nodiscard]] qint64 estimate(const Stream& stream);

} // namespace ZstdMemory
