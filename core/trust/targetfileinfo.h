#pragma once

#include "trust/filehashes.h"

// A target as targets metadata lists it: its exact length, its hashes, and the publisher's
// `custom` facts (for Upkeep: version, release date, critical, rollout, minimum version).
struct TargetFileInfo {
    qint64 length = 0;
    FileHashes hashes;
    JsonValue custom; // null when absent
    JsonObject unrecognized;

    static TargetFileInfo read(FieldReader& reader);
    static TargetFileInfo describe(QByteArrayView data, JsonValue custom = {});
    [[nodiscard]] JsonValue toJson() const;
    // Length first (cheap, and says "truncated" or "too long"), then every hash.
    [[nodiscard]] std::expected<void, Error> verify(QByteArrayView data, const QString& what) const;
};
