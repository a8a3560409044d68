#pragma once

#include "error.h"
#include "trust/publickey.h"
#include "trust/rolekeys.h"
#include "json/jsonparser.h"

#include <map>
#include <vector>

// One metadata file: {"signed": {...}, "signatures": [{"keyid", "sig"}]}. Signatures cover the
// canonical JSON of the parsed `signed` object, never the file's bytes, so a pretty-printed file
// verifies as well as a canonical one and unknown fields are covered too.
class SignedMetadata
{
    Q_DECLARE_TR_FUNCTIONS(SignedMetadata)

public:
    struct Signature {
        QString keyId;
        QByteArray signature; // raw bytes; the file holds hex
        JsonObject unrecognized;
    };

    // `file` names the metadata in errors ("3.snapshot.json").
    static std::expected<SignedMetadata, Error> parse(
        QByteArrayView bytes, const QString& file, const JsonLimits& limits = {});
    static SignedMetadata wrap(JsonValue signedPart);

    [[nodiscard]] const JsonValue& signedPart() const { return m_signed; }
    [[nodiscard]] const std::vector<Signature>& signatures() const { return m_signatures; }
    [[nodiscard]] QString type() const;

    // Succeeds when at least `role.threshold` distinct keys of `role.keyIds` (found in `keys`)
    // signed. A key listed twice (under two ids, in any two spellings), or signing twice, counts once.
    [[nodiscard]] std::expected<void, Error> verify(
        const std::map<QString, PublicKey>& keys, const RoleKeys& role, const QString& roleName) const;

    // Adds (or replaces) the signature of key `keyId` over the canonical JSON of `signed`; the
    // publisher's SigningKey makes it.
    void addSignature(const QString& keyId, QByteArray signature);
    void clearSignatures() { m_signatures.clear(); }

    [[nodiscard]] JsonValue toJson() const;
    // The file as written to a repository: pretty, standard JSON.
    [[nodiscard]] QByteArray toBytes() const;

private:
    JsonValue m_signed;
    std::vector<Signature> m_signatures;
    JsonObject m_unrecognized;
};
