#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "release/patchformat.h"

#include <QCoreApplication>
#include <QString>

// Makes the patch that turns an older version of a file into the new one, for patches/FROM-TO.
// Two encoders compete: zstd with the old file as its prefix (strong on text and moved blocks)
// and bsdiff with zstd-compressed streams (strong on executables, where addresses shift).
class PatchEncoder
{
    Q_DECLARE_TR_FUNCTIONS(PatchEncoder)

public:
    struct Patch {
        PatchFormat format = PatchFormat::Zstd;
        qint64 size = 0; // of the patch file
    };

    // encodeSmallest tries bsdiff only when both files are at most 64 MiB, as its memory is
    // some 6x the old file (a suffix array of four bytes a byte, both files mapped): on a 53 MB
    // pair it took 16 s of CPU and 330 MB at its peak, against 45 s and 345 MB for the zstd
    // patch. Larger pairs get a zstd patch alone, which keeps several patches made at once
    // within a publishing machine's memory.
    static constexpr qint64 kBsdiffMaxSize = qint64(64) << 20;

    // zstd's largest window is 2 GiB: like `zstd --patch-from`, a zstd patch of a larger old or
    // new file is refused (Error::Code::LimitExceeded); publish such a file whole.
    static constexpr qint64 kZstdMaxSize = qint64(1) << 31;

    // Writes the patch turning `oldFile` into `newFile`, in `format`, to `patchFile` (replaced
    // atomically).
    static std::expected<Patch, Error> encode(
        PatchFormat format, const QString& oldFile, const QString& newFile, const QString& patchFile);

    // Tries both encoders (bsdiff within kBsdiffMaxSize, and only with `bsdiff`) and leaves the
    // smaller patch in `patchFile`; zstd on a tie, as it is the quicker to apply.
    static std::expected<Patch, Error> encodeSmallest(
        const QString& oldFile, const QString& newFile, const QString& patchFile, bool bsdiff = true);

    // The zstd level of a patch between files of these sizes: 22 (zstd's --ultra) for files too
    // large for a pack, which travel as their own patch and are most of an update's bytes (on
    // Firefox ESR 140 -> 153, libxul.so's patch is 46.5 MB at 22 against 48.1 MB at 19); 19 for the
    // others, whose per-file patch is a pack's fall-back.
    [[nodiscard]] static int zstdLevel(qint64 oldSize, qint64 newSize);
    // Whether encodeSmallest() tries bsdiff on files of these sizes.
    [[nodiscard]] static bool triesBsdiff(qint64 oldSize, qint64 newSize);
    // The memory encodeSmallest() needs at its peak for files of these sizes: the zstd patch's
    // stream (with its copy of the old file) and the mapped old file, or bsdiff's suffix array
    // of four bytes a byte of the old file, both files mapped and its streams, whichever is more.
    [[nodiscard]] static qint64 memory(qint64 oldSize, qint64 newSize, bool bsdiff = true);
};
