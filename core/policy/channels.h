#pragma once

#include "trust/trustedset.h"

#include <set>

// Upkeep's channels over TUF: each channel is a role delegated by the top-level targets role, in
// order from the most stable. A subscriber of a channel sees that channel's targets and those of
// every more stable channel (a beta user gets a stable release that is newer than any beta).
class Channels
{
    Q_DECLARE_TR_FUNCTIONS(Channels)

public:
    explicit Channels(const TrustedSet& trusted)
        : m_trusted(trusted)
    { }

    // Channel names, most stable first.
    [[nodiscard]] QStringList names() const;
    // Whether a subscriber of `subscribed` sees `channel`: it is that channel or a more stable one.
    [[nodiscard]] bool isFollowed(const QString& channel, const QString& subscribed) const;
    // Every target a subscriber of `channel` may install, with the channel that lists it (the
    // most stable one, when several do).
    struct Target {
        QString channel;
        TargetFileInfo info;
    };
    [[nodiscard]] std::expected<std::map<QString, Target>, Error> visibleTargets(const QString& channel) const;
    // The targets `channel` publishes, as TUF's pre-order search finds them among the trusted roles:
    // the channel's own, then those of the roles it delegates to (each application's), each only
    // within the paths of every delegation above it; a path a terminating delegation matches is
    // left to that delegation alone. Roles not loaded (another application's) add nothing.
    [[nodiscard]] std::map<QString, TargetFileInfo> targetsOf(const QString& channel) const;

private:
    void collect(const QString& role, const std::vector<const DelegatedRole*>& above,
        std::map<QString, TargetFileInfo>& found, std::set<QString>& visited) const;

    const TrustedSet& m_trusted;
};
