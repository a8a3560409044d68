#pragma once

#include "json/fieldreader.h"

#include <QDateTime>

// The fields every TUF role shares: _type, spec_version (1.x), version and expires.
struct MetadataHeader {
    Q_DECLARE_TR_FUNCTIONS(MetadataHeader)

public:
    static constexpr auto kSpecVersion = "1.0.31";

    QString specVersion = QString::fromLatin1(kSpecVersion);
    qint64 version = 1;
    QDateTime expires;

    // Reads and checks the shared fields; `type` is the _type the file must have.
    static MetadataHeader read(FieldReader& reader, const QString& type);
    // Writes the shared fields, with `type` as _type (each role class knows its own).
    void write(JsonObject& object, const char* type) const;
    [[nodiscard]] bool isExpired(const QDateTime& now) const { return expires <= now; }
};
