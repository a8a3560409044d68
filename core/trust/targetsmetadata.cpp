#include "targetsmetadata.h"

#include "trust/rootmetadata.h"

#include <set>

using namespace Qt::StringLiterals;

std::expected<TargetsMetadata, Error> TargetsMetadata::fromSigned(const JsonValue& signedPart, const QString& file)
{
    FieldReader reader(signedPart, file, u"signed"_s);
    TargetsMetadata metadata;
    metadata.header = MetadataHeader::read(reader, QString::fromLatin1(kType));
    const JsonValue& targets = reader.object("targets");
    for (const auto& [path, value] : targets.toObject()) {
        FieldReader item = reader.child(value, u"targets[\"%1\"]"_s.arg(QString::fromStdString(path)));
        metadata.targets.emplace(QString::fromStdString(path), TargetFileInfo::read(item));
    }
    if (reader.has("delegations")) {
        FieldReader delegations = reader.nested("delegations");
        Delegations result;
        result.keys = readKeys(delegations, "keys");
        const JsonArray& roles = delegations.array("roles");
        std::set<QString> names;
        for (size_t i = 0; i < roles.size() && reader.ok(); ++i) {
            FieldReader roleReader = delegations.child(roles[i], u"roles[%1]"_s.arg(i));
            DelegatedRole role = DelegatedRole::read(roleReader);
            if (reader.ok() && !names.insert(role.name).second)
                roleReader.fail(
                    QCoreApplication::translate("TargetsMetadata", "role \"%1\" is delegated twice").arg(role.name));
            result.roles.push_back(std::move(role));
        }
        result.unrecognized = delegations.unrecognized({"keys", "roles"});
        metadata.delegations = std::move(result);
    }
    metadata.unrecognized
        = reader.unrecognized({"_type", "spec_version", "version", "expires", "targets", "delegations"});
    if (!reader.ok())
        return std::unexpected(reader.error());
    return metadata;
}

JsonValue TargetsMetadata::toSigned() const
{
    JsonObject object = unrecognized;
    header.write(object, kType);
    JsonObject files;
    for (const auto& [path, info] : targets)
        files.emplace(path.toStdString(), info.toJson());
    object.insert_or_assign("targets", std::move(files));
    if (delegations) {
        JsonObject delegationObject = delegations->unrecognized;
        delegationObject.insert_or_assign("keys", writeKeys(delegations->keys));
        JsonArray roles;
        for (const DelegatedRole& role : delegations->roles)
            roles.push_back(role.toJson());
        delegationObject.insert_or_assign("roles", std::move(roles));
        object.insert_or_assign("delegations", std::move(delegationObject));
    }
    return object;
}

const DelegatedRole* TargetsMetadata::delegatedRole(const QString& name) const
{
    if (!delegations)
        return nullptr;
    for (const DelegatedRole& role : delegations->roles) {
        if (role.name == name)
            return &role;
    }
    return nullptr;
}
