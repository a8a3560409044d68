#pragma once

#include "error.h"
#include "release/patchformat.h"

#include <QString>

// Applies a patch to the installed `oldFile`, streaming, into the new file `outputFile`. The
// output is created exclusively and never through a symlink, with permissions `mode`; it is
// refused as soon as it would grow past `expectedSize` (the manifest's), when it ends short, and
// when its sha256 differs from `expectedSha256`. On any failure the output is removed. The old
// file is only read; a hostile patch is refused, it never reads outside the old file. Before any
// zstd frame is decompressed its header is held to WindowLimits (a zstd patch's must also give
// `expectedSize`), so that a patch cannot make the client allocate more than the sizes justify.
std::expected<void, Error> applyPatch(PatchFormat format, const QString& oldFile, const QString& patchFile,
    const QString& outputFile, qint64 expectedSize, const QString& expectedSha256, int mode);

// The zstd window (as a log of two) for `reach` bytes: the smallest power of two larger than
// `reach`, between zstd's 1 KiB and 2 GiB. The encoders give a zstd patch the window of its new
// file, and each bsdiff stream the same at most BsdiffFormat::kMaxStreamWindowLog.
[[nodiscard]] int patchWindowLog(qint64 reach);
