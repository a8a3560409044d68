#pragma once

#include "error.h"

#include <QString>

// Unpacks one zstd object (a single frame) into a new file, streaming, and refuses it as soon as it
// would grow past the size the manifest gives (a decompression bomb) or when its sha256 differs.
// Its frame header must give that size and ask for no larger window than WindowLimits::forObject,
// so that a hostile frame is refused before zstd allocates anything. The output is created
// exclusively and never through a symlink; on failure it is removed.
std::expected<void, Error> decodeObject(
    const QString& objectFile, const QString& outputFile, qint64 expectedSize, const QString& expectedSha256, int mode);

// Whether an object decodes to exactly the content the manifest names (size and sha256),
// without writing it anywhere: how a download is checked before it is kept.
std::expected<void, Error> verifyObject(const QString& objectFile, qint64 expectedSize, const QString& expectedSha256);
