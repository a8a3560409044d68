#include "snapshotmetadata.h"

using namespace Qt::StringLiterals;

std::expected<SnapshotMetadata, Error> SnapshotMetadata::fromSigned(const JsonValue& signedPart, const QString& file)
{
    FieldReader reader(signedPart, file, u"signed"_s);
    SnapshotMetadata snapshot;
    snapshot.header = MetadataHeader::read(reader, QString::fromLatin1(kType));
    const JsonValue& meta = reader.object("meta");
    for (const auto& [name, value] : meta.toObject()) {
        FieldReader item = reader.child(value, u"meta."_s + QString::fromStdString(name));
        snapshot.meta.emplace(QString::fromStdString(name), MetaFileInfo::read(item));
    }
    snapshot.unrecognized = reader.unrecognized({"_type", "spec_version", "version", "expires", "meta"});
    if (!reader.ok())
        return std::unexpected(reader.error());
    return snapshot;
}

JsonValue SnapshotMetadata::toSigned() const
{
    JsonObject object = unrecognized;
    header.write(object, kType);
    JsonObject files;
    for (const auto& [name, info] : meta)
        files.emplace(name.toStdString(), info.toJson());
    object.insert_or_assign("meta", std::move(files));
    return object;
}
