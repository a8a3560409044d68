#include "timestampmetadata.h"

using namespace Qt::StringLiterals;

std::expected<TimestampMetadata, Error> TimestampMetadata::fromSigned(const JsonValue& signedPart, const QString& file)
{
    FieldReader reader(signedPart, file, u"signed"_s);
    TimestampMetadata timestamp;
    timestamp.header = MetadataHeader::read(reader, QString::fromLatin1(kType));
    FieldReader meta = reader.nested("meta");
    FieldReader snapshot = meta.nested("snapshot.json");
    timestamp.snapshot = MetaFileInfo::read(snapshot);
    timestamp.unrecognized = reader.unrecognized({"_type", "spec_version", "version", "expires", "meta"});
    if (!reader.ok())
        return std::unexpected(reader.error());
    return timestamp;
}

JsonValue TimestampMetadata::toSigned() const
{
    JsonObject object = unrecognized;
    header.write(object, kType);
    object.insert_or_assign("meta", JsonObject{{"snapshot.json", snapshot.toJson()}});
    return object;
}
