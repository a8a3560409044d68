#pragma once

#include "error.h"
#include "json/fieldreader.h"

#include <QByteArrayView>
#include <QCoreApplication>

#include <map>
#include <string>

// The digests metadata lists for a file: algorithm name → lower-case hex. We check every
// algorithm we know (sha256, sha512) and need at least one of them; unknown ones are kept for
// writing back but cannot vouch for anything.
class FileHashes
{
    Q_DECLARE_TR_FUNCTIONS(FileHashes)

public:
    static FileHashes read(FieldReader& reader, std::string_view key);
    static FileHashes sha256Of(QByteArrayView data);
    static FileHashes fromSha256(const QString& hex);

    [[nodiscard]] bool isEmpty() const { return m_digests.empty(); }
    [[nodiscard]] QString sha256() const;
    [[nodiscard]] JsonValue toJson() const;
    // Succeeds when `data` has every listed digest we can compute. `what` names the file.
    [[nodiscard]] std::expected<void, Error> verify(QByteArrayView data, const QString& what) const;

    friend bool operator==(const FileHashes&, const FileHashes&) = default;

private:
    std::map<std::string, std::string> m_digests;
};
