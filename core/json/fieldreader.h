#pragma once

#include "error.h"
#include "json/jsonvalue.h"

#include <QCoreApplication>
#include <QDateTime>

#include <initializer_list>
#include <memory>
#include <optional>

// Reads the typed fields of one JSON object of metadata, strictly: a missing field or one of the
// wrong type is an error naming the file and the field ("root.json: signed.version must be an
// integer"). The first error is kept and later reads return empty values, so a parser reads
// every field and checks ok() once.
class FieldReader
{
    Q_DECLARE_TR_FUNCTIONS(FieldReader)

public:
    FieldReader(const JsonValue& object, QString file, QString path);

    [[nodiscard]] bool has(std::string_view key) const { return m_object.find(key) != nullptr; }
    [[nodiscard]] const JsonValue* find(std::string_view key) const { return m_object.find(key); }

    QString string(std::string_view key);
    qint64 integer(std::string_view key, qint64 minimum = 0);
    bool boolean(std::string_view key);
    const JsonValue& object(std::string_view key);
    const JsonArray& array(std::string_view key);
    // An ISO 8601 UTC time as TUF writes it: "2030-01-31T12:00:00Z".
    QDateTime time(std::string_view key);
    // Strings of an array field, each checked.
    QStringList strings(std::string_view key);

    // A reader for the object in member `key`, named for errors as PATH.key.
    [[nodiscard]] FieldReader nested(std::string_view key);
    // The same file and a sub-path, for objects reached another way (map values, array items).
    [[nodiscard]] FieldReader child(const JsonValue& object, const QString& subPath);

    // Members other than `known`, kept so that writing the object back loses nothing.
    [[nodiscard]] JsonObject unrecognized(std::initializer_list<std::string_view> known) const;

    // Records an error (the first one wins) about this object.
    void fail(const QString& message, Error::Code code = Error::Code::InvalidInput);
    [[nodiscard]] bool ok() const { return !m_error->has_value(); }
    [[nodiscard]] const Error& error() const { return **m_error; }
    // "PATH.key", as errors name a field.
    [[nodiscard]] QString where(std::string_view key) const;

private:
    FieldReader(const JsonValue& object, QString file, QString path, std::shared_ptr<std::optional<Error>> error);
    const JsonValue* member(std::string_view key, JsonValue::Type type, const QString& typeName);

    const JsonValue& m_object;
    QString m_file;
    QString m_path;
    // Shared with nested readers, so that an error anywhere in the document is seen at the top.
    std::shared_ptr<std::optional<Error>> m_error;
};
