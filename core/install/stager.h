#pragma once

#include "install/installlayout.h"
#include "release/manifest.h"

#include <functional>

// Builds versions/NEW beside the running version: unchanged files are hard-linked from the
// installed version, the others unpacked from their objects; every file's sha256 is checked
// before the folder is renamed into place, so versions/NEW exists only when it is complete.
// Nothing outside the staging folder is written, and nothing is written through a symlink.
class Stager
{
    Q_DECLARE_TR_FUNCTIONS(Stager)

public:
    // Provides the local path of a verified object (downloading it if need be).
    using ObjectSource
        = std::function<std::expected<QString, Error>(const QString& sha256, const Manifest::Object& object)>;

    struct Result {
        qint64 linkedBytes = 0;  // reused from the installed version
        qint64 writtenBytes = 0; // unpacked from objects
    };

    Stager(InstallLayout layout, ObjectSource objects)
        : m_layout(std::move(layout))
        , m_objects(std::move(objects))
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
    ObjectSource m_objects;
    QString m_contentFolder;
};

// Points `current` at `version` in one atomic rename, then makes the change durable.
std::expected<void, Error> switchCurrent(const InstallLayout& layout, const Version& version);
