#include "jsonwriter.h"

namespace {

void appendString(QByteArray& out, const std::string& text)
{
    static const char digits[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += digits[(c >> 4) & 0xF];
                out += digits[c & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void append(QByteArray& out, const JsonValue& value, int depth)
{
    const QByteArray indent((depth + 1) * 2, ' ');
    const QByteArray closing(depth * 2, ' ');
    switch (value.type()) {
    case JsonValue::Type::Null: out += "null"; return;
    case JsonValue::Type::Boolean: out += value.toBool() ? "true" : "false"; return;
    case JsonValue::Type::Integer: out += QByteArray::number(value.toInteger()); return;
    case JsonValue::Type::String: appendString(out, value.toUtf8()); return;
    case JsonValue::Type::Array: {
        const JsonArray& items = value.toArray();
        if (items.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (size_t i = 0; i < items.size(); ++i) {
            out += indent;
            append(out, items[i], depth + 1);
            out += i + 1 < items.size() ? ",\n" : "\n";
        }
        out += closing + ']';
        return;
    }
    case JsonValue::Type::Object: {
        const JsonObject& members = value.toObject();
        if (members.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        size_t i = 0;
        for (const auto& [key, member] : members) {
            out += indent;
            appendString(out, key);
            out += ": ";
            append(out, member, depth + 1);
            out += ++i < members.size() ? ",\n" : "\n";
        }
        out += closing + '}';
        return;
    }
    }
}

} // namespace

QByteArray prettyJson(const JsonValue& value)
{
    QByteArray out;
    append(out, value, 0);
    out += '\n';
    return out;
}
