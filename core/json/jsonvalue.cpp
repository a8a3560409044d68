#include "jsonvalue.h"

using namespace Qt::StringLiterals;

bool JsonValue::toBool() const
{
    const auto* value = std::get_if<bool>(&m_value);
    return value && *value;
}

qint64 JsonValue::toInteger() const
{
    const auto* value = std::get_if<qint64>(&m_value);
    return value ? *value : 0;
}

const std::string& JsonValue::toUtf8() const
{
    static const std::string empty;
    const auto* value = std::get_if<std::string>(&m_value);
    return value ? *value : empty;
}

QString JsonValue::toString() const
{
    return QString::fromStdString(toUtf8());
}

const JsonArray& JsonValue::toArray() const
{
    static const JsonArray empty;
    const auto* value = std::get_if<JsonArray>(&m_value);
    return value ? *value : empty;
}

const JsonObject& JsonValue::toObject() const
{
    static const JsonObject empty;
    const auto* value = std::get_if<JsonObject>(&m_value);
    return value ? *value : empty;
}

const JsonValue* JsonValue::find(std::string_view key) const
{
    const auto* object = std::get_if<JsonObject>(&m_value);
    if (!object)
        return nullptr;
    const auto it = object->find(key);
    return it == object->end() ? nullptr : &it->second;
}

QString toString(JsonValue::Type type)
{
    switch (type) {
    case JsonValue::Type::Null: return u"null"_s;
    case JsonValue::Type::Boolean: return u"boolean"_s;
    case JsonValue::Type::Integer: return u"integer"_s;
    case JsonValue::Type::String: return u"string"_s;
    case JsonValue::Type::Array: return u"array"_s;
    case JsonValue::Type::Object: return u"object"_s;
    }
    return {};
}
