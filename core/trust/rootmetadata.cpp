#include "rootmetadata.h"

#include "logging.h"

using namespace Qt::StringLiterals;

namespace {

constexpr std::string_view kPublisher = "upkeep_publisher";

// {"name": NAME, "certificate": BASE64 DER}, both required and nothing else: a field that only the
// root keys can sign is read as strictly as the roles beside it.
std::optional<PublisherAnchor> readPublisher(FieldReader& reader)
{
    if (!reader.has(kPublisher))
        return std::nullopt;
    FieldReader field = reader.nested(kPublisher);
    PublisherAnchor anchor;
    anchor.name = field.string("name");
    const QString certificate = field.string("certificate");
    if (!field.ok())
        return std::nullopt;
    if (anchor.name.trimmed().isEmpty()) {
        field.fail(QCoreApplication::translate("RootMetadata", "%1 is empty").arg(field.where("name")));
        return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(certificate.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty() || QString::fromLatin1(decoded.decoded.toBase64()) != certificate) {
        field.fail(QCoreApplication::translate("RootMetadata", "%1 must be the certificate's DER in base64")
                       .arg(field.where("certificate")));
        return std::nullopt;
    }
    anchor.certificate = decoded.decoded;
    const JsonObject rest = field.unrecognized({"name", "certificate"});
    if (!rest.empty()) {
        field.fail(QCoreApplication::translate("RootMetadata", "%1 has the unknown member \"%2\"")
                       .arg(reader.where(kPublisher), QString::fromStdString(rest.begin()->first)));
        return std::nullopt;
    }
    return anchor;
}

} // namespace

std::map<QString, PublicKey> readKeys(FieldReader& reader, std::string_view member)
{
    std::map<QString, PublicKey> keys;
    const JsonValue& object = reader.object(member);
    for (const auto& [id, value] : object.toObject()) {
        if (!reader.ok())
            break;
        const QString keyId = QString::fromStdString(id);
        auto key = PublicKey::fromTuf(value);
        if (!key && key.error().code == Error::Code::Unsupported) {
            qCInfo(lcTrust) << "key" << keyId << "left out:" << key.error().message;
            continue;
        }
        if (!key) {
            reader.fail(u"%1.%2: %3"_s.arg(reader.where(member), keyId, key.error().message));
            break;
        }
        keys.emplace(keyId, std::move(*key));
    }
    return keys;
}

JsonValue writeKeys(const std::map<QString, PublicKey>& keys)
{
    JsonObject object;
    for (const auto& [id, key] : keys)
        object.emplace(id.toStdString(), key.toTuf());
    return object;
}

std::expected<RootMetadata, Error> RootMetadata::fromSigned(const JsonValue& signedPart, const QString& file)
{
    FieldReader reader(signedPart, file, u"signed"_s);
    RootMetadata root;
    root.header = MetadataHeader::read(reader, QString::fromLatin1(kType));
    root.consistentSnapshot = reader.has("consistent_snapshot") ? reader.boolean("consistent_snapshot") : false;
    root.keys = readKeys(reader, "keys");
    const JsonValue& roles = reader.object("roles");
    for (const auto& [name, value] : roles.toObject()) {
        FieldReader roleReader = reader.child(value, u"roles."_s + QString::fromStdString(name));
        root.roles.emplace(QString::fromStdString(name), RoleKeys::read(roleReader));
    }
    for (const char* required : {"root", "timestamp", "snapshot", "targets"}) {
        if (reader.ok() && !root.roles.contains(QString::fromLatin1(required)))
            reader.fail(QCoreApplication::translate("RootMetadata", "signed.roles has no \"%1\" role")
                            .arg(QLatin1StringView(required)));
    }
    root.publisher = readPublisher(reader);
    root.unrecognized = reader.unrecognized(
        {"_type", "spec_version", "version", "expires", "consistent_snapshot", "keys", "roles", kPublisher});
    if (!reader.ok())
        return std::unexpected(reader.error());
    return root;
}

JsonValue RootMetadata::toSigned() const
{
    JsonObject object = unrecognized;
    header.write(object, kType);
    object.insert_or_assign("consistent_snapshot", consistentSnapshot);
    object.insert_or_assign("keys", writeKeys(keys));
    JsonObject roleObjects;
    for (const auto& [name, role] : roles) {
        JsonObject roleObject;
        role.write(roleObject);
        roleObjects.emplace(name.toStdString(), std::move(roleObject));
    }
    object.insert_or_assign("roles", std::move(roleObjects));
    if (publisher) {
        object.insert_or_assign(std::string(kPublisher),
            JsonObject{
                {"name", publisher->name}, {"certificate", QString::fromLatin1(publisher->certificate.toBase64())}});
    }
    return object;
}

RoleKeys RootMetadata::role(const QString& name) const
{
    const auto it = roles.find(name);
    return it == roles.end() ? RoleKeys{{}, 1} : it->second;
}
