#pragma once

#include "error.h"

#include <QCoreApplication>
#include <QMutex>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrl>

#include <optional>

// How Upkeep asks a web server for a file, the same for every transfer: its User-Agent, no cache,
// the file's own bytes (Accept-Encoding: identity, so that lengths and Range count them), HTTP/1.1
// (whose read buffer holds the server back while a transfer is paused or limited), redirects left
// to HttpExchange, and for https the configured certificate authorities or the system's.
class HttpRequestPolicy
{
    Q_DECLARE_TR_FUNCTIONS(HttpRequestPolicy)

public:
    // caFile: a PEM file of the only certificate authorities to trust for https (a private
    // repository, a test's throw-away CA); empty for the system's store. TLS errors are never ignored.
    explicit HttpRequestPolicy(QString caFile);
    Q_DISABLE_COPY(HttpRequestPolicy)

    // A GET of `url`; fails only when the certificate authority file cannot be used. Thread-safe.
    [[nodiscard]] std::expected<QNetworkRequest, Error> request(const QUrl& url);

    // base/path, with `path` (relative, "/"-separated) percent-encoded as one URL path.
    [[nodiscard]] static QUrl fileUrl(const QUrl& base, const QString& path);
    // An address as messages show it: without a password.
    [[nodiscard]] static QString display(const QUrl& url);

private:
    std::expected<QSslConfiguration, Error> sslConfiguration();

    QString m_caFile;
    QMutex m_mutex; // guards m_ssl
    std::optional<QSslConfiguration> m_ssl;
};
