#pragma once

#include "install/installlayout.h"
#include "release/manifest.h"

#include <functional>
#include <map>

// Builds versions/NEW beside the running version: unchanged files are hard-linked from the
// installed version where their installed mode is the same (copied where it is not), the others
// written from their objects or patches; every file gets its installed mode (read-only, see
// VersionCheck) and its sha256 is checked before the folder is renamed into place, so versions/NEW
// exists only when it is complete. Nothing outside the staging folder is written, nothing is
// written through a symlink, and no file of another version is ever changed.
class Stager
{
    Q_DECLARE_TR_FUNCTIONS(Stager)

public:
    // Writes the content of a file of the new version into a new file at `path` (created
    // exclusively, with the entry's mode), checked against the entry's size and sha256: from its
    // object, or from a patch and the installed file. Called for each file whose content no version
    // at hand has. The entry's mode is already the installed one.
    using ContentWriter = std::function<std::expected<void, Error>(const Manifest::Entry& entry, const QString& path)>;

    struct Result {
        qint64 linkedBytes = 0;  // shared with the installed version (hard links)
        qint64 copiedBytes = 0;  // copied from a local file with the same content but another mode
        qint64 writtenBytes = 0; // unpacked from objects, patches or the bundle
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
    // Rebuilds the existing, damaged versions/V of `target`: its intact files are reused, the rest
    // comes as for stage(); the rebuilt folder then takes the damaged one's place in one atomic
    // exchange, and the damaged one is removed. Until then versions/V is left as it was.
    std::expected<Result, Error> repair(const Manifest& target, const Manifest* installed);

    // Bytes a stage of `target` writes anew (what cannot be linked), for the free-space check.
    [[nodiscard]] static qint64 bytesToWrite(const Manifest& target, const Manifest* installed);

private:
    // Local files that may hold the content of a new file: by sha256, their version folder and
    // their path in it.
    using LocalContent = std::multimap<QString, std::pair<QString, QString>>;

    std::expected<void, Error> checkFreeSpace(qint64 needed) const;
    // Builds the complete staging folder of `target`; removes it and fails on any error.
    std::expected<Result, Error> build(const Manifest& target, const LocalContent& local);
    [[nodiscard]] LocalContent installedContent(const Manifest* installed) const;

    InstallLayout m_layout;
    ContentWriter m_contents;
    QString m_contentFolder;
};

// Copies a plain file (from an unpacked bundle or pack, or a local file whose mode differs) to the new
// file `to`, never through a symlink and never more than `size` bytes, checking its sha256 on the way.
std::expected<void, Error> copyContentFile(
    const QString& from, const QString& to, qint64 size, const QString& sha256, int mode);
// Gives the new file `to` the content of `from`, a file Upkeep made for it in its download cache:
// by a hard link while `from` has no other name (no byte written twice), else by copyContentFile();
// checked against `sha256` and given `mode` either way.
std::expected<void, Error> placeContentFile(
    const QString& from, const QString& to, qint64 size, const QString& sha256, int mode);

// Points `current` at `version` in one atomic rename, then makes the change durable.
std::expected<void, Error> switchCurrent(const InstallLayout& layout, const Version& version);

// Removes a version folder or what is left of one, whatever the modes of its folders.
bool removeVersionFolder(const QString& folder);
