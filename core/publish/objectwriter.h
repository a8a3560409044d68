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
    // With `workers`, zstd compresses it on that many threads of its own (for a file much larger
    // than the others); the frame differs but is read the same, within the same window.
    std::expected<Manifest::Object, Error> put(const QString& file, const QString& sha256, int workers = 0);

    // The memory put() needs at its peak for a file of `size` bytes.
    [[nodiscard]] qint64 memory(qint64 size, int workers) const;

    [[nodiscard]] QString objectPath(const QString& sha256) const;

private:
    QString m_repository;
    int m_level;
};
