#include "fuzzidentity.h"

#include "trust/asn1values.h"
#include "trust/opensslhandles.h"

#include <openssl/x509.h>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

// The fixture either is what it says or neither program can run.
template <typename T> T required(std::expected<T, Error> result, const char* what)
{
    if (!result) {
        std::fprintf(stderr, "FuzzIdentity: %s: %s\n", what, qPrintable(result.error().message));
        std::abort();
    }
    return std::move(*result);
}

void require(bool ok, const char* what)
{
    if (!ok) {
        std::fprintf(stderr, "FuzzIdentity: %s: %s\n", what, takeOpenSslError().constData());
        std::abort();
    }
}

} // namespace

FuzzIdentity::FuzzIdentity()
    : m_caKey(required(SigningKey::fromSeed(QByteArray(32, 'c')), "CA key"))
{
    const Certificate random = required(CertificateAuthority::create(m_caKey, u"Fuzz GmbH"_s, created()), "CA");
    m_authority.emplace(reissued(random, u"01"_s, m_caKey), m_caKey);
    const QDateTime thisUpdate(QDate(2030, 6, 1), QTime(0, 0), Qt::UTC);
    m_revocationList = required(
        m_authority->revocationList(
            {{revokedSerial(), thisUpdate.addDays(-1), RevocationList::Reason::KeyCompromise}}, 5, thisUpdate),
        "revocation list");
}

PublisherAnchor FuzzIdentity::anchor() const
{
    return PublisherAnchor{u"Fuzz GmbH"_s, m_authority->certificate().der()};
}

QByteArray FuzzIdentity::manifest()
{
    return QByteArrayLiteral("{\"application\":\"app\",\"version\":\"1.2.0\",\"files\":[]}\n");
}

QDateTime FuzzIdentity::now()
{
    return QDateTime(QDate(2030, 6, 10), QTime(12, 0), Qt::UTC);
}

QDateTime FuzzIdentity::created()
{
    return QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
}

Certificate FuzzIdentity::reissued(const Certificate& certificate, const QString& serial, const SigningKey& key)
{
    X509Handle copy(X509_dup(certificate.x509()));
    Asn1IntegerHandle number = serialFromText(serial);
    require(copy && number && X509_set_serialNumber(copy.get(), number.get()) == 1, "serial");
    const EVP_MD* digest = key.algorithm() == SigningKey::Algorithm::EcdsaP256 ? EVP_sha256() : nullptr;
    require(X509_sign(copy.get(), key.evpKey(), digest) > 0, "X509_sign");
    unsigned char* der = nullptr;
    const int length = i2d_X509(copy.get(), &der);
    require(length > 0, "i2d_X509");
    Certificate result
        = required(Certificate::fromDer(QByteArrayView(reinterpret_cast<const char*>(der), length)), "reissued");
    OPENSSL_free(der);
    return result;
}
