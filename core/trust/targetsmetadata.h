#pragma once

#include "trust/delegatedrole.h"
#include "trust/metadataheader.h"
#include "trust/publickey.h"
#include "trust/targetfileinfo.h"

#include <map>
#include <vector>

// Targets metadata, top-level or delegated: the files a role vouches for, and the roles it
// delegates to with their keys.
struct TargetsMetadata {
    static constexpr auto kType = "targets";

    struct Delegations {
        std::map<QString, PublicKey> keys;
        std::vector<DelegatedRole> roles; // in the order a client searches them
        JsonObject unrecognized;
    };

    MetadataHeader header;
    std::map<QString, TargetFileInfo> targets;
    std::optional<Delegations> delegations;
    JsonObject unrecognized;

    static std::expected<TargetsMetadata, Error> fromSigned(const JsonValue& signedPart, const QString& file);
    [[nodiscard]] JsonValue toSigned() const;

    [[nodiscard]] const DelegatedRole* delegatedRole(const QString& name) const;
};
