#include "metadataheader.h"

MetadataHeader MetadataHeader::read(FieldReader& reader, const QString& type)
{
    MetadataHeader header;
    const QString actual = reader.string("_type");
    if (reader.ok() && actual != type)
        reader.fail(tr("the metadata is of type \"%1\" where \"%2\" was expected").arg(actual, type));
    header.specVersion = reader.string("spec_version");
    if (reader.ok()) {
        const QStringList parts = header.specVersion.split(QLatin1Char('.'));
        bool major = false;
        if (parts.size() < 2 || parts.size() > 3 || parts[0].toInt(&major) != 1 || !major) {
            reader.fail(tr("spec_version %1 is not supported; Upkeep reads TUF 1.x").arg(header.specVersion),
                Error::Code::Unsupported);
        }
    }
    header.version = reader.integer("version", 1);
    header.expires = reader.time("expires");
    return header;
}

void MetadataHeader::write(JsonObject& object, const char* type) const
{
    object.insert_or_assign("_type", type);
    object.insert_or_assign("spec_version", specVersion);
    object.insert_or_assign("version", version);
    object.insert_or_assign("expires", expires.toUTC().toString(Qt::ISODate));
}
