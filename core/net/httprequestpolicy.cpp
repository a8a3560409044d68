#include "httprequestpolicy.h"

#include "upkeepversion.h"

#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSslCertificate>
#include <QSslKey>

using namespace Qt::StringLiterals;

HttpRequestPolicy::HttpRequestPolicy(QString caFile, HttpCredentials credentials)
    : m_caFile(std::move(caFile))
    , m_credentials(std::move(credentials))
{ }

std::expected<QNetworkRequest, Error> HttpRequestPolicy::request(const QUrl& url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Upkeep/" UPKEEP_VERSION));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept-Encoding", "identity");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    const bool own = m_credentials.appliesTo(url);
    if (own && m_credentials.hasPassword())
        request.setRawHeader("Authorization", m_credentials.authorization());
    if (url.scheme() == u"https"_s) {
        auto ssl = sslConfiguration(own && m_credentials.hasClientCertificate());
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

std::expected<QSslConfiguration, Error> HttpRequestPolicy::sslConfiguration(bool withClientCertificate)
{
    QMutexLocker lock(&m_mutex);
    if (withClientCertificate && m_sslWithClient)
        return *m_sslWithClient;
    if (!withClientCertificate && m_ssl)
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
    if (withClientCertificate) {
        if (auto added = addClientCertificate(configuration); !added)
            return std::unexpected(added.error());
        m_sslWithClient = configuration;
    } else {
        m_ssl = configuration;
    }
    return configuration;
}

std::expected<void, Error> HttpRequestPolicy::addClientCertificate(QSslConfiguration& configuration) const
{
    const QString& certFile = m_credentials.clientCert;
    const QString& keyFile = m_credentials.clientKey.isEmpty() ? certFile : m_credentials.clientKey;
    QFile cert(certFile);
    if (!cert.open(QIODevice::ReadOnly)) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read the client certificate %1: %2.").arg(certFile, cert.errorString())});
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(cert.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        return std::unexpected(Error{
            Error::Code::InvalidInput, tr("The client certificate file %1 holds no PEM certificate.").arg(certFile)});
    }
    if (auto private_ = checkPrivate(keyFile); !private_)
        return private_;
    QFile key(keyFile);
    if (!key.open(QIODevice::ReadOnly)) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot read the client key %1: %2.").arg(keyFile, key.errorString())});
    }
    const QByteArray pem = key.readAll();
    QSslKey privateKey;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        privateKey = QSslKey(pem, algorithm, QSsl::Pem);
        if (!privateKey.isNull())
            break;
    }
    if (privateKey.isNull()) {
        return std::unexpected(Error{Error::Code::InvalidInput,
            tr("The client key file %1 holds no unencrypted PEM private key.").arg(keyFile)});
    }
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(privateKey);
    return {};
}

std::expected<void, Error> HttpRequestPolicy::checkPrivate(const QString& keyFile)
{
    constexpr QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther;
    if (QFileInfo::exists(keyFile) && (QFile::permissions(keyFile) & others)) {
        return std::unexpected(Error{Error::Code::Usage,
            tr("The client key %1 may be read by other users; make it private first (chmod 600 %1).").arg(keyFile)});
    }
    return {};
}
