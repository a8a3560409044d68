#pragma once

#include "trust/metadataheader.h"
#include "trust/publickey.h"
#include "trust/publisheranchor.h"
#include "trust/rolekeys.h"

#include <map>
#include <optional>

// Root metadata: the keys of every top-level role and how many must sign. The client's trust
// anchor; a new root must be signed by the old root's keys and by its own.
struct RootMetadata {
    static constexpr auto kType = "root";

    MetadataHeader header;
    bool consistentSnapshot = true;
    std::map<QString, PublicKey> keys;
    std::map<QString, RoleKeys> roles; // root, timestamp, snapshot, targets
    // "upkeep_publisher": the publisher's CA, when the repository has an identity.
    std::optional<PublisherAnchor> publisher;
    JsonObject unrecognized;

    static std::expected<RootMetadata, Error> fromSigned(const JsonValue& signedPart, const QString& file);
    [[nodiscard]] JsonValue toSigned() const;

    // The keys of `role`, or an empty set when root has no such role.
    [[nodiscard]] RoleKeys role(const QString& name) const;
};

// Reads a "keys" object of KEYID → key. Keys of types we cannot verify are left out (a role that
// needs them then lacks signatures); malformed keys are errors.
std::map<QString, PublicKey> readKeys(FieldReader& reader, std::string_view key);
JsonValue writeKeys(const std::map<QString, PublicKey>& keys);
