#pragma once

#include "release/version.h"
#include "json/jsonvalue.h"

#include <optional>

// A pack as the signed target `custom` of a release's manifest lists it (docs/architecture.md,
// "Packs"): packs/SHA256, one file that makes many contents of an update from release `from`.
// Its sha256 and size are signed before the client downloads it; what it holds is in its header.
struct PackInfo {
    // Format 1: one zstd frame of the members' new contents one after another, with the old
    // contents at the same paths one after another as its prefix (PackHeader describes it).
    static constexpr std::string_view kFormat1 = "zstd-solid-1";
    // Format 2: the same, after a first frame that makes the new manifest with the members' sha256
    // left out (PackedManifest), compressed against the earlier release's manifest; a client that
    // has the earlier release installed takes the manifest from it and computes those sha256.
    static constexpr std::string_view kFormat2 = "zstd-solid-2";
    // A content joins a pack only when it and the old content at its path are at most this large;
    // larger ones stay per-file patches, which a client applies streaming.
    static constexpr qint64 kMaxMemberSize = qint64(8) << 20;
    // The old and new contents of one pack together: what a client holds in memory to decode it.
    static constexpr qint64 kMaxGroupBytes = qint64(64) << 20;

    Version from;
    QString sha256;
    qint64 size = 0;
    int entries = 0; // members
    int format = 1;  // 1 or 2: kFormat1 or kFormat2

    // Whether a content of `newSize` bytes whose old content at its path has `oldSize` (0: none) goes in a pack.
    [[nodiscard]] static bool packable(qint64 newSize, qint64 oldSize)
    {
        return newSize > 0 && newSize <= kMaxMemberSize && oldSize <= kMaxMemberSize;
    }

    [[nodiscard]] bool carriesManifest() const { return format == 2; }
    // One entry of `custom.packs`; nullopt for one in a format this client does not know, or malformed.
    [[nodiscard]] static std::optional<PackInfo> fromJson(const JsonValue& value);
    [[nodiscard]] JsonObject toJson() const;
    friend bool operator==(const PackInfo&, const PackInfo&) = default;
};
