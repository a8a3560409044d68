#include "releasepublisher.h"

#include "publish/bundlewriter.h"
#include "publish/jobpool.h"
#include "publish/manifestsigner.h"
#include "publish/memorybudget.h"
#include "publish/objectwriter.h"
#include "publish/packwriter.h"
#include "publish/patchwriter.h"
#include "publish/prefixframewriter.h"
#include "publish/zstdmemory.h"
#include "release/objectdecoder.h"
#include "release/packedmanifest.h"
#include "release/releasetree.h"
#include "release/repositorypaths.h"
#include "release/windowlimits.h"
#include "trust/repositoryclient.h"

#include "sha256.h"
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>

#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <numeric>
#include <set>

using namespace Qt::StringLiterals;

namespace {

std::expected<void, Error> writeWorkFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return std::unexpected(Error{Error::Code::Io, ReleasePublisher::tr("Cannot write %1.").arg(path)});
    return {};
}

} // namespace

std::expected<void, Error> ReleasePublisher::checkNotPublished(const QString& app, const Version& version) const
{
    for (const QString& channel : m_writer.channels()) {
        for (const auto& [path, info] : m_writer.channelTargets(channel)) {
            const QString folder = RepositoryPaths::releaseFolderOf(path, app);
            auto published = Version::parse(folder);
            if (!folder.isEmpty() && published && *published == version) {
                return std::unexpected(Error{Error::Code::Usage,
                    tr("%1 %2 is already published (on %3, as %4); a release is never "
                       "replaced. Publish a new version, or promote this one.")
                        .arg(app, version.toString(), channel, folder)});
            }
        }
    }
    return {};
}

std::expected<Manifest, Error> ReleasePublisher::publish(const Options& options)
{
    auto usage = [](const QString& message) { return std::unexpected(Error{Error::Code::Usage, message}); };
    if (!Manifest::isValidAppName(options.app))
        return usage(
            tr("\"%1\" cannot name an application: use letters, digits, \".\", \"_\" and \"-\".").arg(options.app));
    auto version = Version::parse(options.version);
    if (!version)
        return std::unexpected(Error{Error::Code::Usage, version.error().message});
    if (!m_writer.channels().contains(options.channel)) {
        return usage(tr("There is no channel \"%1\"; the channels are: %2.")
                         .arg(options.channel, m_writer.channels().join(u", "_s)));
    }
    if (options.patchDepth < 0 || options.patchDepth > kMaxPatchDepth)
        return usage(tr("The patch depth is a number of earlier releases from 0 to %1.").arg(kMaxPatchDepth));
    if (options.rolloutPercent < 1 || options.rolloutPercent > 100)
        return usage(tr("The rollout is a percentage from 1 to 100."));
    if (options.manifestFormat != 1 && options.manifestFormat != 2)
        return usage(tr("The manifest's format is 1 or 2."));
    std::optional<Version> minimum;
    if (!options.minimumFrom.isEmpty()) {
        auto parsed = Version::parse(options.minimumFrom);
        if (!parsed)
            return std::unexpected(Error{Error::Code::Usage, parsed.error().message});
        if (!(*parsed < *version))
            return usage(tr("The minimum version to update from (%1) must be older than %2.")
                             .arg(parsed->toString(), version->toString()));
        minimum = *parsed;
    }
    if (!m_writer.root().publisher && options.signing)
        return usage(tr("The repository has no publisher identity to sign releases for."));
    if (auto fresh = checkNotPublished(options.app, *version); !fresh)
        return std::unexpected(fresh.error());
    // A yanked version is gone from the channels but its bundle stays: a version number is used once.
    if (QFileInfo::exists(m_repository + u'/' + RepositoryPaths::bundle(options.app, *version))) {
        return usage(tr("%1 %2 was published before (and yanked since); a version number is never reused. "
                        "Publish a new version.")
                         .arg(options.app, version->toString()));
    }
    QByteArray notes;
    if (!options.notesFile.isEmpty()) {
        QFile file(options.notesFile);
        if (!file.open(QIODevice::ReadOnly))
            return usage(tr("Cannot read the release notes %1: %2.").arg(options.notesFile, file.errorString()));
        notes = file.readAll();
    }

    QTemporaryDir work;
    auto tree = ReleaseTree::open(options.source, work.path());
    if (!tree)
        return std::unexpected(tree.error());

    Manifest manifest;
    manifest.app = options.app;
    manifest.version = *version;
    manifest.entries = tree->entries();
    if (!options.healthCheck.isEmpty()) {
        const QStringList command = QProcess::splitCommand(options.healthCheck);
        if (command.isEmpty())
            return usage(tr("The health check \"%1\" names no program.").arg(options.healthCheck));
        const Manifest::Entry* program = manifest.find(command.first());
        if (!program || program->type != Manifest::Entry::Type::File)
            return usage(tr("The health check runs \"%1\", which is not a file of the release; name it relative "
                            "to the release's top folder.")
                             .arg(command.first()));
        if (options.healthCheckTimeout < 1 || options.healthCheckTimeout > 3600)
            return usage(tr("The health check's time-out is from 1 to 3600 seconds."));
        manifest.healthCheck = Manifest::HealthCheck{command, options.healthCheckTimeout};
    }
    // The whole manifest is checked before anything is written to the repository (objects stand
    // in for the ones still to write), so that a refused release leaves nothing behind.
    Manifest planned = manifest;
    for (const Manifest::Entry& entry : planned.entries) {
        if (entry.type == Manifest::Entry::Type::File && entry.size > 0)
            planned.objects.try_emplace(entry.sha256, Manifest::Object{1});
    }
    if (auto valid = planned.validate(); !valid)
        return std::unexpected(valid.error());
    auto earlier = earlierReleases(options.app, *version, options.patchDepth);
    if (!earlier)
        return std::unexpected(earlier.error());
    std::vector<PendingPack> pending;
    if (auto written = writeContents(manifest, *earlier, *tree, work.path(), options, pending); !written)
        return std::unexpected(written.error());
    if (options.manifestFormat == 2) {
        if (auto tables = writeTables(manifest, work.path()); !tables)
            return std::unexpected(tables.error());
    }
    if (auto valid = manifest.validate(); !valid)
        return std::unexpected(valid.error());

    JsonObject custom{{"version", version->toString()}, {"released", options.now.toUTC().toString(Qt::ISODate)},
        {"critical", options.critical}, {"rollout", options.rolloutPercent}, {"size", manifest.totalFileBytes()},
        {"bundle_size", manifest.bundle->size}};
    if (minimum)
        custom.emplace("min_from", minimum->toString());
    const QByteArray manifestBytes = manifest.toBytes();
    auto patches = manifestPatches(manifestBytes, *earlier, work.path());
    if (!patches)
        return std::unexpected(patches.error());
    if (!patches->empty())
        custom.emplace("manifest_patches", std::move(*patches));
    auto tablesPatchList = manifest.format == 2 ? tablesPatches(manifest, manifestBytes, *earlier)
                                                : std::expected<JsonArray, Error>(JsonArray());
    if (!tablesPatchList)
        return std::unexpected(tablesPatchList.error());
    if (!tablesPatchList->empty())
        custom.emplace("tables_patches", std::move(*tablesPatchList));
    // A client that reads format 1 only knows packs of format zstd-solid-1.
    auto packs = storePacks(pending, manifestBytes, manifest.format == 2 ? *earlier : std::vector<Earlier>());
    if (!packs)
        return std::unexpected(packs.error());
    if (!packs->empty()) {
        JsonArray list;
        for (const PackInfo& pack : *packs)
            list.push_back(pack.toJson());
        custom.emplace("packs", std::move(list));
    }
    if (auto added
        = m_writer.addTarget(options.channel, RepositoryPaths::manifest(options.app, *version), manifestBytes, custom);
        !added)
        return std::unexpected(added.error());
    if (options.signing) {
        auto signature = ManifestSigner::sign(
            manifestBytes, options.signing->certificate, options.signing->key, options.signing->chain, options.now);
        if (!signature)
            return std::unexpected(signature.error());
        if (auto added = m_writer.addTarget(
                options.channel, RepositoryPaths::manifestSignature(options.app, *version), *signature, {});
            !added)
            return std::unexpected(added.error());
    }
    if (!notes.isEmpty()) {
        if (auto added = m_writer.addTarget(options.channel, RepositoryPaths::changelog(options.app, *version), notes,
                JsonObject{{"version", version->toString()}});
            !added)
            return std::unexpected(added.error());
    }
    return manifest;
}

std::expected<std::vector<ReleasePublisher::Earlier>, Error> ReleasePublisher::earlierReleases(
    const QString& app, const Version& version, int depth) const
{
    // The `depth` newest releases of the app older than this one in each channel, so that a busy
    // channel (nightlies) does not crowd out the others; merged newest first, each once.
    std::map<Version, std::pair<QString, TargetFileInfo>, std::greater<>> found;
    for (const QString& channel : m_writer.channels()) {
        std::map<Version, std::pair<QString, TargetFileInfo>, std::greater<>> inChannel;
        for (const auto& [path, info] : m_writer.channelTargets(channel)) {
            if (auto published = RepositoryPaths::manifestVersion(path, app); published && *published < version)
                inChannel.try_emplace(*published, path, info);
        }
        int taken = 0;
        for (auto& [published, target] : inChannel) {
            if (taken++ >= depth)
                break;
            found.try_emplace(published, std::move(target));
        }
    }
    std::vector<Earlier> earlier;
    for (const auto& [published, target] : found) {
        const QString file
            = m_repository + u"/targets/"_s + RepositoryClient::targetFileName(target.first, target.second, true);
        QFile input(file);
        if (!input.open(QIODevice::ReadOnly))
            return std::unexpected(Error{Error::Code::Io,
                tr("Cannot read the manifest of %1 %2 (%3) to make patches from it: %4.")
                    .arg(app, published.toString(), file, input.errorString())});
        const QByteArray bytes = input.read(target.second.length + 1);
        if (auto verified = target.second.verify(bytes, target.first); !verified)
            return std::unexpected(verified.error());
        auto manifest = Manifest::parse(bytes);
        if (!manifest)
            return std::unexpected(manifest.error().prefixed(target.first));
        earlier.push_back({std::move(*manifest), bytes});
    }
    return earlier;
}

std::expected<void, Error> ReleasePublisher::writeContents(Manifest& manifest, const std::vector<Earlier>& earlier,
    const ReleaseTree& tree, const QString& work, const Options& options, std::vector<PendingPack>& packs)
{
    MemoryBudget budget(options.memoryLimit > 0 ? options.memoryLimit : MemoryBudget::defaultLimit());
    JobPool pool(budget, options.threads);
    m_report = Report{pool.threads(), budget.limit(), 0, {}};
    const QString bundlePath = m_repository + u'/' + RepositoryPaths::bundle(manifest.app, manifest.version);
    ObjectWriter objects(m_repository);
    PatchWriter patcher(m_repository);

    // What to write: each content once as an object, and for each file whose content changed a
    // patch from each earlier content at the same path.
    struct ObjectJob {
        QString sha256;
        QString path; // in the release
        QString file;
        qint64 size = 0;
        Manifest::Object object;
    };
    std::vector<ObjectJob> objectJobs;
    std::set<QString> contents;
    for (const Manifest::Entry& entry : manifest.entries) {
        if (entry.type != Manifest::Entry::Type::File || entry.size == 0)
            continue;
        if (contents.insert(entry.sha256).second)
            objectJobs.push_back({entry.sha256, entry.path, tree.filePath(entry), entry.size, {}});
    }
    std::vector<PatchWriter::Job> patchJobs;
    std::set<std::pair<QString, QString>> pairs;
    std::map<QString, qint64> oldContents; // sha256 -> size, to unpack from their objects
    for (const Manifest::Entry& entry : manifest.entries) {
        if (entry.type != Manifest::Entry::Type::File || entry.size == 0)
            continue;
        for (const Earlier& release : earlier) {
            const Manifest::Entry* old = release.manifest.find(entry.path);
            if (!old || old->type != Manifest::Entry::Type::File || old->size == 0 || old->sha256 == entry.sha256
                || !pairs.emplace(old->sha256, entry.sha256).second)
                continue;
            oldContents.emplace(old->sha256, old->size);
            patchJobs.push_back({old->sha256, entry.sha256, work + u"/old/"_s + old->sha256, tree.filePath(entry), 0});
        }
    }

    // The earlier contents are unpacked first, side by side: the patches start from them.
    if (!patchJobs.empty()) {
        QDir().mkpath(work + u"/old"_s);
        if (auto prepared = patcher.prepare(); !prepared)
            return std::unexpected(prepared.error());
        std::vector<JobPool::Job> unpack;
        for (const auto& [sha, size] : oldContents) {
            const qint64 memory = qint64(ZSTD_estimateDStreamSize(size_t(WindowLimits::forObject(size))));
            unpack.push_back(
                {memory, [&, sha, size]() -> std::expected<void, Error> {
                     auto decoded = decodeObject(objects.objectPath(sha), work + u"/old/"_s + sha, size, sha, 0600);
                     if (!decoded)
                         return std::unexpected(decoded.error().prefixed(tr("Making patches from earlier releases")));
                     return {};
                 }});
        }
        if (auto unpacked = pool.run(unpack); !unpacked)
            return std::unexpected(unpacked.error());
    }

    // Then objects, patches and the bundle side by side, the longest first so that none is left
    // to run alone at the end. A job that is a large part of the whole (the bundle, a file much
    // larger than the rest) gets zstd's own workers in proportion; each takes fewer workers, or
    // a patch no bsdiff, where that keeps it within the limit, and one that cannot runs alone.
    struct Planned {
        qint64 work = 0; // bytes through an encoder, for the order
        JobPool::Job job;
    };
    std::vector<Planned> planned;
    // The bundle copies the frames of the objects of large files, so it compresses only the rest
    // of the tar side by side with the objects, and is assembled once they are written.
    BundleWriter bundle(bundlePath, tree.root(), manifest);
    qint64 totalWork = bundle.compressedBytes();
    for (const ObjectJob& job : objectJobs)
        totalWork += job.size;
    for (const PatchWriter::Job& job : patchJobs)
        totalWork += QFileInfo(job.newFile).size();
    const auto workersFor = [&](qint64 size, int windowLog, int least) {
        const qint64 jobs = (size + ZstdMemory::jobSize(windowLog) - 1) / ZstdMemory::jobSize(windowLog);
        // Its share of the cores, rounded up: a job of a third of the work on four cores takes two.
        const qint64 share = totalWork > 0 ? (size * pool.threads() + totalWork - 1) / totalWork : 0;
        const int workers = int(std::min<qint64>({share, pool.threads(), jobs}));
        return workers < 2 ? least : workers;
    };
    const auto tooLarge = [&](const QString& what, qint64 memory) {
        m_report.warnings.append(
            tr("%1 needs about %2, more than the memory limit of %3: it ran alone.")
                .arg(what, MemoryBudget::describe(memory), MemoryBudget::describe(budget.limit())));
    };
    for (ObjectJob& job : objectJobs) {
        int workers = workersFor(job.size, ZstdMemory::windowLog(19, job.size), 0);
        while (workers > 0 && objects.memory(job.size, workers) > budget.limit())
            workers = workers > 2 ? workers - 1 : 0;
        const bool stored = QFile::exists(objects.objectPath(job.sha256)); // by an earlier release
        const qint64 memory = stored ? 0 : objects.memory(job.size, workers);
        if (memory > budget.limit())
            tooLarge(job.path, memory);
        planned.push_back({stored ? 0 : job.size, {memory, [&, workers]() -> std::expected<void, Error> {
                                                       auto object = objects.put(job.file, job.sha256, workers);
                                                       if (!object)
                                                           return std::unexpected(object.error());
                                                       job.object = *object;
                                                       return {};
                                                   }}});
    }
    std::vector<PatchWriter::Made> made(patchJobs.size());
    for (size_t i = 0; i < patchJobs.size(); ++i) {
        const PatchWriter::Job& job = patchJobs[i];
        const QString shown = QDir(tree.root()).relativeFilePath(job.newFile);
        bool bsdiff = true;
        qint64 memory = PatchWriter::memory(job, true);
        if (memory > budget.limit() && PatchWriter::memory(job, false) < memory) {
            bsdiff = false;
            memory = PatchWriter::memory(job, false);
            m_report.warnings.append(tr("The patch to %1 was made by zstd alone: bsdiff would need more than the "
                                        "memory limit of %2.")
                                         .arg(shown, MemoryBudget::describe(budget.limit())));
        }
        if (memory > budget.limit())
            tooLarge(tr("The patch to %1").arg(shown), memory);
        const qint64 size = QFileInfo(job.newFile).size();
        planned.push_back({bsdiff ? 2 * size : size, {memory, [&, i, bsdiff]() -> std::expected<void, Error> {
                                                          auto patch = patcher.make(patchJobs[i], bsdiff);
                                                          if (!patch)
                                                              return std::unexpected(patch.error());
                                                          made[i] = std::move(*patch);
                                                          return {};
                                                      }}});
    }
    // The packs of each update path: the same old contents, many new ones in one file.
    const PackWriter packer(m_repository);
    std::vector<PackWriter::Group> groups;
    for (const Earlier& release : earlier) {
        auto found = PackWriter::groups(
            manifest, release.manifest, [&](const Manifest::Entry& entry) { return tree.filePath(entry); },
            [&](const QString& sha) { return work + u"/old/"_s + sha; });
        std::move(found.begin(), found.end(), std::back_inserter(groups));
    }
    std::vector<std::optional<PackWriter::Compressed>> packed(groups.size());
    for (size_t i = 0; i < groups.size(); ++i) {
        const qint64 memory = PackWriter::memory(groups[i]);
        if (memory > budget.limit())
            tooLarge(tr("A pack from %1").arg(groups[i].from.toString()), memory);
        planned.push_back({groups[i].bytes(), {memory, [&, i]() -> std::expected<void, Error> {
                                                   auto pack = packer.compress(groups[i]);
                                                   if (!pack)
                                                       return std::unexpected(pack.error());
                                                   packed[i] = std::move(*pack);
                                                   return {};
                                               }}});
    }
    {
        const qint64 tarBytes = bundle.compressedBytes();
        int workers = workersFor(tarBytes, ZstdMemory::windowLog(19, 0), 1);
        while (workers > 1 && BundleWriter::memory(workers, tarBytes) > budget.limit())
            --workers;
        const qint64 memory = BundleWriter::memory(workers, tarBytes);
        if (memory > budget.limit())
            tooLarge(tr("The bundle"), memory);
        planned.push_back({tarBytes, {memory, [&, workers]() { return bundle.compress(workers); }}});
    }
    // Longest first, and in the order planned among equals (objects, patches, the bundle).
    std::vector<size_t> order(planned.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return planned[a].work != planned[b].work ? planned[a].work > planned[b].work : a < b;
    });
    std::vector<JobPool::Job> jobs;
    for (size_t i : order)
        jobs.push_back(std::move(planned[i].job));
    auto done = pool.run(jobs);
    m_report.reservedPeak = budget.peak();
    // The objects are all there now: the bundle takes the frames of those of large files.
    auto assembled = done ? bundle.assemble(objects) : std::unexpected(done.error());
    if (!assembled) {
        for (const PatchWriter::Job& job : patchJobs)
            patcher.discard(job);
        return std::unexpected(assembled.error());
    }

    for (const ObjectJob& job : objectJobs)
        manifest.objects.emplace(job.sha256, job.object);
    for (size_t i = 0; i < patchJobs.size(); ++i) {
        PatchWriter::Job& job = patchJobs[i];
        job.wholeSize = manifest.objects.at(job.to).size;
        auto kept = patcher.keep(job, std::move(made[i]));
        if (!kept)
            return std::unexpected(kept.error());
        if (*kept)
            manifest.patches[job.to].push_back(**kept);
    }
    for (auto& [to, list] : manifest.patches)
        std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.from < b.from; });
    manifest.bundle = *assembled;
    for (size_t i = 0; i < groups.size(); ++i)
        packs.push_back({std::move(groups[i]), std::move(*packed[i])});
    return {};
}

std::expected<JsonArray, Error> ReleasePublisher::manifestPatches(
    const QByteArray& bytes, const std::vector<Earlier>& earlier, const QString& work) const
{
    // Clients fetch the new manifest as a patch from the one they have installed.
    auto sha256 = [](QByteArrayView data) { return Sha256::hexOf(data); };
    const QString to = sha256(bytes);
    const QString newFile = work + u"/manifest.json"_s;
    if (auto written = writeWorkFile(newFile, bytes); !written)
        return std::unexpected(written.error());
    std::vector<PatchWriter::Job> jobs;
    for (const Earlier& release : earlier) {
        const QString from = sha256(release.bytes);
        const QString oldFile = work + u"/manifest-"_s + from + u".json"_s;
        if (auto written = writeWorkFile(oldFile, release.bytes); !written)
            return std::unexpected(written.error());
        jobs.push_back({from, to, oldFile, newFile, bytes.size()});
    }
    auto patches = PatchWriter(m_repository).put(jobs);
    if (!patches)
        return std::unexpected(patches.error());
    JsonArray list;
    for (const Manifest::Patch& patch : (*patches)[to]) {
        list.push_back(
            JsonObject{{"from", patch.from}, {"format", patchFormatName(patch.format)}, {"size", patch.size}});
    }
    return list;
}

std::expected<void, Error> ReleasePublisher::writeTables(Manifest& manifest, const QString& work) const
{
    manifest.format = Manifest::kLatestFormat;
    const QByteArray tables = manifest.tablesBytes();
    const QString sha256 = Sha256::hexOf(tables);
    const QString file = work + u"/tables.json"_s;
    if (auto written = writeWorkFile(file, tables); !written)
        return written;
    auto object = ObjectWriter(m_repository).put(file, sha256);
    if (!object)
        return std::unexpected(object.error());
    manifest.tablesFile = Manifest::TablesFile{sha256, tables.size(), object->size};
    return {};
}

std::expected<JsonArray, Error> ReleasePublisher::tablesPatches(
    const Manifest& manifest, const QByteArray& bytes, const std::vector<Earlier>& earlier) const
{
    // The tables' keys are this manifest's sha256 and their patches' `from` the earlier manifest's:
    // against both, what is left to send is little more than the sizes.
    const QByteArray tables = manifest.tablesBytes();
    JsonArray list;
    for (const Earlier& release : earlier) {
        const QString from = Sha256::hexOf(release.bytes);
        auto frame = PrefixFrameWriter::encode(tables, release.bytes + bytes);
        if (!frame)
            return std::unexpected(frame.error());
        if (frame->size() >= manifest.tablesFile->objectSize)
            continue;
        const QString path = m_repository + u'/' + RepositoryPaths::patch(from, manifest.tablesFile->sha256);
        QDir().mkpath(QFileInfo(path).path());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(*frame) != frame->size() || !file.commit())
            return std::unexpected(Error{Error::Code::Io, tr("Cannot write %1: %2.").arg(path, file.errorString())});
        list.push_back(JsonObject{{"from", from}, {"sha256", Sha256::hexOf(*frame)}, {"size", qint64(frame->size())}});
    }
    return list;
}

std::expected<std::vector<PackInfo>, Error> ReleasePublisher::storePacks(
    const std::vector<PendingPack>& pending, const QByteArray& bytes, const std::vector<Earlier>& earlier) const
{
    const PackWriter packer(m_repository);
    std::vector<PackInfo> packs;
    std::set<Version> carried; // the earlier releases whose first pack carries the manifest
    for (const PendingPack& pack : pending) {
        QByteArray manifestFrame;
        const auto release = std::find_if(earlier.begin(), earlier.end(),
            [&](const Earlier& candidate) { return candidate.manifest.version == pack.group.from; });
        if (release != earlier.end() && carried.insert(pack.group.from).second) {
            auto stripped = PackedManifest::strip(bytes, pack.compressed.indices);
            if (!stripped)
                return std::unexpected(stripped.error());
            auto frame = PrefixFrameWriter::encode(*stripped, release->bytes);
            if (!frame)
                return std::unexpected(frame.error());
            manifestFrame = std::move(*frame);
        }
        auto stored = packer.store(pack.group, pack.compressed, manifestFrame);
        if (!stored)
            return std::unexpected(stored.error());
        packs.push_back(std::move(*stored));
    }
    return packs;
}
