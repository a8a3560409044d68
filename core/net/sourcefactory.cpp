#include "sourcefactory.h"

#include "net/directorysource.h"

#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

std::expected<std::shared_ptr<RepositorySource>, Error> makeRepositorySource(const QString& address)
{
    const QUrl url(address);
    if (url.scheme() == u"file"_s || url.scheme().isEmpty()) {
        const QString folder = url.scheme().isEmpty() ? address : url.toLocalFile();
        if (!QFileInfo(folder).isDir()) {
            return std::unexpected(Error{Error::Code::NotFound,
                                         QCoreApplication::translate("RepositorySource", "The repository folder %1 does not exist.").arg(folder)});
        }
        return std::make_shared<DirectorySource>(QFileInfo(folder).absoluteFilePath());
    }
    return std::unexpected(Error{Error::Code::Unsupported,
                                 QCoreApplication::translate("RepositorySource", "Repositories at %1 addresses are not supported; use "
                                                                                 "file://, http:// or https://.")
                                     .arg(url.scheme())});
}
