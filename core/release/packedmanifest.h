#pragma once

#include "error.h"
#include "json/jsonvalue.h"

#include <QCoreApplication>

#include <vector>

// The new manifest as a pack of format zstd-solid-2 carries it: its canonical JSON with the
// "sha256" of the pack's members left out of their `files` entries, since a client that decodes
// the pack computes them from the contents themselves (32 bytes of entropy a changed file that
// would otherwise cross the wire twice). restore() puts them back; the bytes it gives are trusted
// only once they hash to the manifest target's signed sha256 and length.
class PackedManifest
{
    Q_DECLARE_TR_FUNCTIONS(PackedManifest)

public:
    // A member's entry in the stripped manifest: what the pack's contents frame makes for it.
    struct Member {
        QString path;
        qint64 size = 0;
    };

    // `manifest` (canonical JSON) without the sha256 of files[i] for each i of `indices`.
    static std::expected<QByteArray, Error> strip(QByteArrayView manifest, const std::vector<qsizetype>& indices);
    // Reads a stripped manifest, as far as restoring it needs: an object with a `files` list.
    static std::expected<PackedManifest, Error> read(QByteArrayView stripped);

    [[nodiscard]] qsizetype fileCount() const { return qsizetype(m_files.size()); }
    // The entry at `index` as a member: a file with a path and a size above 0 and no sha256.
    [[nodiscard]] std::expected<Member, Error> member(qsizetype index) const;
    // The manifest's bytes with `sha256s[i]` (hex) restored to files[indices[i]].
    [[nodiscard]] QByteArray restore(const std::vector<qsizetype>& indices, const QStringList& sha256s) const;

private:
    JsonObject m_document;
    JsonArray m_files;
};
