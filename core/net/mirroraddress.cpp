#include "mirroraddress.h"

#include "net/httprequestpolicy.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

std::expected<MirrorAddress, Error> MirrorAddress::parse(const QString& address)
{
    const QUrl url(address);
    MirrorAddress mirror;
    if (url.scheme() == u"http"_s || url.scheme() == u"https"_s) {
        if (!url.isValid() || url.host().isEmpty()) {
            return std::unexpected(
                Error{Error::Code::InvalidInput, tr("The repository address %1 names no server.").arg(address)});
        }
        QString path = url.path(QUrl::FullyEncoded);
        while (path.endsWith(u'/'))
            path.chop(1);
        mirror.m_server = url;
        mirror.m_server.setPath(path, QUrl::TolerantMode);
        mirror.m_name = HttpRequestPolicy::display(mirror.m_server);
        return mirror;
    }
    if (url.scheme() == u"file"_s || url.scheme().isEmpty()) {
        const QString folder = url.scheme().isEmpty() ? address : url.toLocalFile();
        if (folder.isEmpty()) {
            return std::unexpected(
                Error{Error::Code::InvalidInput, tr("The repository address %1 names no folder.").arg(address)});
        }
        mirror.m_folder = QFileInfo(folder).absoluteFilePath();
        mirror.m_name = folder;
        return mirror;
    }
    return std::unexpected(Error{Error::Code::Unsupported,
        tr("Repositories at %1 addresses are not supported; use file://, http:// or https://.").arg(url.scheme())});
}
