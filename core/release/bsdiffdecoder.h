#pragma once

#include "error.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <functional>

// Reads a PatchFormat::Bsdiff patch (layout in bsdiffformat.h) and hands the new file's bytes to
// a sink, streaming: the three zstd streams are read side by side from their offsets in the
// patch and the old file with pread, so memory stays small whatever the sizes. Every value is
// checked before it is used: a hostile patch is refused, it never reads outside the old file or
// writes past `expectedSize`.
class BsdiffDecoder
{
    Q_DECLARE_TR_FUNCTIONS(BsdiffDecoder)

public:
    // Takes each piece of the new file in order; an error stops the decoding.
    using Sink = std::function<std::expected<void, Error>(QByteArrayView)>;

    static std::expected<void, Error> decode(
        const QString& oldFile, const QString& patchFile, qint64 expectedSize, const Sink& sink);
};
