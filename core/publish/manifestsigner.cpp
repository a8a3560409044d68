#include "manifestsigner.h"

#include "logging.h"
#include "trust/asn1values.h"
#include "trust/opensslhandles.h"

#include <openssl/err.h>

namespace {

std::unexpected<Error> internal(const char* what)
{
    qCWarning(lcIdentity) << what << takeOpenSslError();
    return std::unexpected(
        Error{Error::Code::Internal, ManifestSigner::tr("OpenSSL failed: %1.").arg(QLatin1StringView(what))});
}

} // namespace

std::expected<QByteArray, Error> ManifestSigner::sign(QByteArrayView manifest, const Certificate& signer,
    const SigningKey& key, const std::vector<Certificate>& chain, const QDateTime& signingTime)
{
    if (key.algorithm() != SigningKey::Algorithm::EcdsaP256) {
        return std::unexpected(Error{Error::Code::Unsupported,
            tr("The signer key of %1 is an ed25519 key; OpenSSL 3.0 makes and checks CMS signatures with ECDSA "
               "P-256 keys only.")
                .arg(signer.subject())});
    }
    if (X509_check_private_key(signer.x509(), key.evpKey()) != 1) {
        ERR_clear_error();
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The signer key is not the key of the certificate %1 (serial %2).")
                .arg(signer.subject(), signer.serial())});
    }
    constexpr unsigned int flags = CMS_BINARY | CMS_DETACHED | CMS_PARTIAL;
    CmsHandle cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, flags));
    if (!cms)
        return internal("CMS_sign");
    // No S/MIME capabilities: the signed attributes are contentType, messageDigest and signingTime.
    CMS_SignerInfo* info
        = CMS_add1_signer(cms.get(), signer.x509(), key.evpKey(), EVP_sha256(), flags | CMS_NOSMIMECAP);
    if (!info)
        return internal("CMS_add1_signer");
    Asn1TimeHandle time = toAsn1Time(signingTime);
    if (!time
        || CMS_signed_add1_attr_by_NID(info, NID_pkcs9_signingTime, ASN1_STRING_type(time.get()), time.get(), -1) != 1)
        return internal("the signing time");
    for (const Certificate& certificate : chain) {
        if (CMS_add1_cert(cms.get(), certificate.x509()) != 1)
            return internal("CMS_add1_cert");
    }
    BioHandle content(BIO_new_mem_buf(manifest.data(), int(manifest.size())));
    if (!content || CMS_final(cms.get(), content.get(), nullptr, flags) != 1)
        return internal("CMS_final");
    unsigned char* der = nullptr;
    const int length = i2d_CMS_ContentInfo(cms.get(), &der);
    if (length <= 0)
        return internal("i2d_CMS_ContentInfo");
    QByteArray signature(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return signature;
}
