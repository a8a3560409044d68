#include "targetfileinfo.h"

TargetFileInfo TargetFileInfo::read(FieldReader& reader)
{
    TargetFileInfo info;
    info.length = reader.integer("length", 0);
    info.hashes = FileHashes::read(reader, "hashes");
    if (const JsonValue* custom = reader.find("custom"))
        info.custom = *custom;
    info.unrecognized = reader.unrecognized({"length", "hashes", "custom"});
    return info;
}

TargetFileInfo TargetFileInfo::describe(QByteArrayView data, JsonValue custom)
{
    TargetFileInfo info;
    info.length = data.size();
    info.hashes = FileHashes::sha256Of(data);
    info.custom = std::move(custom);
    return info;
}

JsonValue TargetFileInfo::toJson() const
{
    JsonObject object = unrecognized;
    object.insert_or_assign("length", length);
    object.insert_or_assign("hashes", hashes.toJson());
    if (!custom.isNull())
        object.insert_or_assign("custom", custom);
    return object;
}

std::expected<void, Error> TargetFileInfo::verify(QByteArrayView data, const QString& what) const
{
    if (data.size() != length) {
        return std::unexpected(Error{Error::Code::Mismatch,
            QCoreApplication::translate("TargetFileInfo", "%1 is %2 bytes long where its signed length is %3.")
                .arg(what, QString::number(data.size()), QString::number(length))});
    }
    return hashes.verify(data, what);
}
