#include "timestampfile.h"

#include "atomicfile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <optional>

using namespace Qt::StringLiterals;

std::expected<void, Error> writeTimestampFile(const QString& path, QByteArrayView bytes)
{
    const QFileInfo old(path);
    const std::optional<qint64> oldSecond
        = old.exists() ? std::optional(old.lastModified().toSecsSinceEpoch()) : std::nullopt;
    if (auto written = writeFileAtomically(path, bytes); !written)
        return written;
    if (!oldSecond || QFileInfo(path).lastModified().toSecsSinceEpoch() > *oldSecond)
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)
        || !file.setFileTime(QDateTime::fromSecsSinceEpoch(*oldSecond + 1), QFileDevice::FileModificationTime)) {
        return std::unexpected(Error{Error::Code::Io,
            QCoreApplication::translate("RepositoryWriter", "Cannot set the modification time of %1: %2.")
                .arg(path, file.errorString())});
    }
    return {};
}
