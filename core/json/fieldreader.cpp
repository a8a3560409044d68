#include "fieldreader.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
const JsonValue kNull;
const JsonArray kNoItems;
} // namespace

FieldReader::FieldReader(const JsonValue& object, QString file, QString path)
    : FieldReader(object, std::move(file), std::move(path), std::make_shared<std::optional<Error>>())
{
    if (!object.isObject())
        fail(m_path.isEmpty() ? tr("the document must be a JSON object") : tr("%1 must be an object").arg(m_path));
}

FieldReader::FieldReader(
    const JsonValue& object, QString file, QString path, std::shared_ptr<std::optional<Error>> error)
    : m_object(object)
    , m_file(std::move(file))
    , m_path(std::move(path))
    , m_error(std::move(error))
{ }

QString FieldReader::where(std::string_view key) const
{
    const QString name = QString::fromUtf8(key.data(), qsizetype(key.size()));
    return m_path.isEmpty() ? name : m_path + u'.' + name;
}

void FieldReader::fail(const QString& message, Error::Code code)
{
    if (!m_error->has_value())
        *m_error = Error{code, m_file + u": "_s + message};
}

const JsonValue* FieldReader::member(std::string_view key, JsonValue::Type type, const QString& typeName)
{
    if (!ok())
        return nullptr;
    const JsonValue* value = m_object.find(key);
    if (!value) {
        fail(tr("%1 is missing").arg(where(key)));
        return nullptr;
    }
    if (value->type() != type) {
        fail(tr("%1 must be %2, not %3").arg(where(key), typeName, toString(value->type())));
        return nullptr;
    }
    return value;
}

QString FieldReader::string(std::string_view key)
{
    const JsonValue* value = member(key, JsonValue::Type::String, tr("a string"));
    return value ? value->toString() : QString();
}

qint64 FieldReader::integer(std::string_view key, qint64 minimum)
{
    const JsonValue* value = member(key, JsonValue::Type::Integer, tr("an integer"));
    if (!value)
        return minimum;
    if (value->toInteger() < minimum) {
        fail(tr("%1 must be at least %2, not %3")
                 .arg(where(key), QString::number(minimum), QString::number(value->toInteger())));
        return minimum;
    }
    return value->toInteger();
}

bool FieldReader::boolean(std::string_view key)
{
    const JsonValue* value = member(key, JsonValue::Type::Boolean, tr("true or false"));
    return value && value->toBool();
}

const JsonValue& FieldReader::object(std::string_view key)
{
    const JsonValue* value = member(key, JsonValue::Type::Object, tr("an object"));
    return value ? *value : kNull;
}

const JsonArray& FieldReader::array(std::string_view key)
{
    const JsonValue* value = member(key, JsonValue::Type::Array, tr("an array"));
    return value ? value->toArray() : kNoItems;
}

QDateTime FieldReader::time(std::string_view key)
{
    const QString text = string(key);
    if (!ok())
        return {};
    static const QRegularExpression format(u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"_s);
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    // Qt reads 24:00:00 as midnight of the next day, which writes back as other text (none at all
    // after 9999-12-31); only a time that writes back as it was read round-trips.
    if (!format.match(text).hasMatch() || !time.isValid() || time.toUTC().toString(Qt::ISODate) != text) {
        fail(tr("%1 must be a UTC time such as 2030-01-31T12:00:00Z, not \"%2\"").arg(where(key), text));
        return {};
    }
    return time.toUTC();
}

QStringList FieldReader::strings(std::string_view key)
{
    QStringList result;
    const JsonArray& items = array(key);
    for (const JsonValue& item : items) {
        if (!item.isString()) {
            fail(tr("%1 must hold strings only").arg(where(key)));
            return {};
        }
        result.append(item.toString());
    }
    return result;
}

FieldReader FieldReader::nested(std::string_view key)
{
    return FieldReader(object(key), m_file, where(key), m_error);
}

FieldReader FieldReader::child(const JsonValue& object, const QString& subPath)
{
    FieldReader reader(object, m_file, m_path.isEmpty() ? subPath : m_path + u'.' + subPath, m_error);
    if (!object.isObject())
        reader.fail(tr("%1 must be an object").arg(reader.m_path));
    return reader;
}

JsonObject FieldReader::unrecognized(std::initializer_list<std::string_view> known) const
{
    JsonObject rest;
    for (const auto& [key, value] : m_object.toObject()) {
        if (std::find(known.begin(), known.end(), key) == known.end())
            rest.emplace(key, value);
    }
    return rest;
}
