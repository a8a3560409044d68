#include "repositorysource.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

std::expected<RepositorySource::Fetched, Error> RepositorySource::fetchIfChanged(
    const QString& path, qint64 maxLength, const QByteArray& /*validator*/)
{
    auto bytes = fetch(path, maxLength);
    if (!bytes)
        return std::unexpected(bytes.error());
    return Fetched{std::move(*bytes), {}};
}

bool RepositorySource::isSafePath(const QString& path)
{
    if (path.isEmpty() || path.contains(u'\\') || path.contains(QChar(0)))
        return false;
    const QStringList parts = path.split(u'/');
    return std::none_of(parts.begin(), parts.end(),
        [](const QString& part) { return part.isEmpty() || part == u"."_s || part == u".."_s; });
}

Error RepositorySource::unsafePath(const QString& path)
{
    return Error{Error::Code::InvalidInput, tr("Refused the unsafe path \"%1\".").arg(path)};
}

Error RepositorySource::noFile(const QString& source, const QString& path)
{
    return Error{Error::Code::NotFound, tr("%1 has no file %2.").arg(source, path)};
}

Error RepositorySource::tooLong(const QString& what, qint64 allowed)
{
    return Error{Error::Code::LimitExceeded,
        tr("%1 is longer than the %2 bytes allowed for it (endless data).").arg(what).arg(allowed)};
}
