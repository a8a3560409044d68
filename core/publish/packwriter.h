#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"
#include "release/packinfo.h"

#include <functional>

// Writes the packs of the update from an earlier release to a new one (docs/architecture.md,
// "Packs"): the contents the earlier release lacks, at most PackInfo::kMaxMemberSize with their
// old content, in the order of their paths, cut into groups of at most PackInfo::kMaxGroupBytes of
// old and new bytes; each group becomes packs/SHA256, one zstd frame of the new contents one after
// another compressed (level 19, long-distance matching) against the old contents at the same paths
// one after another, so later files match earlier ones and the old files serve as dictionary.
// Content addressed and never rewritten, like objects and patches, which stay as the fall-back.
class PackWriter
{
    Q_DECLARE_TR_FUNCTIONS(PackWriter)

public:
    static constexpr int kLevel = 19;

    struct Member {
        qsizetype index = 0; // in the new manifest's entries
        QString newFile;
        qint64 newSize = 0;
        QString oldFile; // empty: a content with no old one at its path
        qint64 oldSize = 0;
    };
    struct Group {
        Version from;
        std::vector<Member> members;
        [[nodiscard]] qint64 bytes() const;
    };

    // Where the publisher holds a content of the new release, and an old content (by sha256).
    using NewFile = std::function<QString(const Manifest::Entry&)>;
    using OldFile = std::function<QString(const QString& sha256)>;

    explicit PackWriter(QString repository)
        : m_repository(std::move(repository))
    { }

    // The groups of the update from `earlier` to `target`; none when nothing fits a pack.
    [[nodiscard]] static std::vector<Group> groups(
        const Manifest& target, const Manifest& earlier, const NewFile& newFile, const OldFile& oldFile);
    // The memory write() needs at its peak for `group`.
    [[nodiscard]] static qint64 memory(const Group& group);

    std::expected<PackInfo, Error> write(const Group& group) const;

private:
    QString m_repository;
};
