#include "manifestsignature.h"

#include "logging.h"
#include "trust/opensslhandles.h"

#include <openssl/err.h>

std::expected<Certificate, Error> ManifestSignature::signerOf(QByteArrayView der)
{
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
    CmsHandle cms(d2i_CMS_ContentInfo(nullptr, &cursor, long(der.size())));
    if (!cms) {
        qCDebug(lcIdentity) << "d2i_CMS_ContentInfo:" << takeOpenSslError();
        return std::unexpected(Error{Error::Code::InvalidInput, tr("This is not a DER CMS signature.")});
    }
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
    if (!signers || sk_CMS_SignerInfo_num(signers) != 1) {
        ERR_clear_error();
        return std::unexpected(Error{Error::Code::InvalidInput,
            tr("The signature has %1 signers, not one.").arg(signers ? sk_CMS_SignerInfo_num(signers) : 0)});
    }
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
    X509StackHandle certificates(CMS_get1_certs(cms.get()));
    for (int i = 0; certificates && i < sk_X509_num(certificates.get()); ++i) {
        X509* candidate = sk_X509_value(certificates.get(), i);
        if (CMS_SignerInfo_cert_cmp(signer, candidate) != 0)
            continue;
        unsigned char* bytes = nullptr;
        const int length = i2d_X509(candidate, &bytes);
        if (length <= 0)
            break;
        auto certificate = Certificate::fromDer(QByteArrayView(reinterpret_cast<const char*>(bytes), length));
        OPENSSL_free(bytes);
        return certificate;
    }
    ERR_clear_error();
    return std::unexpected(
        Error{Error::Code::InvalidInput, tr("The signature does not hold the certificate of its signer.")});
}
