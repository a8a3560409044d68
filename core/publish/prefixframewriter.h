#pragma once

#include "publish/publishingonly.h"

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>

// Writes the frames PrefixFrame decodes: `content` as one zstd frame (level 22 with its window
// covering prefix and content, content size declared, no checksum: the caller's sha256 checks it)
// compressed against `prefix`. For files of a few hundred kilobytes, held in memory.
class PrefixFrameWriter
{
    Q_DECLARE_TR_FUNCTIONS(PrefixFrameWriter)

public:
    static constexpr int kLevel = 22;

    static std::expected<QByteArray, Error> encode(QByteArrayView content, QByteArrayView prefix);
};
