#include "packinfo.h"

#include "release/manifest.h"

std::optional<PackInfo> PackInfo::fromJson(const JsonValue& value)
{
    const JsonValue* from = value.find("from");
    const JsonValue* format = value.find("format");
    const JsonValue* sha256 = value.find("sha256");
    const JsonValue* size = value.find("size");
    const JsonValue* entries = value.find("entries");
    if (!from || !format || !sha256 || !size || !entries || !from->isString() || !format->isString()
        || !sha256->isString() || !size->isInteger() || !entries->isInteger()
        || (format->toUtf8() != kFormat1 && format->toUtf8() != kFormat2))
        return std::nullopt;
    auto version = Version::parse(from->toString());
    if (!version || !Manifest::isSha256(sha256->toString()) || size->toInteger() <= 0 || entries->toInteger() <= 0
        || entries->toInteger() > std::numeric_limits<int>::max())
        return std::nullopt;
    return PackInfo{*version, sha256->toString(), size->toInteger(), int(entries->toInteger()),
        format->toUtf8() == kFormat2 ? 2 : 1};
}

JsonObject PackInfo::toJson() const
{
    return JsonObject{{"from", from.toString()}, {"format", std::string(format == 2 ? kFormat2 : kFormat1)},
        {"sha256", sha256}, {"size", size}, {"entries", qint64(entries)}};
}
