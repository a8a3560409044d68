#pragma once

#include "publish/publishingonly.h"

#include "release/manifest.h"

#include <map>
#include <vector>

class JobPool;

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

    // A patch made and not yet kept or dropped (see keep()).
    using Made = std::optional<Manifest::Patch>;

    explicit PatchWriter(QString repository, int threads = 0);

    // Makes every job's patch, several at a time, and returns those worth keeping, by `to`,
    // each list sorted by `from`.
    std::expected<std::map<QString, std::vector<Manifest::Patch>>, Error> put(const std::vector<Job>& jobs);

    // For a caller that runs the jobs in a JobPool of its own, before the whole sizes are known:
    // prepare() once, make() each job (without bsdiff where `bsdiff` is false), then keep() each
    // with its whole size, which moves the patch into place or drops it.
    std::expected<void, Error> prepare() const;
    std::expected<Made, Error> make(const Job& job, bool bsdiff = true) const;
    std::expected<Made, Error> keep(const Job& job, Made made) const;
    // Removes what make() left of a job that is not kept (after a failure elsewhere).
    void discard(const Job& job) const;
    // The memory make() needs at its peak.
    [[nodiscard]] static qint64 memory(const Job& job, bool bsdiff = true);

private:
    [[nodiscard]] QString patchFile(const QString& from, const QString& to) const;
    [[nodiscard]] QString temporaryFile(const Job& job) const;

    QString m_repository;
    int m_threads;
};
