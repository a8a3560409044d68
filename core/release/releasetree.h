#pragma once

#include "release/manifest.h"

#include <QCoreApplication>

// The files of a release as a publisher hands them over, a folder or an archive (.tar, .tar.gz,
// .tar.xz, .tar.zst, .zip), read into manifest entries with sizes, hashes and modes. Archives
// are unpacked by us, entry by entry, into a private folder; anything hostile is refused by
// name before it is written: absolute paths, "..", links that leave the tree, device files,
// FIFOs and sockets, entries given twice.
class ReleaseTree
{
    Q_DECLARE_TR_FUNCTIONS(ReleaseTree)

public:
    // `workFolder` receives an archive's files; a folder source is read in place.
    static std::expected<ReleaseTree, Error> open(const QString& source, const QString& workFolder);

    [[nodiscard]] const QString& root() const { return m_root; }
    [[nodiscard]] const std::vector<Manifest::Entry>& entries() const { return m_entries; }
    [[nodiscard]] QString filePath(const Manifest::Entry& entry) const { return m_root + u'/' + entry.path; }

    [[nodiscard]] static bool isArchive(const QString& path);
    // Unpacks an archive into `folder` entry by entry, refusing hostile entries (used for
    // bundles on the client too).
    static std::expected<void, Error> unpack(const QString& archive, const QString& folder);

private:
    static std::expected<std::vector<Manifest::Entry>, Error> scan(const QString& folder);

    QString m_root;
    std::vector<Manifest::Entry> m_entries;
};
