#pragma once

#include <QString>

#include <optional>

// How a patch in patches/FROMSHA-TOSHA turns the old file into the new one. The manifest names
// the format of each patch it offers, so that a client never has to guess from the bytes.
enum class PatchFormat {
    Zstd,   // one zstd frame, compressed with the old file as its prefix (long-distance matching)
    Bsdiff, // bsdiff's control, diff and extra streams, each compressed with zstd
};

// "zstd" and "bsdiff", as the manifest spells them.
[[nodiscard]] inline QString patchFormatName(PatchFormat format)
{
    return format == PatchFormat::Zstd ? QStringLiteral("zstd") : QStringLiteral("bsdiff");
}

[[nodiscard]] inline std::optional<PatchFormat> patchFormatFromName(QStringView name)
{
    if (name == QStringLiteral("zstd"))
        return PatchFormat::Zstd;
    if (name == QStringLiteral("bsdiff"))
        return PatchFormat::Bsdiff;
    return std::nullopt;
}
