#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>

#include <vector>

// The header a pack (format zstd-solid-1) starts with, before its one zstd frame: the magic
// "UPKPACK" and a format byte 1, then as LEB128 varints the number of members and, for each in
// order, the index of its entry in the new manifest's `entries` (the first as is, each next as its
// distance from the one before less one: indices strictly ascend). The entry gives the member's
// size and sha256; the installed manifest's entry at the same path gives the old content it is
// compressed against. So the header costs a byte or two a member and repeats no hash.
// Format zstd-solid-2 has the magic "UPKPACK" and a format byte 2, then a varint of the size of
// a first zstd frame and that frame (the new manifest, PackedManifest), then the same as format 1
// from the member count on.
class PackHeader
{
    Q_DECLARE_TR_FUNCTIONS(PackHeader)

public:
    static constexpr std::string_view kMagic{"UPKPACK\x01", 8};
    static constexpr std::string_view kMagic2{"UPKPACK\x02", 8};
    // The manifest frame of format 2 is at most this large (a manifest's own limit, with room).
    static constexpr qsizetype kMaxManifestFrame = qsizetype(64) << 20;
    // More members than any release has files (Manifest::validate allows); a larger count is refused unread.
    static constexpr qsizetype kMaxMembers = qsizetype(1) << 20;

    // The header of a pack whose members are the entries `indices` (strictly ascending, not empty).
    // With a `manifestFrame`, of format 2; else of format 1.
    [[nodiscard]] static QByteArray write(const std::vector<qsizetype>& indices, QByteArrayView manifestFrame = {});
    // The manifest frame of a pack of format 2 (a view into `bytes`).
    static std::expected<QByteArrayView, Error> manifestFrame(QByteArrayView bytes);
    // Reads the header at the start of `bytes` (format 1 or 2; of format 2 past the manifest
    // frame), refusing one that is malformed or names an index of `entryCount` or more.
    static std::expected<PackHeader, Error> read(QByteArrayView bytes, qsizetype entryCount);

    [[nodiscard]] const std::vector<qsizetype>& indices() const { return m_indices; }
    // Bytes the header takes; the zstd frame starts there.
    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] int format() const { return m_format; }

private:
    std::vector<qsizetype> m_indices;
    qsizetype m_size = 0;
    int m_format = 1;
};
