#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"
#include "release/packinfo.h"

#include <functional>

// Writes the packs of the update from an earlier release to a new one (docs/architecture.md,
// "Packs"): the contents the earlier release lacks, at most PackInfo::kMaxMemberSize with their
// old content, in the order of their paths, cut into groups of at most PackInfo::kMaxGroupBytes of
// old and new bytes; each group becomes packs/SHA256, one zstd frame of the new contents one after
// another compressed (level 19, 22 for small groups; long-distance matching) against the old contents at the same paths
// one after another, so later files match earlier ones and the old files serve as dictionary.
// Content addressed and never rewritten, like objects and patches, which stay as the fall-back.
class PackWriter
{
    Q_DECLARE_TR_FUNCTIONS(PackWriter)

public:
    static constexpr int kLevel = 19;
    // A group of at most kSmallGroupBytes old and new bytes is compressed at kSmallGroupLevel: its
    // tables stay small, and the stronger search pays on many small files.
    static constexpr int kSmallGroupLevel = 22;
    static constexpr qint64 kSmallGroupBytes = qint64(4) << 20;

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

    // The contents frame of `group` (the costly part, run as a job), then the pack as stored.
    struct Compressed {
        QByteArray frame;
        std::vector<qsizetype> indices;
    };
    [[nodiscard]] static int level(const Group& group);
    std::expected<Compressed, Error> compress(const Group& group) const;
    // Writes packs/SHA256: of format 1, or with a `manifestFrame` (PackedManifest, compressed
    // against the earlier release's manifest) of format 2.
    std::expected<PackInfo, Error> store(
        const Group& group, const Compressed& compressed, QByteArrayView manifestFrame = {}) const;
    // compress() and store() of format 1.
    std::expected<PackInfo, Error> write(const Group& group) const;

private:
    QString m_repository;
};
