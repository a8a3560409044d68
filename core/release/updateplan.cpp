#include "updateplan.h"

#include "release/repositorypaths.h"

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

UpdatePlan UpdatePlan::make(const Manifest& target, const Manifest* installed, const IntactCheck& intact)
{
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
        step.object = target.objects.at(entry.sha256); // validate() made sure it is there
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
    return plan;
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

std::vector<UpdatePlan::Download> UpdatePlan::downloads() const
{
    std::vector<Download> list;
    for (const auto& [sha, step] : m_steps) {
        if (step.source == Step::Source::Patch)
            list.push_back(download(sha, step.size, step.patch, step.installedPath));
        else if (step.source == Step::Source::Object)
            list.push_back(download(sha, step.size, step.object));
    }
    return list;
}

qint64 UpdatePlan::downloadSize() const
{
    qint64 bytes = 0;
    for (const auto& [sha, step] : m_steps)
        bytes += step.downloadSize();
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
