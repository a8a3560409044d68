#include "certificate.h"

#include "logging.h"
#include "trust/asn1values.h"
#include "trust/opensslhandles.h"

#include <QCryptographicHash>

#include <openssl/pem.h>

namespace {

// A certificate is a few kilobytes; this bounds what a hostile file makes us parse.
constexpr qsizetype kMaxCertificateBytes = 64 * 1024;

std::unexpected<Error> unreadable(const QString& message)
{
    qCDebug(lcIdentity) << "certificate:" << takeOpenSslError();
    return std::unexpected(Error{Error::Code::InvalidInput, message});
}

} // namespace

Certificate::Certificate(std::shared_ptr<x509_st> certificate)
    : m_certificate(std::move(certificate))
{
    unsigned char* der = nullptr;
    const int length = i2d_X509(m_certificate.get(), &der);
    if (length > 0)
        m_der = QByteArray(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
}

std::expected<Certificate, Error> Certificate::fromDer(QByteArrayView der)
{
    if (der.size() > kMaxCertificateBytes) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("The certificate is %1 bytes long; a certificate is never larger than %2 bytes.")
                .arg(der.size())
                .arg(kMaxCertificateBytes)});
    }
    const auto* start = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* cursor = start;
    X509Handle parsed(d2i_X509(nullptr, &cursor, long(der.size())));
    if (!parsed)
        return unreadable(tr("The certificate is not a readable DER X.509 certificate."));
    if (cursor != start + der.size())
        return unreadable(tr("The certificate has %1 bytes after its end.").arg(start + der.size() - cursor));
    return Certificate(std::shared_ptr<x509_st>(parsed.release(), X509_free));
}

std::expected<Certificate, Error> Certificate::fromPem(QByteArrayView pem)
{
    if (pem.size() > 4 * kMaxCertificateBytes) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("The certificate file is %1 bytes long; a certificate is never larger than %2 bytes.")
                .arg(pem.size())
                .arg(kMaxCertificateBytes)});
    }
    BioHandle bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    X509Handle parsed(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!parsed)
        return unreadable(tr("The file holds no readable PEM certificate (\"-----BEGIN CERTIFICATE-----\")."));
    return Certificate(std::shared_ptr<x509_st>(parsed.release(), X509_free));
}

QByteArray Certificate::der() const
{
    return m_der;
}

QByteArray Certificate::pem() const
{
    BioHandle bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), m_certificate.get()) != 1)
        return {};
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, length);
}

QString Certificate::serial() const
{
    return serialText(X509_get0_serialNumber(m_certificate.get()));
}

QString Certificate::subject() const
{
    return nameText(X509_get_subject_name(m_certificate.get()));
}

QString Certificate::issuer() const
{
    return nameText(X509_get_issuer_name(m_certificate.get()));
}

QString Certificate::organization() const
{
    return nameEntry(X509_get_subject_name(m_certificate.get()), NID_organizationName);
}

QString Certificate::commonName() const
{
    return nameEntry(X509_get_subject_name(m_certificate.get()), NID_commonName);
}

QDateTime Certificate::notBefore() const
{
    return fromAsn1Time(X509_get0_notBefore(m_certificate.get()));
}

QDateTime Certificate::notAfter() const
{
    return fromAsn1Time(X509_get0_notAfter(m_certificate.get()));
}

QString Certificate::fingerprint() const
{
    const QByteArray hex = QCryptographicHash::hash(m_der, QCryptographicHash::Sha256).toHex(':').toUpper();
    return QString::fromLatin1(hex);
}
