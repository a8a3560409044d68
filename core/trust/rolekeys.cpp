#include "rolekeys.h"

RoleKeys RoleKeys::read(FieldReader& reader)
{
    RoleKeys keys;
    keys.keyIds = reader.strings("keyids");
    keys.threshold = reader.integer("threshold", 1);
    if (reader.ok() && keys.keyIds.removeDuplicates() > 0)
        reader.fail(QCoreApplication::translate("RoleKeys", "%1 lists a key twice").arg(reader.where("keyids")));
    return keys;
}

void RoleKeys::write(JsonObject& object) const
{
    JsonArray ids;
    for (const QString& id : keyIds)
        ids.emplace_back(id);
    object.insert_or_assign("keyids", std::move(ids));
    object.insert_or_assign("threshold", threshold);
}
