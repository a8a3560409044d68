#include "channels.h"

using namespace Qt::StringLiterals;

QStringList Channels::names() const
{
    QStringList names;
    const TargetsMetadata* top = m_trusted.targets();
    if (top && top->delegations) {
        for (const DelegatedRole& role : top->delegations->roles)
            names.append(role.name);
    }
    return names;
}

bool Channels::isFollowed(const QString& channel, const QString& subscribed) const
{
    const QStringList all = names();
    const qsizetype index = all.indexOf(channel);
    return index >= 0 && index <= all.indexOf(subscribed);
}

std::expected<std::map<QString, Channels::Target>, Error> Channels::visibleTargets(const QString& channel) const
{
    const QStringList all = names();
    const qsizetype last = all.indexOf(channel);
    if (last < 0) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("The repository has no channel \"%1\"; it has %2.").arg(channel, all.join(u", "_s))});
    }
    std::map<QString, Target> visible;
    for (qsizetype i = 0; i <= last; ++i) {
        // A refresh for another channel may have left a less stable one out (a broken one).
        const TargetsMetadata* role = m_trusted.targets(all[i]);
        if (!role) {
            return std::unexpected(Error{Error::Code::NotFound,
                tr("The releases of channel \"%1\" are not known yet; check for updates again.").arg(all[i])});
        }
        for (auto& [path, info] : targetsOf(all[i]))
            visible.try_emplace(path, Target{all[i], std::move(info)});
    }
    return visible;
}

std::map<QString, TargetFileInfo> Channels::targetsOf(const QString& channel) const
{
    std::map<QString, TargetFileInfo> found;
    const TargetsMetadata* top = m_trusted.targets();
    const DelegatedRole* delegation = top ? top->delegatedRole(channel) : nullptr;
    if (!delegation)
        return found;
    std::set<QString> visited;
    collect(channel, {delegation}, found, visited);
    return found;
}

void Channels::collect(const QString& role, const std::vector<const DelegatedRole*>& above,
    std::map<QString, TargetFileInfo>& found, std::set<QString>& visited) const
{
    const TargetsMetadata* metadata = m_trusted.targets(role);
    // Delegations may form a cycle, and a trusted set holds only so many roles.
    if (!metadata || !visited.insert(role).second || visited.size() > size_t(TrustedSet::kMaxRoles))
        return;
    // A role may only vouch for the paths delegated to it, by every delegation on the way down.
    const auto allowed = [&above](const QString& path) {
        return std::all_of(above.begin(), above.end(), [&](const DelegatedRole* d) { return d->matches(path); });
    };
    for (const auto& [path, info] : metadata->targets) {
        if (allowed(path))
            found.try_emplace(path, info);
    }
    if (!metadata->delegations)
        return;
    std::vector<const DelegatedRole*> terminating;
    for (const DelegatedRole& child : metadata->delegations->roles) {
        std::map<QString, TargetFileInfo> below;
        std::vector<const DelegatedRole*> path = above;
        path.push_back(&child);
        collect(child.name, path, below, visited);
        for (auto& [target, info] : below) {
            const bool claimed = std::any_of(
                terminating.begin(), terminating.end(), [&](const DelegatedRole* d) { return d->matches(target); });
            if (!claimed)
                found.try_emplace(target, std::move(info));
        }
        if (child.terminating)
            terminating.push_back(&child);
    }
}
