#include "patchwriter.h"

#include "logging.h"
#include "publish/patchencoder.h"
#include "release/repositorypaths.h"

#include <QDir>
#include <QFile>

#include <atomic>
#include <mutex>
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

std::expected<std::optional<Manifest::Patch>, Error> PatchWriter::put(const Job& job) const
{
    const QString path = patchFile(job.from, job.to);
    std::expected<Manifest::Patch, Error> patch;
    if (QFile::exists(path)) {
        patch = describe(path); // made by an earlier release: never rewritten
    } else {
        const QString temporary = m_repository + u"/patches/."_s + job.from + u'-' + job.to;
        QFile::remove(temporary);
        auto encoded = PatchEncoder::encodeSmallest(job.oldFile, job.newFile, temporary);
        if (!encoded) {
            QFile::remove(temporary);
            if (encoded.error().code == Error::Code::LimitExceeded) // too large to patch: clients take it whole
                return std::nullopt;
            return std::unexpected(encoded.error());
        }
        if (encoded->size > job.wholeSize * kMaxRatio) {
            QFile::remove(temporary);
            qCInfo(lcRelease) << "no patch" << job.from << "->" << job.to << encoded->size << "of" << job.wholeSize;
            return std::nullopt;
        }
        if (!QFile::rename(temporary, path)) {
            QFile::remove(temporary);
            return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1.").arg(path)});
        }
        patch = Manifest::Patch{job.from, encoded->format, encoded->size};
    }
    if (!patch)
        return std::unexpected(patch.error());
    patch->from = job.from;
    if (patch->size > job.wholeSize * kMaxRatio)
        return std::nullopt;
    return *patch;
}

std::expected<std::map<QString, std::vector<Manifest::Patch>>, Error> PatchWriter::put(const std::vector<Job>& jobs)
{
    if (!QDir().mkpath(m_repository + u"/patches"_s))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot create %1/patches.").arg(m_repository)});
    std::map<QString, std::vector<Manifest::Patch>> patches;
    std::optional<Error> failure;
    std::mutex mutex;
    std::atomic<size_t> next = 0;
    auto work = [&] {
        for (size_t i = next++; i < jobs.size(); i = next++) {
            auto patch = put(jobs[i]);
            const std::lock_guard lock(mutex);
            if (!patch) {
                if (!failure)
                    failure = patch.error();
                next = jobs.size(); // stop the others after their current job
            } else if (*patch) {
                patches[jobs[i].to].push_back(**patch);
            }
        }
    };
    {
        std::vector<std::jthread> workers;
        for (int i = 1; i < std::min<int>(m_threads, int(jobs.size())); ++i)
            workers.emplace_back(work);
        work();
    }
    if (failure)
        return std::unexpected(*failure);
    for (auto& [to, list] : patches)
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
    return patches;
}
