#include "metafileinfo.h"

MetaFileInfo MetaFileInfo::read(FieldReader& reader)
{
    MetaFileInfo info;
    info.version = reader.integer("version", 1);
    if (reader.has("length"))
        info.length = reader.integer("length", 0);
    if (reader.has("hashes"))
        info.hashes = FileHashes::read(reader, "hashes");
    info.unrecognized = reader.unrecognized({"version", "length", "hashes"});
    return info;
}

JsonValue MetaFileInfo::toJson() const
{
    JsonObject object = unrecognized;
    object.insert_or_assign("version", version);
    if (length)
        object.insert_or_assign("length", *length);
    if (!hashes.isEmpty())
        object.insert_or_assign("hashes", hashes.toJson());
    return object;
}
