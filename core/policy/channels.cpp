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
        const TargetsMetadata* role = m_trusted.targets(all[i]);
        if (!role)
            continue;
        const DelegatedRole* delegation = m_trusted.targets()->delegatedRole(all[i]);
        for (const auto& [path, info] : role->targets) {
            // A role may only vouch for the paths delegated to it.
            if (delegation->matches(path))
                visible.try_emplace(path, Target{all[i], info});
        }
    }
    return visible;
}
