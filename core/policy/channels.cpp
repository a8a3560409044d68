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
        const DelegatedRole* delegation = m_trusted.targets()->delegatedRole(all[i]);
        for (const auto& [path, info] : role->targets) {
            // A role may only vouch for the paths delegated to it.
            if (delegation->matches(path))
                visible.try_emplace(path, Target{all[i], info});
        }
    }
    return visible;
}
