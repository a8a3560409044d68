#pragma once

#include "trust/metadataheader.h"
#include "trust/metafileinfo.h"

// Timestamp metadata: the one file a client always fetches first, naming the current snapshot.
struct TimestampMetadata {
    static constexpr auto kType = "timestamp";

    MetadataHeader header;
    MetaFileInfo snapshot;
    JsonObject unrecognized;

    static std::expected<TimestampMetadata, Error> fromSigned(const JsonValue& signedPart, const QString& file);
    [[nodiscard]] JsonValue toSigned() const;
};
