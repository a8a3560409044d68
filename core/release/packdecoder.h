#pragma once

#include "error.h"
#include "release/manifest.h"
#include "release/packinfo.h"

#include <QCoreApplication>

#include <functional>

// Makes the contents of a pack (format zstd-solid-1, see PackHeader) from the installed version:
// checks the pack's size and sha256 against the signed PackInfo before reading anything else,
// reads its header against the new manifest, gathers the old contents it was compressed against
// from the installed files (each checked against the installed manifest's sha256), decodes the
// one frame in memory (old and new together are at most PackInfo::kMaxGroupBytes) and checks
// every member's size and sha256 against the new manifest before writing it. Any failure refuses
// the whole pack and writes nothing; the caller then fetches its members file by file.
class PackDecoder
{
    Q_DECLARE_TR_FUNCTIONS(PackDecoder)

public:
    // Where the content with this sha256 is written (created or replaced, mode 0600).
    using Output = std::function<QString(const QString& sha256)>;

    // `installed` is the manifest of info.from, whose files are in `installedFolder`. Returns the
    // sha256 of every content written.
    static std::expected<QStringList, Error> decode(const QString& packFile, const PackInfo& info,
        const Manifest& target, const Manifest& installed, const QString& installedFolder, const Output& output);
};
