#include "repositorylock.h"

#include "console.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

std::expected<RepositoryLock, Error> RepositoryLock::acquire(
    const QString& command, const QString& repository, int waitSeconds)
{
    if (!QFileInfo(repository).isDir())
        return RepositoryLock(std::nullopt);
    if (auto taken = InstallLock::acquireFolder(repository); taken)
        return RepositoryLock(std::move(*taken));
    else if (taken.error().code != Error::Code::Usage)
        return std::unexpected(taken.error());
    const QString minutes = QString::number(waitSeconds / 60);
    warn(command,
        u"another upkeep-publish is changing %1; waiting for it to finish (up to %2 min)."_s.arg(repository, minutes));
    auto taken = InstallLock::acquireFolder(repository, waitSeconds * 1000);
    if (!taken && taken.error().code == Error::Code::Usage) {
        return std::unexpected(Error{Error::Code::Io,
            u"another upkeep-publish kept %1 locked for %2 min; nothing was changed. Look for a stuck "
            "upkeep-publish before you try again."_s.arg(repository, minutes)});
    }
    if (!taken)
        return std::unexpected(taken.error());
    return RepositoryLock(std::move(*taken));
}
