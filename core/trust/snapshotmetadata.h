#pragma once

#include "trust/metadataheader.h"
#include "trust/metafileinfo.h"

#include <map>

// Snapshot metadata: the version of every targets role at one moment, so that a client never
// mixes role files from different moments (mix-and-match) or goes back in time for any of them.
struct SnapshotMetadata {
    static constexpr auto kType = "snapshot";

    MetadataHeader header;
    std::map<QString, MetaFileInfo> meta; // "targets.json", "stable.json", ...
    JsonObject unrecognized;

    static std::expected<SnapshotMetadata, Error> fromSigned(const JsonValue& signedPart, const QString& file);
    [[nodiscard]] JsonValue toSigned() const;
};
