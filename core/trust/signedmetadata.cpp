#include "signedmetadata.h"

#include "logging.h"
#include "trust/hex.h"
#include "json/canonicaljson.h"
#include "json/fieldreader.h"
#include "json/jsonwriter.h"

#include <set>

using namespace Qt::StringLiterals;

std::expected<SignedMetadata, Error> SignedMetadata::parse(
    QByteArrayView bytes, const QString& file, const JsonLimits& limits)
{
    auto document = JsonParser(limits).parse(bytes);
    if (!document)
        return std::unexpected(document.error().prefixed(file));
    FieldReader reader(*document, file, QString());
    SignedMetadata metadata;
    metadata.m_signed = reader.object("signed");
    const JsonArray& signatures = reader.array("signatures");
    for (size_t i = 0; i < signatures.size() && reader.ok(); ++i) {
        FieldReader item = reader.child(signatures[i], u"signatures[%1]"_s.arg(i));
        Signature signature;
        signature.keyId = item.string("keyid");
        const QString hex = item.string("sig");
        if (auto raw = decodeHex(hex.toLatin1()))
            signature.signature = *raw;
        else if (item.ok())
            qCInfo(lcTrust) << file << "signature by" << signature.keyId << "is not hex; it counts for nothing";
        signature.unrecognized = item.unrecognized({"keyid", "sig"});
        metadata.m_signatures.push_back(std::move(signature));
    }
    metadata.m_unrecognized = reader.unrecognized({"signed", "signatures"});
    if (!reader.ok())
        return std::unexpected(reader.error());
    return metadata;
}

SignedMetadata SignedMetadata::wrap(JsonValue signedPart)
{
    SignedMetadata metadata;
    metadata.m_signed = std::move(signedPart);
    return metadata;
}

QString SignedMetadata::type() const
{
    const JsonValue* type = m_signed.find("_type");
    return type ? type->toString() : QString();
}

std::expected<void, Error> SignedMetadata::verify(
    const std::map<QString, PublicKey>& keys, const RoleKeys& role, const QString& roleName) const
{
    const QByteArray message = canonicalJson(m_signed);
    std::set<QString> countedIds;
    // The same public key under two ids, however each spells it, still counts once.
    std::set<QByteArray> countedKeys;
    for (const Signature& signature : m_signatures) {
        if (!role.keyIds.contains(signature.keyId) || countedIds.contains(signature.keyId))
            continue;
        const auto key = keys.find(signature.keyId);
        if (key == keys.end())
            continue;
        const QByteArray& keyValue = key->second.identity();
        if (countedKeys.contains(keyValue))
            continue;
        if (auto verified = key->second.verify(message, signature.signature); !verified) {
            qCInfo(lcTrust) << roleName << "signature by" << signature.keyId << "refused:" << verified.error().message;
            continue;
        }
        countedIds.insert(signature.keyId);
        countedKeys.insert(keyValue);
    }
    if (qint64(countedIds.size()) < role.threshold) {
        return std::unexpected(Error{Error::Code::BadSignature,
            tr("%1 metadata has %2 valid signature(s) of the %3 its trusted keys require.")
                .arg(roleName)
                .arg(countedIds.size())
                .arg(role.threshold)});
    }
    return {};
}

void SignedMetadata::addSignature(const QString& keyId, QByteArray signature)
{
    std::erase_if(m_signatures, [&](const Signature& s) { return s.keyId == keyId; });
    m_signatures.push_back(Signature{keyId, std::move(signature), {}});
}

JsonValue SignedMetadata::toJson() const
{
    JsonArray signatures;
    for (const Signature& signature : m_signatures) {
        JsonObject object = signature.unrecognized;
        object.insert_or_assign("keyid", signature.keyId);
        object.insert_or_assign("sig", QString::fromLatin1(signature.signature.toHex()));
        signatures.emplace_back(std::move(object));
    }
    JsonObject object = m_unrecognized;
    object.insert_or_assign("signatures", std::move(signatures));
    object.insert_or_assign("signed", m_signed);
    return object;
}

QByteArray SignedMetadata::toBytes() const
{
    return prettyJson(toJson());
}
