#include "directorysource.h"

#include <QFile>
#include <QFileInfo>

std::expected<QByteArray, Error> DirectorySource::fetch(const QString& path, qint64 maxLength)
{
    if (!isSafePath(path))
        return std::unexpected(unsafePath(path));
    QFile file(m_root + u'/' + path);
    if (!QFileInfo(file).isFile())
        return std::unexpected(noFile(m_root, path));
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file.fileName(), file.errorString())});
    QByteArray data = file.read(maxLength + 1);
    if (data.size() > maxLength)
        return std::unexpected(tooLong(path, maxLength));
    return data;
}
