#pragma once

#include <QMetaType>
#include <QString>
#include <QtGlobal>

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

class JsonValue;
using JsonArray = std::vector<JsonValue>;
// Members ordered by the bytes of their UTF-8 keys, which is Unicode code point order:
// the order canonical JSON writes them in.
using JsonObject = std::map<std::string, JsonValue, std::less<>>;

// A JSON value as signed metadata needs it: integers only (no floating point), strings kept
// as their exact UTF-8 bytes, and every member kept, known or not, so that re-encoding the
// parsed `signed` object gives back the bytes the publisher signed.
class JsonValue
{
public:
    enum class Type { Null, Boolean, Integer, String, Array, Object };

    JsonValue() = default;
    JsonValue(std::nullptr_t) { }
    JsonValue(bool value)
        : m_value(value)
    { }
    JsonValue(int value)
        : m_value(qint64(value))
    { }
    JsonValue(qint64 value)
        : m_value(value)
    { }
    JsonValue(std::string value)
        : m_value(std::move(value))
    { }
    JsonValue(const char* utf8)
        : m_value(std::string(utf8))
    { }
    JsonValue(const QString& value)
        : m_value(value.toStdString())
    { }
    JsonValue(JsonArray value)
        : m_value(std::move(value))
    { }
    JsonValue(JsonObject value)
        : m_value(std::move(value))
    { }

    [[nodiscard]] Type type() const { return Type(m_value.index()); }
    [[nodiscard]] bool isNull() const { return type() == Type::Null; }
    [[nodiscard]] bool isBool() const { return type() == Type::Boolean; }
    [[nodiscard]] bool isInteger() const { return type() == Type::Integer; }
    [[nodiscard]] bool isString() const { return type() == Type::String; }
    [[nodiscard]] bool isArray() const { return type() == Type::Array; }
    [[nodiscard]] bool isObject() const { return type() == Type::Object; }

    // Accessors return an empty value of the asked type when the value is of another type;
    // callers that must know check the type first.
    [[nodiscard]] bool toBool() const;
    [[nodiscard]] qint64 toInteger() const;
    [[nodiscard]] const std::string& toUtf8() const;
    [[nodiscard]] QString toString() const;
    [[nodiscard]] const JsonArray& toArray() const;
    [[nodiscard]] const JsonObject& toObject() const;

    // The member `key` of an object, or nullptr when this is no object or has no such member.
    [[nodiscard]] const JsonValue* find(std::string_view key) const;

    friend bool operator==(const JsonValue&, const JsonValue&) = default;

private:
    // The index of each alternative is its Type.
    std::variant<std::monostate, bool, qint64, std::string, JsonArray, JsonObject> m_value;
};

QString toString(JsonValue::Type type);

Q_DECLARE_METATYPE(JsonValue)
