#pragma once

#include "install/installlayout.h"
#include "release/manifest.h"

#include <functional>

// Builds versions/NEW beside the running version: unchanged files are hard-linked from the
// installed version, the others written from their objects or patches; every file's sha256 is checked
// before the folder is renamed into place, so versions/NEW exists only when it is complete.
// Nothing outside the staging folder is written, and nothing is written through a symlink.
class Stager
{
    Q_DECLARE_TR_FUNCTIONS(Stager)

public:
    // Writes the content of a file of the new version into a new file at `path` (created
    // exclusively, with the entry's mode), checked against the entry's size and sha256: from its
    // object, or from a patch and the installed file. Called for each file that cannot be linked.
    using ContentWriter = std::function<std::expected<void, Error>(const Manifest::Entry& entry, const QString& path)>;

    struct Result {
        qint64 linkedBytes = 0;  // reused from the installed version
        qint64 writtenBytes = 0; // unpacked from objects
    };

    Stager(InstallLayout layout, ContentWriter contents)
        : m_layout(std::move(layout))
        , m_contents(std::move(contents))
    { }

    // Files that cannot be linked are copied from this folder (an unpacked bundle, for a fresh
    // install) instead of being unpacked from objects; they are checked all the same.
    void setContentFolder(const QString& folder) { m_contentFolder = folder; }

    // `installed` is the running version's manifest, or null for a fresh install.
    std::expected<Result, Error> stage(const Manifest& target, const Manifest* installed);

    // Bytes a stage of `target` writes anew (what cannot be linked), for the free-space check.
    [[nodiscard]] static qint64 bytesToWrite(const Manifest& target, const Manifest* installed);

private:
    std::expected<void, Error> checkFreeSpace(qint64 needed) const;

    InstallLayout m_layout;
    ContentWriter m_contents;
    QString m_contentFolder;
};

// Points `current` at `version` in one atomic rename, then makes the change durable.
std::expected<void, Error> switchCurrent(const InstallLayout& layout, const Version& version);
