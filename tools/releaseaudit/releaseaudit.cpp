#include "releaseaudit.h"

#include "healthprogram.h"

#include "net/directorysource.h"
#include "policy/channels.h"
#include "policy/releaseselector.h"
#include "release/objectdecoder.h"
#include "release/packdecoder.h"
#include "release/patchdecoder.h"
#include "release/prefixframe.h"
#include "release/repositorypaths.h"
#include "trust/repositoryclient.h"
#include "json/jsonparser.h"

#include "sha256.h"
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QTemporaryDir>

#include <map>
#include <set>

using namespace Qt::StringLiterals;

namespace {

QString sha256Of(QByteArrayView bytes)
{
    return Sha256::hexOf(bytes);
}

// An earlier release of the application, with its manifest when the repository still serves it right.
struct Earlier {
    Version version;
    QByteArray bytes;
    std::optional<Manifest> manifest;
    QString sha256; // of `bytes`
};

// One patch of the release and what checking it found: nothing, a problem, or why it could not be applied.
struct PatchCheck {
    QString path; // patches/FROM-TO
    QString from;
    QString to;
    QString problem;
    QString note;
};

class Auditor
{
public:
    Auditor(const ReleaseAudit::Options& options, const TrustedSet& trusted, ReleaseSelector::Release release,
        std::vector<ReleaseSelector::Release> earlier)
        : m_options(options)
        , m_trusted(trusted)
        , m_release(std::move(release))
        , m_earlierReleases(std::move(earlier))
    { }

    std::vector<TrialResult> run();

private:
    TrialResult result(const QString& check) const;
    [[nodiscard]] QString absolute(const QString& path) const { return m_options.repository + u'/' + path; }
    // Why the file `path` (`what` it is) is not there with `size` bytes; empty when it is.
    [[nodiscard]] QString sizeProblem(const QString& path, const QString& what, qint64 size) const;
    // A manifest target's bytes, checked against its signed length and hashes; the sentence that says
    // what is wrong otherwise.
    [[nodiscard]] std::expected<QByteArray, QString> readTarget(const QString& path, const TargetFileInfo& info) const;
    // Makes the error of a decoder, which names files by their absolute path, name them as the repository does.
    [[nodiscard]] QString relative(const QString& message) const;
    [[nodiscard]] QString versionWith(const QString& manifestSha256) const;
    // Loads the tables file of a format-2 manifest from its object; the problem, or empty.
    [[nodiscard]] QString attachTables(Manifest& manifest) const;

    void checkManifest(TrialResult& check);
    void loadEarlier();
    void checkObjects(TrialResult& check) const;
    std::vector<TrialResult> checkPatches();
    std::vector<TrialResult> checkPacks() const;
    void checkBundle(TrialResult& check) const;
    void checkHealthProgram(TrialResult& check) const;

    const ReleaseAudit::Options& m_options;
    const TrustedSet& m_trusted;
    ReleaseSelector::Release m_release;
    std::vector<ReleaseSelector::Release> m_earlierReleases;
    std::vector<Earlier> m_earlier; // newest first
    QByteArray m_bytes;             // the release's manifest, as the repository holds it
    std::optional<Manifest> m_manifest;
    QString m_manifestProblem; // why the release's manifest could not be read, for the checks that need it
    bool m_unparsed = false;   // the manifest is the signed one but does not parse
    QTemporaryDir m_scratch;
};

TrialResult Auditor::result(const QString& check) const
{
    TrialResult result;
    result.kind = TrialResult::Kind::Audit;
    result.to = m_release.version.toString();
    result.fault = check;
    return result;
}

QString Auditor::sizeProblem(const QString& path, const QString& what, qint64 size) const
{
    const QFileInfo info(absolute(path));
    if (!info.exists() && !info.isSymLink())
        return ReleaseAudit::tr("%1 (%2) is missing.").arg(path, what);
    if (!info.isFile())
        return ReleaseAudit::tr("%1 (%2) is not a file.").arg(path, what);
    if (info.size() != size) {
        return ReleaseAudit::tr("%1 (%2) is %3 bytes where the signed size is %4.")
            .arg(path, what)
            .arg(info.size())
            .arg(size);
    }
    return {};
}

std::expected<QByteArray, QString> Auditor::readTarget(const QString& path, const TargetFileInfo& info) const
{
    const QString file
        = u"targets/"_s + RepositoryClient::targetFileName(path, info, m_trusted.root().consistentSnapshot);
    if (QString problem = sizeProblem(file, path, info.length); !problem.isEmpty())
        return std::unexpected(problem);
    QFile input(absolute(file));
    if (!input.open(QIODevice::ReadOnly))
        return std::unexpected(ReleaseAudit::tr("%1 (%2) cannot be read: %3.").arg(file, path, input.errorString()));
    QByteArray bytes = input.read(info.length + 1);
    if (auto verified = info.verify(bytes, file); !verified)
        return std::unexpected(ReleaseAudit::tr("%1 (%2) has other bytes than its signed hashes say: %3")
                                   .arg(file, path, verified.error().message));
    return bytes;
}

QString Auditor::relative(const QString& message) const
{
    QString text = message;
    return text.replace(m_options.repository + u'/', QString()).replace(m_scratch.path() + u'/', QString());
}

QString Auditor::attachTables(Manifest& manifest) const
{
    if (manifest.tablesLoaded)
        return {};
    const Manifest::TablesFile& tables = *manifest.tablesFile;
    const QString path = RepositoryPaths::object(tables.sha256);
    if (QString problem = sizeProblem(path, ReleaseAudit::tr("the manifest's tables"), tables.objectSize);
        !problem.isEmpty())
        return problem;
    const QString made = m_scratch.filePath(u"tables"_s);
    QFile::remove(made);
    auto decoded = decodeObject(absolute(path), made, tables.size, tables.sha256, 0600);
    QFile file(made);
    const QByteArray bytes = decoded && file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    file.remove();
    if (!decoded)
        return relative(decoded.error().message);
    if (auto attached = manifest.attachTables(bytes); !attached)
        return ReleaseAudit::tr("%1 (the manifest's tables): %2").arg(path, attached.error().message);
    return {};
}

QString Auditor::versionWith(const QString& manifestSha256) const
{
    for (const Earlier& earlier : m_earlier) {
        if (earlier.sha256 == manifestSha256)
            return earlier.version.toString();
    }
    return {};
}

void Auditor::loadEarlier()
{
    for (const ReleaseSelector::Release& release : m_earlierReleases) {
        Earlier earlier{release.version, {}, std::nullopt, {}};
        if (auto bytes = readTarget(release.manifestPath, release.manifestInfo)) {
            earlier.bytes = *bytes;
            earlier.sha256 = sha256Of(*bytes);
            if (auto parsed = Manifest::parse(*bytes); parsed && attachTables(*parsed).isEmpty())
                earlier.manifest = std::move(*parsed);
        }
        m_earlier.push_back(std::move(earlier));
    }
}

void Auditor::checkManifest(TrialResult& check)
{
    const QString name = m_release.manifestPath;
    auto bytes = readTarget(name, m_release.manifestInfo);
    if (!bytes) {
        m_manifestProblem = bytes.error();
        check.failure = bytes.error();
        return;
    }
    m_bytes = *bytes;
    auto parsed = Manifest::parse(m_bytes);
    QStringList problems;
    if (!parsed) {
        m_manifestProblem = ReleaseAudit::tr("%1 does not parse: %2").arg(name, parsed.error().message);
        m_unparsed = true;
        problems.append(m_manifestProblem);
    } else if (parsed->app != m_options.app || parsed->version != m_release.version) {
        m_manifestProblem
            = ReleaseAudit::tr("%1 is the manifest of %2 %3, not of %4 %5.")
                  .arg(name, parsed->app, parsed->version.toString(), m_options.app, m_release.version.toString());
        problems.append(m_manifestProblem);
    } else if (QString problem = attachTables(*parsed); !problem.isEmpty()) {
        m_manifestProblem = problem;
        problems.append(m_manifestProblem);
    } else {
        m_manifest = std::move(*parsed);
    }
    // The tables patches: what an update that needs the tables downloads instead of their object.
    QStringList notes;
    for (const auto& patch : m_release.tablesPatches) {
        if (!m_manifest)
            break;
        const QString path = RepositoryPaths::patch(patch.from, m_manifest->tablesFile->sha256);
        const auto earlier = std::find_if(
            m_earlier.begin(), m_earlier.end(), [&](const Earlier& e) { return e.sha256 == patch.from; });
        const QString what = earlier == m_earlier.end()
            ? ReleaseAudit::tr("the tables patch from an earlier manifest")
            : ReleaseAudit::tr("the tables patch from %1").arg(earlier->version.toString());
        if (QString problem = sizeProblem(path, what, patch.size); !problem.isEmpty()) {
            problems.append(problem);
            continue;
        }
        if (earlier == m_earlier.end()) {
            notes.append(ReleaseAudit::tr("%1 was not applied: no release on the repository has the manifest it "
                                          "starts from.")
                             .arg(path));
            continue;
        }
        QFile file(absolute(path));
        const QByteArray frame = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        auto tables = PrefixFrame::decode(frame, earlier->bytes + m_bytes, m_manifest->tablesFile->size);
        if (sha256Of(frame) != patch.sha256)
            problems.append(ReleaseAudit::tr("%1 (%2) has another sha256 than the signed one.").arg(path, what));
        else if (!tables || sha256Of(*tables) != m_manifest->tablesFile->sha256)
            problems.append(ReleaseAudit::tr("%1 (%2) does not make the manifest's tables file.").arg(path, what));
    }
    if (m_manifest && m_manifest->tablesFile)
        notes.append(ReleaseAudit::tr("Its tables file: %1 bytes, %2 tables patches.")
                         .arg(m_manifest->tablesFile->size)
                         .arg(m_release.tablesPatches.size()));
    // The manifest patches: what an update from an earlier manifest downloads instead of the manifest.
    const QString to = m_release.manifestInfo.hashes.sha256();
    int applied = 0;
    for (const Manifest::Patch& patch : m_release.manifestPatches) {
        const QString path = RepositoryPaths::patch(patch.from, to);
        const QString version = versionWith(patch.from);
        const QString what = version.isEmpty() ? ReleaseAudit::tr("the manifest patch from an earlier manifest")
                                               : ReleaseAudit::tr("the manifest patch from %1").arg(version);
        if (QString problem = sizeProblem(path, what, patch.size); !problem.isEmpty()) {
            problems.append(problem);
            continue;
        }
        const auto earlier = std::find_if(
            m_earlier.begin(), m_earlier.end(), [&](const Earlier& e) { return e.sha256 == patch.from; });
        if (earlier == m_earlier.end()) {
            notes.append(ReleaseAudit::tr("%1 was not applied: no release on the repository has the manifest it "
                                          "starts from.")
                             .arg(path));
            continue;
        }
        const QString old = m_scratch.filePath(u"old-manifest"_s);
        const QString made = m_scratch.filePath(u"new-manifest"_s);
        QFile::remove(old);
        QFile::remove(made);
        QFile oldFile(old);
        if (!oldFile.open(QIODevice::WriteOnly) || oldFile.write(earlier->bytes) != earlier->bytes.size()) {
            notes.append(ReleaseAudit::tr("%1 was not applied: the scratch folder cannot be written.").arg(path));
            continue;
        }
        oldFile.close();
        auto patched = applyPatch(patch.format, old, absolute(path), made, m_release.manifestInfo.length, to, 0600);
        QFile::remove(old);
        QFile::remove(made);
        if (!patched) {
            problems.append(
                ReleaseAudit::tr("%1 (%2), applied to the manifest of %3, does not make the manifest of "
                                 "%4: %5")
                    .arg(path, what, version, m_release.version.toString(), relative(patched.error().message)));
        } else {
            ++applied;
        }
    }
    check.failure = problems.join(u'\n');
    notes.prepend(ReleaseAudit::tr("%1: %2 bytes, signed; %3 of %4 manifest patches applied.")
                      .arg(name)
                      .arg(m_bytes.size())
                      .arg(applied)
                      .arg(m_release.manifestPatches.size()));
    check.output = notes.join(u'\n');
}

void Auditor::checkObjects(TrialResult& check) const
{
    std::map<QString, qint64> contentSizes;
    for (const Manifest::Entry& entry : m_manifest->entries) {
        if (entry.type == Manifest::Entry::Type::File)
            contentSizes.emplace(entry.sha256, entry.size);
    }
    QStringList problems;
    qint64 total = 0;
    for (const auto& [sha256, object] : m_manifest->objects) {
        const QString path = RepositoryPaths::object(sha256);
        total += object.size;
        if (QString problem = sizeProblem(path, ReleaseAudit::tr("an object"), object.size); !problem.isEmpty()) {
            problems.append(problem);
            continue;
        }
        const auto size = contentSizes.find(sha256);
        if (size == contentSizes.end())
            continue; // no file of the release has it: nothing says what it must decode to
        if (auto verified = verifyObject(absolute(path), size->second, sha256); !verified) {
            problems.append(
                ReleaseAudit::tr("%1 decodes to the wrong content: %2").arg(path, relative(verified.error().message)));
        }
    }
    check.failure = problems.join(u'\n');
    check.output = (m_manifest->objects.size() == 1 ? ReleaseAudit::tr("%1 object, %2 bytes.")
                                                    : ReleaseAudit::tr("%1 objects, %2 bytes."))
                       .arg(m_manifest->objects.size())
                       .arg(total);
}

std::vector<TrialResult> Auditor::checkPatches()
{
    QElapsedTimer timer;
    timer.start();
    // The content each earlier release has, with the sizes its manifest gives, to decode it from its object.
    struct Content {
        qint64 size = 0;
        qint64 objectSize = 0;
        bool hasObject = false;
    };
    std::map<QString, Content> earlierContent;
    for (const Earlier& earlier : m_earlier) {
        if (!earlier.manifest)
            continue;
        for (const Manifest::Entry& entry : earlier.manifest->entries) {
            if (entry.type != Manifest::Entry::Type::File)
                continue;
            Content& content = earlierContent[entry.sha256];
            content.size = entry.size;
            if (const auto object = earlier.manifest->objects.find(entry.sha256);
                object != earlier.manifest->objects.end()) {
                content.objectSize = object->second.size;
                content.hasObject = true;
            }
        }
    }
    std::map<QString, qint64> sizes;  // of the release's content, by sha256
    std::map<QString, QString> names; // a file of the release with that content
    for (const Manifest::Entry& entry : m_manifest->entries) {
        if (entry.type == Manifest::Entry::Type::File) {
            sizes.emplace(entry.sha256, entry.size);
            names.emplace(entry.sha256, entry.path);
        }
    }
    // Every patch checked once, by the content it starts from, so that each old content is decoded once.
    std::map<QString, std::vector<std::pair<QString, Manifest::Patch>>> byFrom;
    for (const auto& [to, list] : m_manifest->patches) {
        for (const Manifest::Patch& patch : list)
            byFrom[patch.from].emplace_back(to, patch);
    }
    std::map<QString, PatchCheck> checks; // by patch path
    const QString old = m_scratch.filePath(u"old"_s);
    const QString made = m_scratch.filePath(u"new"_s);
    for (const auto& [from, patches] : byFrom) {
        std::optional<QString> decodeNote;
        bool decoded = false;
        for (const auto& [to, patch] : patches) {
            PatchCheck result{RepositoryPaths::patch(from, to), from, to, {}, {}};
            const QString what = ReleaseAudit::tr("the patch to %1").arg(names[to]);
            result.problem = sizeProblem(result.path, what, patch.size);
            if (result.problem.isEmpty()) {
                const auto content = earlierContent.find(from);
                if (!decoded && !decodeNote) {
                    QFile::remove(old);
                    if (content == earlierContent.end() || !content->second.hasObject) {
                        decodeNote = ReleaseAudit::tr("no release on the repository has its old content");
                    } else if (QString problem = sizeProblem(RepositoryPaths::object(from),
                                   ReleaseAudit::tr("an object"), content->second.objectSize);
                               !problem.isEmpty()) {
                        decodeNote = problem;
                    } else if (auto unpacked = decodeObject(
                                   absolute(RepositoryPaths::object(from)), old, content->second.size, from, 0600);
                               !unpacked) {
                        decodeNote = relative(unpacked.error().message);
                    } else {
                        decoded = true;
                    }
                }
                if (decodeNote) {
                    result.note = ReleaseAudit::tr("%1 was not applied: %2").arg(result.path, *decodeNote);
                } else {
                    QFile::remove(made);
                    auto patched = applyPatch(patch.format, old, absolute(result.path), made, sizes[to], to, 0600);
                    QFile::remove(made);
                    if (!patched) {
                        result.problem = ReleaseAudit::tr("%1 (%2), applied to its old content, does not make %3: %4")
                                             .arg(result.path, what, names[to], relative(patched.error().message));
                    }
                }
            }
            checks.emplace(result.path, std::move(result));
        }
        QFile::remove(old);
    }
    const qint64 milliseconds = timer.elapsed();

    std::vector<TrialResult> results;
    if (checks.empty()) {
        TrialResult none = result(ReleaseAudit::kPatches);
        none.passed = true;
        none.output = ReleaseAudit::tr("%1 offers no patches; updates to it fetch whole objects.")
                          .arg(m_release.version.toString());
        return {none};
    }
    // Grouped by the earlier version whose files the patches start from: what an update from it downloads.
    std::set<QString> grouped;
    auto group = [&](const QString& check, const std::function<bool(const PatchCheck&)>& belongs) {
        TrialResult found = result(check);
        QStringList problems;
        QStringList notes;
        int count = 0;
        for (const auto& [path, patch] : checks) {
            if (!belongs(patch))
                continue;
            grouped.insert(path);
            ++count;
            if (!patch.problem.isEmpty())
                problems.append(patch.problem);
            if (!patch.note.isEmpty())
                notes.append(patch.note);
        }
        if (count == 0)
            return;
        found.passed = problems.isEmpty();
        found.failure = problems.join(u'\n');
        notes.prepend(count == 1 ? ReleaseAudit::tr("1 patch.") : ReleaseAudit::tr("%1 patches.").arg(count));
        found.output = notes.join(u'\n');
        results.push_back(std::move(found));
    };
    for (const Earlier& earlier : m_earlier) {
        if (!earlier.manifest)
            continue;
        std::set<QString> contents;
        for (const Manifest::Entry& entry : earlier.manifest->entries) {
            if (entry.type == Manifest::Entry::Type::File)
                contents.insert(entry.sha256);
        }
        group(ReleaseAudit::tr("patches from %1").arg(earlier.version.toString()),
            [&](const PatchCheck& patch) { return contents.contains(patch.from); });
    }
    group(ReleaseAudit::tr("patches from other releases"),
        [&](const PatchCheck& patch) { return !grouped.contains(patch.path); });
    // The work was done once for all groups; each shows its share.
    for (TrialResult& each : results)
        each.milliseconds = milliseconds / qint64(results.size());
    return results;
}

std::vector<TrialResult> Auditor::checkPacks() const
{
    std::vector<TrialResult> results;
    for (const Earlier& earlier : m_earlier) {
        std::vector<PackInfo> packs;
        std::ranges::copy_if(m_release.packs, std::back_inserter(packs),
            [&](const PackInfo& pack) { return pack.from == earlier.version; });
        if (packs.empty())
            continue;
        QElapsedTimer timer;
        timer.start();
        TrialResult check = result(ReleaseAudit::tr("packs from %1").arg(earlier.version.toString()));
        QStringList problems;
        qint64 bytes = 0;
        int contents = 0;
        if (!earlier.manifest) {
            problems.append(
                ReleaseAudit::tr("Not checked: the manifest of %1 cannot be read.").arg(earlier.version.toString()));
        } else {
            // The earlier release's files a pack may start from, at their paths, made from their objects.
            const QString installed = m_scratch.filePath(u"packs-from-"_s + earlier.version.toString());
            for (const Manifest::Entry& entry : earlier.manifest->entries) {
                const Manifest::Entry* now = m_manifest->find(entry.path);
                if (entry.type != Manifest::Entry::Type::File || entry.size == 0
                    || entry.size > PackInfo::kMaxMemberSize || !now || now->sha256 == entry.sha256)
                    continue;
                const QString file = installed + u'/' + entry.path;
                QDir().mkpath(QFileInfo(file).path());
                if (auto decoded = decodeObject(
                        absolute(RepositoryPaths::object(entry.sha256)), file, entry.size, entry.sha256, 0600);
                    !decoded)
                    problems.append(ReleaseAudit::tr("The old content of %1 for the packs cannot be made: %2")
                                        .arg(entry.path, relative(decoded.error().message)));
            }
            const QString made = m_scratch.filePath(u"packed"_s);
            QDir().mkpath(made);
            for (const PackInfo& pack : packs) {
                const QString path = RepositoryPaths::pack(pack.sha256);
                bytes += pack.size;
                if (QString problem = sizeProblem(path, ReleaseAudit::tr("a pack"), pack.size); !problem.isEmpty()) {
                    problems.append(problem);
                    continue;
                }
                auto decoded = PackDecoder::decode(absolute(path), pack, *m_manifest, *earlier.manifest, installed,
                    [&](const QString& sha256) { return made + u'/' + sha256; });
                if (!decoded)
                    problems.append(relative(decoded.error().message));
                else
                    contents += int(decoded->size());
                // A pack that carries the manifest makes exactly the signed one from the earlier release.
                if (decoded && pack.carriesManifest()) {
                    auto carried = PackDecoder::decodeWithManifest(absolute(path), pack,
                        {m_release.manifestInfo.hashes.sha256(), m_release.manifestInfo.length}, earlier.bytes,
                        *earlier.manifest, installed, [&](const QString& sha256) { return made + u'/' + sha256; });
                    if (!carried)
                        problems.append(relative(carried.error().message));
                }
                QDir(made).removeRecursively();
                QDir().mkpath(made);
            }
            QDir(installed).removeRecursively();
        }
        check.failure = problems.join(u'\n');
        check.passed = problems.isEmpty();
        check.output
            = ReleaseAudit::tr("%1 packs, %2 bytes, making %3 contents.").arg(packs.size()).arg(bytes).arg(contents);
        check.milliseconds = timer.elapsed();
        results.push_back(std::move(check));
    }
    return results;
}

void Auditor::checkBundle(TrialResult& check) const
{
    if (!m_manifest->bundle) {
        check.output = ReleaseAudit::tr("%1 has no bundle; a fresh install fetches every object.")
                           .arg(m_release.version.toString());
        return;
    }
    const Manifest::Bundle& bundle = *m_manifest->bundle;
    const QString path = RepositoryPaths::bundle(m_options.app, m_release.version);
    QStringList problems;
    if (m_release.bundleSize != 0 && m_release.bundleSize != bundle.size) {
        problems.append(ReleaseAudit::tr("The channel's facts give the bundle %1 bytes where the manifest gives %2.")
                            .arg(m_release.bundleSize)
                            .arg(bundle.size));
    }
    if (QString problem = sizeProblem(path, ReleaseAudit::tr("the bundle"), bundle.size); !problem.isEmpty()) {
        problems.append(problem);
    } else {
        QFile file(absolute(path));
        Sha256 hash;
        if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
            problems.append(ReleaseAudit::tr("%1 (the bundle) cannot be read: %2.").arg(path, file.errorString()));
        } else if (const QString sha256 = hash.hex(); sha256 != bundle.sha256) {
            problems.append(ReleaseAudit::tr("%1 (the bundle) has the sha256 %2 where the manifest gives %3.")
                                .arg(path, sha256, bundle.sha256));
        }
    }
    check.failure = problems.join(u'\n');
    check.output = ReleaseAudit::tr("%1: %2 bytes.").arg(path).arg(bundle.size);
}

void Auditor::checkHealthProgram(TrialResult& check) const
{
    QStringList command;
    std::vector<Manifest::Entry> entries;
    if (m_manifest) {
        if (!m_manifest->healthCheck) {
            check.output = ReleaseAudit::tr("%1 has no health check.").arg(m_release.version.toString());
            return;
        }
        command = m_manifest->healthCheck->command;
        entries = m_manifest->entries;
    } else {
        // A manifest that does not parse may still say enough of its health check to judge it (a
        // published manifest whose program is not a file of the release does not parse).
        auto document = m_unparsed ? JsonParser().parse(m_bytes) : std::unexpected(Error{});
        const JsonValue* health = document ? document->find("health_check") : nullptr;
        const JsonValue* program = health ? health->find("command") : nullptr;
        const JsonValue* files = document ? document->find("files") : nullptr;
        if (!program || !program->isArray() || !files || !files->isArray()) {
            check.failure = ReleaseAudit::tr("Not checked: %1").arg(m_manifestProblem);
            return;
        }
        for (const JsonValue& word : program->toArray())
            command.append(word.toString());
        for (const JsonValue& file : files->toArray()) {
            const JsonValue* path = file.find("path");
            const JsonValue* type = file.find("type");
            const JsonValue* mode = file.find("mode");
            const JsonValue* target = file.find("target");
            if (!path || !type)
                continue;
            Manifest::Entry entry;
            entry.path = path->toString();
            const QString kind = type->toString();
            entry.type = kind == u"symlink"_s ? Manifest::Entry::Type::Symlink
                : kind == u"directory"_s      ? Manifest::Entry::Type::Directory
                                              : Manifest::Entry::Type::File;
            entry.mode = mode && mode->isInteger() ? int(mode->toInteger()) : 0;
            entry.target = target ? target->toString() : QString();
            entries.push_back(std::move(entry));
        }
    }
    if (const auto problem = HealthProgram::problem(entries, command))
        check.failure = *problem;
    else
        check.output = ReleaseAudit::tr("%1 is an executable file of the release.").arg(command.front());
}

std::vector<TrialResult> Auditor::run()
{
    std::vector<TrialResult> results;
    QElapsedTimer timer;
    auto timed = [&](const QString& name, const std::function<void(TrialResult&)>& check) {
        timer.start();
        TrialResult result = this->result(name);
        check(result);
        result.passed = result.failure.isEmpty();
        result.milliseconds = timer.elapsed();
        results.push_back(std::move(result));
    };
    loadEarlier();
    timed(ReleaseAudit::kManifest, [&](TrialResult& check) { checkManifest(check); });
    if (!m_scratch.isValid()) {
        results.back().passed = false;
        results.back().failure = ReleaseAudit::tr("A scratch folder cannot be made: %1").arg(m_scratch.errorString());
        return results;
    }
    if (!m_manifest) {
        const QString skipped = ReleaseAudit::tr("Not checked: %1").arg(m_manifestProblem);
        for (const QString& check : {ReleaseAudit::kObjects, ReleaseAudit::kPatches, ReleaseAudit::kBundle}) {
            TrialResult result = this->result(check);
            result.failure = skipped;
            results.push_back(std::move(result));
        }
        timed(ReleaseAudit::kHealthProgram, [&](TrialResult& check) { checkHealthProgram(check); });
        return results;
    }
    timed(ReleaseAudit::kObjects, [&](TrialResult& check) { checkObjects(check); });
    std::ranges::move(checkPatches(), std::back_inserter(results));
    std::ranges::move(checkPacks(), std::back_inserter(results));
    timed(ReleaseAudit::kBundle, [&](TrialResult& check) { checkBundle(check); });
    timed(ReleaseAudit::kHealthProgram, [&](TrialResult& check) { checkHealthProgram(check); });
    return results;
}

} // namespace

std::expected<std::vector<TrialResult>, Error> ReleaseAudit::run(const QDateTime& now) const
{
    const auto version = Version::parse(m_options.version);
    if (!version)
        return std::unexpected(Error{Error::Code::Usage, version.error().message});
    QByteArray root = m_options.trustedRoot;
    if (root.isEmpty()) {
        QFile file(m_options.repository + u"/metadata/1.root.json"_s);
        if (!file.open(QIODevice::ReadOnly)) {
            return std::unexpected(Error{Error::Code::NotFound,
                tr("%1 is not a repository: its first root metadata, metadata/1.root.json, cannot be read (%2).")
                    .arg(m_options.repository, file.errorString())});
        }
        root = file.readAll();
    }
    QTemporaryDir state;
    if (!state.isValid())
        return std::unexpected(
            Error{Error::Code::Io, tr("A scratch folder cannot be made: %1").arg(state.errorString())});
    const QString stateFile = state.filePath(u"trusted-metadata.json"_s);
    if (auto trusted = RepositoryClient::trustRoot(stateFile, root); !trusted)
        return std::unexpected(trusted.error());
    RepositoryClient client({std::make_shared<DirectorySource>(m_options.repository)}, stateFile);
    if (auto refreshed = client.refresh(now); !refreshed)
        return std::unexpected(refreshed.error());
    auto trusted = client.trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    const TrustedSet& set = **trusted;
    const QStringList channels = Channels(set).names();
    if (!channels.contains(m_options.channel)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("%1 has no channel \"%2\"; its channels are: %3.")
                .arg(m_options.repository, m_options.channel, channels.join(u", "_s))});
    }
    auto offered = ReleaseSelector::releases(set, m_options.channel, m_options.app);
    if (!offered)
        return std::unexpected(offered.error());
    const auto release = std::ranges::find_if(
        *offered, [&](const ReleaseSelector::Release& candidate) { return candidate.version == *version; });
    if (release == offered->end()) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("%1 %2 is not on the %3 channel of %4.")
                .arg(m_options.app, version->toString(), m_options.channel, m_options.repository)});
    }
    // Updates come from releases on every channel (a beta user updates to a stable release too): the least
    // stable channel sees them all.
    auto all = ReleaseSelector::releases(set, channels.last(), m_options.app);
    if (!all)
        return std::unexpected(all.error());
    std::vector<ReleaseSelector::Release> earlier;
    for (const ReleaseSelector::Release& candidate : *all) {
        if (candidate.version < *version)
            earlier.push_back(candidate);
    }
    return Auditor(m_options, set, *release, std::move(earlier)).run();
}
