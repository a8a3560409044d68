#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"

// Writes a repository's objects: objects/SHA256.zst, each file content compressed with zstd
// once, however many releases share it. Streams, so any file size fits in little memory.
class ObjectWriter
{
    Q_DECLARE_TR_FUNCTIONS(ObjectWriter)

public:
    explicit ObjectWriter(QString repository, int level = 19)
        : m_repository(std::move(repository))
        , m_level(level)
    { }

    // Stores the content of `file` (whose sha256 the caller computed) and describes the object.
    std::expected<Manifest::Object, Error> put(const QString& file, const QString& sha256);

    [[nodiscard]] QString objectPath(const QString& sha256) const;

private:
    QString m_repository;
    int m_level;
};
