#pragma once

#include "install/installlock.h"

#include <optional>

// Keeps a second upkeep-publish off a repository while one changes it (a release being signed while
// cron's rollout runs): an installation's kind of flock, taken on the repository folder itself so
// that no file is added to what a server serves. A command that finds it taken says so and waits
// for the other to finish.
class RepositoryLock
{
public:
    // Takes the lock, waiting up to `waitSeconds` for another holder; `command` names the waiting
    // command in the line it prints while it waits. A folder that does not exist holds nothing to
    // lock: the command's own reading of it says what is wrong.
    static std::expected<RepositoryLock, Error> acquire(
        const QString& command, const QString& repository, int waitSeconds = kDefaultWaitSeconds);

    // Longer than publishing a large release with patches takes (minutes), shorter than a stuck
    // process would let cron's runs pile up.
    static constexpr int kDefaultWaitSeconds = 30 * 60;

private:
    explicit RepositoryLock(std::optional<InstallLock> lock)
        : m_lock(std::move(lock))
    { }
    std::optional<InstallLock> m_lock;
};
