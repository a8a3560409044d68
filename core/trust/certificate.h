#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <memory>

struct x509_st;

// An immutable X.509 certificate: the publisher's CA or a release signer. Cheap to copy (the
// parsed certificate is shared). What it shows is written the way SignerFacts carries it.
class Certificate
{
    Q_DECLARE_TR_FUNCTIONS(Certificate)

public:
    // Exactly one DER certificate, nothing after it.
    static std::expected<Certificate, Error> fromDer(QByteArrayView der);
    // The first certificate of a PEM text.
    static std::expected<Certificate, Error> fromPem(QByteArrayView pem);

    [[nodiscard]] QByteArray der() const;
    [[nodiscard]] QByteArray pem() const;
    // Upper-case hex without separators, as `openssl x509 -serial` prints it.
    [[nodiscard]] QString serial() const;
    // RFC 2253, e.g. "CN=build server,O=Example GmbH".
    [[nodiscard]] QString subject() const;
    [[nodiscard]] QString issuer() const;
    [[nodiscard]] QString organization() const;
    [[nodiscard]] QString commonName() const;
    [[nodiscard]] QDateTime notBefore() const;
    [[nodiscard]] QDateTime notAfter() const;
    // SHA-256 of the DER, upper-case hex pairs joined by ':'.
    [[nodiscard]] QString fingerprint() const;

    // For the OpenSSL calls of the trust and publishing code; the certificate must not be changed.
    [[nodiscard]] x509_st* x509() const { return m_certificate.get(); }

    friend bool operator==(const Certificate& a, const Certificate& b) { return a.der() == b.der(); }

private:
    explicit Certificate(std::shared_ptr<x509_st> certificate);

    std::shared_ptr<x509_st> m_certificate;
    QByteArray m_der;
};
