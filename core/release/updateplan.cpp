#include "updateplan.h"

#include "release/repositorypaths.h"

#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

qint64 UpdatePlan::Step::downloadSize() const
{
    switch (source) {
    case Source::Keep: return 0;
    case Source::Patch: return patch.size;
    case Source::Object: return object.size;
    }
    return object.size;
}

UpdatePlan UpdatePlan::make(const Manifest& target, const Manifest* installed, const IntactCheck& intactCheck,
    const std::vector<PackInfo>& packs)
{
    // Each installed file is hashed once, however many patches or packs start from it.
    std::map<std::pair<QString, QString>, bool> checked;
    IntactCheck intact;
    if (intactCheck) {
        intact = [&](const QString& path, const QString& sha256) {
            const auto [it, added] = checked.try_emplace({path, sha256}, false);
            if (added)
                it->second = intactCheck(path, sha256);
            return it->second;
        };
    }
    UpdatePlan plan;
    // The installed version's contents, each with one path that holds it.
    std::map<QString, QString> installedPaths;
    if (installed) {
        for (const Manifest::Entry& entry : installed->entries) {
            if (entry.type == Manifest::Entry::Type::File)
                installedPaths.try_emplace(entry.sha256, entry.path);
            if (!target.find(entry.path))
                plan.m_removed.append(entry.path);
        }
    }
    for (const Manifest::Entry& entry : target.entries) {
        if (entry.type != Manifest::Entry::Type::File || entry.size == 0 || plan.m_steps.contains(entry.sha256))
            continue;
        Step step;
        step.size = entry.size;
        // validate() made sure it is there, unless the tables file of a format-2 manifest is not loaded.
        if (const auto object = target.objects.find(entry.sha256); object != target.objects.end())
            step.object = object->second;
        if (const auto kept = installedPaths.find(entry.sha256); kept != installedPaths.end()) {
            step.source = Step::Source::Keep;
            step.installedPath = kept->second;
        } else if (const auto patches = target.patches.find(entry.sha256); patches != target.patches.end()) {
            for (const Manifest::Patch& patch : patches->second) {
                const auto from = installedPaths.find(patch.from);
                if (from == installedPaths.end() || patch.size >= step.downloadSize()
                    || (intact && !intact(from->second, patch.from)))
                    continue;
                step.source = Step::Source::Patch;
                step.patch = patch;
                step.installedPath = from->second;
            }
        }
        plan.m_steps.emplace(entry.sha256, std::move(step));
    }
    if (installed && !packs.empty())
        plan.choosePacks(target, *installed, intact, packs);
    plan.m_tablesMissing = !target.tablesLoaded;
    return plan;
}

void UpdatePlan::choosePacks(
    const Manifest& target, const Manifest& installed, const IntactCheck& intact, const std::vector<PackInfo>& packs)
{
    std::vector<PackInfo> usable;
    qint64 members = 0;
    qint64 packBytes = 0;
    for (const PackInfo& pack : packs) {
        if (pack.from == installed.version) {
            usable.push_back(pack);
            members += pack.entries;
            packBytes += pack.size + kRequestCost;
        }
    }
    if (usable.empty())
        return;
    // The contents the publisher packs (PackInfo::packable), each at the first path that has it,
    // as PackWriter chooses them; each needs the old content at its path intact.
    std::vector<Step*> covered;
    std::set<QString> seen;
    qint64 fileBytes = 0; // the per-file downloads of the covered steps
    for (const Manifest::Entry& entry : target.entries) {
        const auto step = m_steps.find(entry.sha256);
        if (step == m_steps.end() || step->second.source == Step::Source::Keep || !seen.insert(entry.sha256).second)
            continue;
        const Manifest::Entry* old = installed.find(entry.path);
        const bool hasOld = old && old->type == Manifest::Entry::Type::File && old->size > 0;
        if (!PackInfo::packable(entry.size, hasOld ? old->size : 0))
            continue;
        if (hasOld && intact && !intact(old->path, old->sha256))
            return; // the pack that holds it would not decode: per file, the rest patches and this comes whole
        covered.push_back(&step->second);
        fileBytes += step->second.downloadSize() + kRequestCost;
    }
    // A repository that packs otherwise than this client expects: its packs are not counted on.
    // Without the tables (a format-2 manifest whose tables are not loaded) the per-file costs are
    // unknown; the packs are what is known to make the contents, and loading the tables costs more.
    if (qint64(covered.size()) != members || (target.tablesLoaded && packBytes >= fileBytes))
        return;
    for (Step* step : covered)
        step->packed = true;
    m_packs = std::move(usable);
}

bool UpdatePlan::needsTables() const
{
    return m_tablesMissing && std::any_of(m_steps.begin(), m_steps.end(), [](const auto& item) {
        return item.second.source != Step::Source::Keep && !item.second.packed;
    });
}

void UpdatePlan::takePacksOf(const UpdatePlan& other)
{
    for (auto& [sha, step] : m_steps) {
        const Step* was = other.step(sha);
        step.packed = was && was->packed;
    }
    m_packs = other.m_packs;
}

const UpdatePlan::Step* UpdatePlan::step(const QString& sha256) const
{
    const auto it = m_steps.find(sha256);
    return it == m_steps.end() ? nullptr : &it->second;
}

UpdatePlan::Download UpdatePlan::download(const QString& sha256, qint64 size, const Manifest::Object& object)
{
    Download download;
    download.path = RepositoryPaths::object(sha256);
    download.length = object.size;
    download.makes = sha256;
    download.makesSize = size;
    return download;
}

UpdatePlan::Download UpdatePlan::download(
    const QString& to, qint64 size, const Manifest::Patch& patch, const QString& installedPath)
{
    Download download;
    download.path = RepositoryPaths::patch(patch.from, to);
    download.length = patch.size;
    download.makes = to;
    download.makesSize = size;
    download.patchedFrom = installedPath;
    download.format = patch.format;
    return download;
}

UpdatePlan::Download UpdatePlan::download(const PackInfo& pack)
{
    Download download;
    download.path = RepositoryPaths::pack(pack.sha256);
    download.length = pack.size;
    download.sha256 = pack.sha256;
    download.pack = true;
    return download;
}

UpdatePlan::Download UpdatePlan::fileDownload(const QString& sha256, const Step& step) const
{
    return step.source == Step::Source::Patch ? download(sha256, step.size, step.patch, step.installedPath)
                                              : download(sha256, step.size, step.object);
}

std::vector<UpdatePlan::Download> UpdatePlan::downloads() const
{
    std::vector<Download> list;
    for (const PackInfo& pack : m_packs)
        list.push_back(download(pack));
    for (const auto& [sha, step] : m_steps) {
        if (step.source != Step::Source::Keep && !step.packed)
            list.push_back(fileDownload(sha, step));
    }
    return list;
}

std::vector<UpdatePlan::Download> UpdatePlan::fallbackDownloads(const QStringList& made) const
{
    std::vector<Download> list;
    for (const auto& [sha, step] : m_steps) {
        if (step.packed && !made.contains(sha))
            list.push_back(fileDownload(sha, step));
    }
    return list;
}

QStringList UpdatePlan::packedContents() const
{
    QStringList list;
    for (const auto& [sha, step] : m_steps) {
        if (step.packed)
            list.append(sha);
    }
    return list;
}

qint64 UpdatePlan::downloadSize() const
{
    qint64 bytes = 0;
    for (const PackInfo& pack : m_packs)
        bytes += pack.size;
    for (const auto& [sha, step] : m_steps) {
        if (!step.packed)
            bytes += step.downloadSize();
    }
    return bytes;
}

qint64 UpdatePlan::objectSize() const
{
    qint64 bytes = 0;
    for (const auto& [sha, step] : m_steps) {
        if (step.source != Step::Source::Keep)
            bytes += step.object.size;
    }
    return bytes;
}
