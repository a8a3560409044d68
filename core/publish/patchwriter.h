#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"

#include <map>
#include <vector>

// Writes a repository's patches: patches/FROM-TO turning an older content into a newer one,
// made by the smaller of the two encoders. Like objects, patches are content addressed and
// never rewritten. A patch is kept only when it saves enough against downloading the whole:
// it must be at most kMaxRatio of the whole file's compressed size.
class PatchWriter
{
    Q_DECLARE_TR_FUNCTIONS(PatchWriter)

public:
    static constexpr double kMaxRatio = 0.9;

    struct Job {
        QString from; // sha256 of the old content, in oldFile
        QString to;   // sha256 of the new content, in newFile
        QString oldFile;
        QString newFile;
        qint64 wholeSize; // what the client downloads without a patch (the object, or the file)
    };

    explicit PatchWriter(QString repository, int threads = 0);

    // Makes every job's patch, several at a time, and returns those worth keeping, by `to`,
    // each list sorted by `from`.
    std::expected<std::map<QString, std::vector<Manifest::Patch>>, Error> put(const std::vector<Job>& jobs);

private:
    [[nodiscard]] QString patchFile(const QString& from, const QString& to) const;
    std::expected<std::optional<Manifest::Patch>, Error> put(const Job& job) const;

    QString m_repository;
    int m_threads;
};
