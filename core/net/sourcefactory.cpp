#include "sourcefactory.h"

#include "net/directorysource.h"
#include "net/httpsource.h"
#include "net/mirroraddress.h"

#include <QFileInfo>

std::expected<std::shared_ptr<RepositorySource>, Error> makeRepositorySource(
    const QString& address, const QString& caFile, const HttpCredentials& credentials)
{
    auto mirror = MirrorAddress::parse(address);
    if (!mirror)
        return std::unexpected(mirror.error());
    if (mirror->isFolder()) {
        if (!QFileInfo(mirror->folder()).isDir()) {
            return std::unexpected(Error{Error::Code::NotFound,
                RepositorySource::tr("The repository folder %1 does not exist.").arg(mirror->name())});
        }
        return std::make_shared<DirectorySource>(mirror->folder());
    }
    HttpSource::Options options;
    options.caFile = caFile;
    options.credentials = credentials;
    return std::make_shared<HttpSource>(address, options);
}
