#include "testidentity.h"

#include "publish/manifestsigner.h"
#include "trust/asn1values.h"
#include "trust/opensslhandles.h"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace {

// Test fixtures either work or the test cannot run: fail loudly with OpenSSL's reason.
template <typename T> T required(std::expected<T, Error> result, const char* what)
{
    if (!result)
        qFatal("TestIdentity: %s: %s", what, qPrintable(result.error().message));
    return std::move(*result);
}

void require(bool ok, const char* what)
{
    if (!ok)
        qFatal("TestIdentity: %s: %s", what, takeOpenSslError().constData());
}

QDateTime nowToTheSecond()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
}

} // namespace

TestIdentity::TestIdentity(const QString& organization, SigningKey::Algorithm algorithm, const QDateTime& created)
    : m_organization(organization)
    , m_created(created.isValid() ? created.toUTC() : nowToTheSecond())
    , m_caKey(required(SigningKey::generate(algorithm), "CA key"))
{
    m_authority.emplace(
        required(CertificateAuthority::create(m_caKey, organization, m_created.addDays(-1)), "CA certificate"),
        m_caKey);
}

PublisherAnchor TestIdentity::anchor() const
{
    return PublisherAnchor{m_organization, caCertificate().der()};
}

PublisherCheck TestIdentity::check(std::vector<Certificate> pinned) const
{
    return PublisherCheck(anchor(), std::move(pinned));
}

TestIdentity::Signer TestIdentity::signer(
    const QString& name, const QDateTime& notBefore, int days, SigningKey::Algorithm algorithm) const
{
    SigningKey key = required(SigningKey::generate(algorithm), "signer key");
    Certificate certificate = required(
        m_authority->issue(key.publicKey(), name, notBefore.isValid() ? notBefore : m_created, days), "signer");
    return Signer{std::move(certificate), std::move(key)};
}

TestIdentity::Signer TestIdentity::reissued(const Signer& signer, const std::function<void(x509_st*)>& change) const
{
    X509Handle copy(X509_dup(signer.certificate.x509()));
    require(bool(copy), "X509_dup");
    change(copy.get());
    const EVP_MD* digest = m_caKey.algorithm() == SigningKey::Algorithm::EcdsaP256 ? EVP_sha256() : nullptr;
    require(X509_sign(copy.get(), m_caKey.evpKey(), digest) > 0, "X509_sign");
    unsigned char* der = nullptr;
    const int length = i2d_X509(copy.get(), &der);
    require(length > 0, "i2d_X509");
    Certificate certificate
        = required(Certificate::fromDer(QByteArrayView(reinterpret_cast<const char*>(der), length)), "reissued");
    OPENSSL_free(der);
    return Signer{std::move(certificate), signer.key};
}

TestIdentity::Signer TestIdentity::without(const Signer& signer, int nid) const
{
    return reissued(signer, [nid](x509_st* certificate) {
        const int index = X509_get_ext_by_NID(certificate, nid, -1);
        require(index >= 0, "extension to remove");
        X509_EXTENSION_free(X509_delete_ext(certificate, index));
    });
}

RevocationList TestIdentity::revocationList(
    const std::vector<RevocationList::Revocation>& revoked, quint64 number, const QDateTime& thisUpdate, int days) const
{
    return required(
        m_authority->revocationList(revoked, number, thisUpdate.isValid() ? thisUpdate : m_created, days), "CRL");
}

RevocationList TestIdentity::revoking(
    const Signer& signer, RevocationList::Reason reason, quint64 number, const QDateTime& date) const
{
    const QDateTime when = date.isValid() ? date : m_created;
    return revocationList({{signer.certificate.serial(), when, reason}}, number, when);
}

RevocationList TestIdentity::revocationListWithoutNumber() const
{
    const RevocationList numbered = revocationList();
    X509CrlHandle crl(X509_CRL_dup(numbered.crl()));
    require(bool(crl), "X509_CRL_dup");
    const int index = X509_CRL_get_ext_by_NID(crl.get(), NID_crl_number, -1);
    require(index >= 0, "crlNumber");
    X509_EXTENSION_free(X509_CRL_delete_ext(crl.get(), index));
    const EVP_MD* digest = m_caKey.algorithm() == SigningKey::Algorithm::EcdsaP256 ? EVP_sha256() : nullptr;
    require(X509_CRL_sign(crl.get(), m_caKey.evpKey(), digest) > 0, "X509_CRL_sign");
    unsigned char* der = nullptr;
    const int length = i2d_X509_CRL(crl.get(), &der);
    require(length > 0, "i2d_X509_CRL");
    RevocationList list
        = required(RevocationList::fromDer(QByteArrayView(reinterpret_cast<const char*>(der), length)), "CRL");
    OPENSSL_free(der);
    return list;
}

QByteArray TestIdentity::sign(QByteArrayView manifest, const Signer& signer, const QDateTime& signingTime) const
{
    return required(ManifestSigner::sign(manifest, signer.certificate, signer.key, {caCertificate()},
                        signingTime.isValid() ? signingTime : defaultSigningTime()),
        "manifest signature");
}

QByteArray TestIdentity::signCms(
    QByteArrayView manifest, const Signer& signer, const QDateTime& signingTime, const CmsShape& shape) const
{
    const unsigned int flags = CMS_BINARY | CMS_PARTIAL | (shape.attached ? 0 : CMS_DETACHED);
    CmsHandle cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
    require(bool(cms), "CMS_sign");
    std::vector<const Signer*> signers{&signer};
    for (const Signer& more : shape.moreSigners)
        signers.push_back(&more);
    for (const Signer* one : signers) {
        unsigned int signerFlags = flags | CMS_NOSMIMECAP;
        if (!shape.signerCertificate)
            signerFlags |= CMS_NOCERTS;
        if (!shape.signedAttributes)
            signerFlags |= CMS_NOATTR;
        CMS_SignerInfo* info
            = CMS_add1_signer(cms.get(), one->certificate.x509(), one->key.evpKey(), EVP_sha256(), signerFlags);
        require(info != nullptr, "CMS_add1_signer");
        if (shape.signedAttributes) {
            Asn1TimeHandle time = toAsn1Time(signingTime);
            require(
                CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, ASN1_STRING_type(time.get()), time.get(), -1)
                    == 1,
                "signingTime");
        }
    }
    require(CMS_add1_cert(cms.get(), caCertificate().x509()) == 1, "CMS_add1_cert");
    BioHandle content(BIO_new_mem_buf(manifest.data(), int(manifest.size())));
    require(CMS_final(cms.get(), content.get(), nullptr, flags) == 1, "CMS_final");
    unsigned char* der = nullptr;
    const int length = i2d_CMS_ContentInfo(cms.get(), &der);
    require(length > 0, "i2d_CMS_ContentInfo");
    QByteArray signature(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return signature;
}

QByteArray TestIdentity::pem(const RevocationList& list)
{
    BioHandle bio(BIO_new(BIO_s_mem()));
    require(bio && PEM_write_bio_X509_CRL(bio.get(), list.crl()) == 1, "PEM_write_bio_X509_CRL");
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, length);
}
