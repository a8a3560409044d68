#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

// Who Upkeep is to a private repository's server: a user name and password for HTTP Basic, a TLS
// client certificate, or both. They belong to the one origin (scheme, host and port) of the mirror
// they were given for, and HttpRequestPolicy attaches them to requests to that origin only: never
// across a redirect to another server, never to another mirror.
struct HttpCredentials {
    QUrl origin; // scheme, host and port; nothing is sent anywhere while it is empty
    QString user;
    QString password;   // kept in memory only: the secret store or the 0600 file holds it at rest
    QString clientCert; // PEM file of the TLS client certificate, when the server asks for one
    QString clientKey;  // PEM file of its private key, readable by its owner only

    // The origin of an http(s) address: scheme, host and port, nothing else.
    [[nodiscard]] static QUrl originOf(const QUrl& url);
    // Whether requests to `url` carry these credentials: the same scheme, host and port.
    [[nodiscard]] bool appliesTo(const QUrl& url) const;
    [[nodiscard]] bool hasPassword() const { return !user.isEmpty(); }
    [[nodiscard]] bool hasClientCertificate() const { return !clientCert.isEmpty(); }
    // The Authorization header's value for HTTP Basic; empty without a user.
    [[nodiscard]] QByteArray authorization() const;
};
