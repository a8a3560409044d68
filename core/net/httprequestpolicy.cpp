#include "httprequestpolicy.h"

#include "upkeepversion.h"

#include <QFile>
#include <QMutexLocker>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

HttpRequestPolicy::HttpRequestPolicy(QString caFile)
    : m_caFile(std::move(caFile))
{ }

std::expected<QNetworkRequest, Error> HttpRequestPolicy::request(const QUrl& url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Upkeep/" UPKEEP_VERSION));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept-Encoding", "identity");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (url.scheme() == u"https"_s) {
        auto ssl = sslConfiguration();
        if (!ssl)
            return std::unexpected(ssl.error());
        request.setSslConfiguration(*ssl);
    }
    return request;
}

QUrl HttpRequestPolicy::fileUrl(const QUrl& base, const QString& path)
{
    QString basePath = base.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    QUrl url = base;
    url.setPath(basePath + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(path, "/")), QUrl::TolerantMode);
    return url;
}

QString HttpRequestPolicy::display(const QUrl& url)
{
    return url.toDisplayString(QUrl::RemovePassword);
}

std::expected<QSslConfiguration, Error> HttpRequestPolicy::sslConfiguration()
{
    QMutexLocker lock(&m_mutex);
    if (m_ssl)
        return *m_ssl;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!m_caFile.isEmpty()) {
        QFile file(m_caFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return std::unexpected(Error{Error::Code::Io,
                tr("Cannot read the certificate authority file %1: %2.").arg(m_caFile, file.errorString())});
        }
        const QList<QSslCertificate> authorities = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (authorities.isEmpty()) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("The certificate authority file %1 holds no PEM certificate.").arg(m_caFile)});
        }
        // Replacing the list also stops Qt from loading the system's authorities on demand.
        configuration.setCaCertificates(authorities);
    }
    m_ssl = configuration;
    return configuration;
}
