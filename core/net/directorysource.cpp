#include "directorysource.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

bool RepositorySource::isSafePath(const QString& path)
{
    if (path.isEmpty() || path.contains(u'\\') || path.contains(QChar(0)))
        return false;
    const QStringList parts = path.split(u'/');
    return std::none_of(parts.begin(), parts.end(),
        [](const QString& part) { return part.isEmpty() || part == u"."_s || part == u".."_s; });
}

std::expected<QByteArray, Error> DirectorySource::fetch(const QString& path, qint64 maxLength)
{
    if (!isSafePath(path))
        return std::unexpected(Error{Error::Code::InvalidInput, tr("Refused the unsafe path \"%1\".").arg(path)});
    QFile file(m_root + u'/' + path);
    if (!QFileInfo(file).isFile())
        return std::unexpected(Error{Error::Code::NotFound, tr("%1 has no file %2.").arg(m_root, path)});
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read %1: %2.").arg(file.fileName(), file.errorString())});
    QByteArray data = file.read(maxLength + 1);
    if (data.size() > maxLength) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("%1 is longer than the %2 bytes allowed for it (endless data).").arg(path).arg(maxLength)});
    }
    return data;
}
