#pragma once

#include "error.h"
#include "net/httpcredentials.h"

#include <QCoreApplication>
#include <QMutex>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrl>

#include <optional>

// How Upkeep asks a web server for a file, the same for every transfer: its User-Agent, no cache,
// the file's own bytes (Accept-Encoding: identity, so that lengths and Range count them), HTTP/1.1
// (whose read buffer holds the server back while a transfer is paused or limited), redirects left
// to HttpExchange, for https the configured certificate authorities or the system's, and the
// credentials of a private repository on requests to their own origin only.
class HttpRequestPolicy
{
    Q_DECLARE_TR_FUNCTIONS(HttpRequestPolicy)

public:
    // caFile: a PEM file of the only certificate authorities to trust for https (a private
    // repository, a test's throw-away CA); empty for the system's store. TLS errors are never ignored.
    // credentials: a private repository's, attached to requests to their origin and no other.
    explicit HttpRequestPolicy(QString caFile, HttpCredentials credentials = {});
    Q_DISABLE_COPY(HttpRequestPolicy)

    // A GET of `url`; fails only when the certificate authority file or the client certificate
    // cannot be used. Thread-safe.
    [[nodiscard]] std::expected<QNetworkRequest, Error> request(const QUrl& url);

    // base/path, with `path` (relative, "/"-separated) percent-encoded as one URL path.
    [[nodiscard]] static QUrl fileUrl(const QUrl& base, const QString& path);
    // Refuses a private key file that users other than its owner may read or write.
    [[nodiscard]] static std::expected<void, Error> checkPrivate(const QString& keyFile);
    // An address as messages show it: without a password.
    [[nodiscard]] static QString display(const QUrl& url);

private:
    std::expected<QSslConfiguration, Error> sslConfiguration(bool withClientCertificate);
    std::expected<void, Error> addClientCertificate(QSslConfiguration& configuration) const;

    QString m_caFile;
    HttpCredentials m_credentials;
    QMutex m_mutex; // guards m_ssl and m_sslWithClient
    std::optional<QSslConfiguration> m_ssl;
    std::optional<QSslConfiguration> m_sslWithClient;
};
