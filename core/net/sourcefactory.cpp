#include "sourcefactory.h"

#include "net/directorysource.h"
#include "net/httpsource.h"

#include <QFileInfo>
#include <QUrl>

using namespace Qt::StringLiterals;

std::expected<std::shared_ptr<RepositorySource>, Error> makeRepositorySource(
    const QString& address, const QString& caFile)
{
    const QUrl url(address);
    if (url.scheme() == u"file"_s || url.scheme().isEmpty()) {
        const QString folder = url.scheme().isEmpty() ? address : url.toLocalFile();
        if (!QFileInfo(folder).isDir()) {
            return std::unexpected(Error{Error::Code::NotFound,
                QCoreApplication::translate("RepositorySource", "The repository folder %1 does not exist.")
                    .arg(folder)});
        }
        return std::make_shared<DirectorySource>(QFileInfo(folder).absoluteFilePath());
    }
    if (url.scheme() == u"http"_s || url.scheme() == u"https"_s) {
        if (!url.isValid() || url.host().isEmpty()) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                QCoreApplication::translate("RepositorySource", "The repository address %1 names no server.")
                    .arg(address)});
        }
        HttpSource::Options options;
        options.caFile = caFile;
        return std::make_shared<HttpSource>(address, options);
    }
    return std::unexpected(Error{Error::Code::Unsupported,
        QCoreApplication::translate("RepositorySource",
            "Repositories at %1 addresses are not supported; use "
            "file://, http:// or https://.")
            .arg(url.scheme())});
}
