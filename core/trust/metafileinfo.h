#pragma once

#include "trust/filehashes.h"

#include <optional>

// What timestamp and snapshot metadata say of a metadata file: its version, and optionally
// its length and hashes (which let a client bound and check the download).
struct MetaFileInfo {
    qint64 version = 1;
    std::optional<qint64> length;
    FileHashes hashes;
    JsonObject unrecognized;

    static MetaFileInfo read(FieldReader& reader);
    [[nodiscard]] JsonValue toJson() const;
};
