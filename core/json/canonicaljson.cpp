#include "canonicaljson.h"

namespace {

void appendString(QByteArray& out, const std::string& text)
{
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
}

void append(QByteArray& out, const JsonValue& value)
{
    switch (value.type()) {
    case JsonValue::Type::Null: out += "null"; return;
    case JsonValue::Type::Boolean: out += value.toBool() ? "true" : "false"; return;
    case JsonValue::Type::Integer: out += QByteArray::number(value.toInteger()); return;
    case JsonValue::Type::String: appendString(out, value.toUtf8()); return;
    case JsonValue::Type::Array: {
        out += '[';
        bool first = true;
        for (const JsonValue& item : value.toArray()) {
            if (!first)
                out += ',';
            first = false;
            append(out, item);
        }
        out += ']';
        return;
    }
    case JsonValue::Type::Object: {
        out += '{';
        bool first = true;
        // std::map orders std::string keys bytewise (unsigned), which for UTF-8 is code point order.
        for (const auto& [key, member] : value.toObject()) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, key);
            out += ':';
            append(out, member);
        }
        out += '}';
        return;
    }
    }
}

} // namespace

QByteArray canonicalJson(const JsonValue& value)
{
    QByteArray out;
    append(out, value);
    return out;
}
