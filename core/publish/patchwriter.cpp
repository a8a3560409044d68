#include "patchwriter.h"

#include "logging.h"
#include "publish/jobpool.h"
#include "publish/patchencoder.h"
#include "release/repositorypaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <limits>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

// The format of a patch already in the repository, from its first bytes.
std::expected<Manifest::Patch, Error> describe(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error{Error::Code::Io, PatchWriter::tr("Cannot read %1.").arg(path)});
    const QByteArray head = file.peek(4);
    Manifest::Patch patch;
    patch.format = head == QByteArrayView("\x28\xb5\x2f\xfd", 4) ? PatchFormat::Zstd : PatchFormat::Bsdiff;
    patch.size = file.size();
    return patch;
}

} // namespace

PatchWriter::PatchWriter(QString repository, int threads)
    : m_repository(std::move(repository))
    , m_threads(threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency())))
{ }

QString PatchWriter::patchFile(const QString& from, const QString& to) const
{
    return m_repository + u'/' + RepositoryPaths::patch(from, to);
}

QString PatchWriter::temporaryFile(const Job& job) const
{
    return m_repository + u"/patches/."_s + job.from + u'-' + job.to;
}

qint64 PatchWriter::memory(const Job& job, bool bsdiff)
{
    return PatchEncoder::memory(QFileInfo(job.oldFile).size(), QFileInfo(job.newFile).size(), bsdiff);
}

std::expected<void, Error> PatchWriter::prepare() const
{
    if (!QDir().mkpath(m_repository + u"/patches"_s))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1/patches.").arg(m_repository)});
    return {};
}

std::expected<PatchWriter::Made, Error> PatchWriter::make(const Job& job, bool bsdiff) const
{
    const QString path = patchFile(job.from, job.to);
    if (QFile::exists(path)) {
        auto patch = describe(path); // made by an earlier release: never rewritten
        if (!patch)
            return std::unexpected(patch.error());
        patch->from = job.from;
        return *patch;
    }
    const QString temporary = temporaryFile(job);
    QFile::remove(temporary);
    auto encoded = PatchEncoder::encodeSmallest(job.oldFile, job.newFile, temporary, bsdiff);
    if (!encoded) {
        QFile::remove(temporary);
        if (encoded.error().code == Error::Code::LimitExceeded) // too large to patch: clients take it whole
            return std::nullopt;
        return std::unexpected(encoded.error());
    }
    return Manifest::Patch{job.from, encoded->format, encoded->size};
}

std::expected<PatchWriter::Made, Error> PatchWriter::keep(const Job& job, Made made) const
{
    if (!made)
        return std::nullopt;
    const QString path = patchFile(job.from, job.to);
    const QString temporary = temporaryFile(job);
    const bool fresh = QFile::exists(temporary);
    if (made->size > job.wholeSize * kMaxRatio) {
        if (fresh) {
            QFile::remove(temporary);
            qCInfo(lcRelease) << "no patch" << job.from << "->" << job.to << made->size << "of" << job.wholeSize;
        }
        return std::nullopt;
    }
    if (fresh && !QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1.").arg(path)});
    }
    return made;
}

void PatchWriter::discard(const Job& job) const
{
    QFile::remove(temporaryFile(job));
}

std::expected<std::map<QString, std::vector<Manifest::Patch>>, Error> PatchWriter::put(const std::vector<Job>& jobs)
{
    if (auto prepared = prepare(); !prepared)
        return std::unexpected(prepared.error());
    std::vector<Made> made(jobs.size());
    std::vector<JobPool::Job> work;
    for (size_t i = 0; i < jobs.size(); ++i) {
        work.push_back({0, [&, i]() -> std::expected<void, Error> {
                            auto patch = make(jobs[i]);
                            if (!patch)
                                return std::unexpected(patch.error());
                            made[i] = std::move(*patch);
                            return {};
                        }});
    }
    MemoryBudget unlimited(std::numeric_limits<qint64>::max());
    if (auto done = JobPool(unlimited, m_threads).run(work); !done) {
        for (const Job& job : jobs)
            discard(job);
        return std::unexpected(done.error());
    }
    std::map<QString, std::vector<Manifest::Patch>> patches;
    for (size_t i = 0; i < jobs.size(); ++i) {
        auto kept = keep(jobs[i], std::move(made[i]));
        if (!kept)
            return std::unexpected(kept.error());
        if (*kept)
            patches[jobs[i].to].push_back(**kept);
    }
    for (auto& [to, list] : patches)
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
    return patches;
}
