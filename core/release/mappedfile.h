#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QString>

#include <span>

// A file mapped read-only into memory, so that the patch encoders and the zstd patch decoder can
// reach any byte of a version without copying it; the file is never written through it.
class MappedFile
{
    Q_DECLARE_TR_FUNCTIONS(MappedFile)

public:
    // Maps a regular file; an empty file gives an empty span.
    static std::expected<MappedFile, Error> open(const QString& path);

    MappedFile(MappedFile&& other) noexcept;
    Q_DISABLE_COPY(MappedFile)
    ~MappedFile();

    [[nodiscard]] std::span<const unsigned char> bytes() const { return m_bytes; }
    [[nodiscard]] const unsigned char* data() const { return m_bytes.data(); }
    [[nodiscard]] qint64 size() const { return qint64(m_bytes.size()); }

private:
    explicit MappedFile(std::span<const unsigned char> bytes)
        : m_bytes(bytes)
    { }

    std::span<const unsigned char> m_bytes;
};
