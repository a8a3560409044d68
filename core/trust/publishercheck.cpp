#include "publishercheck.h"

#include "logging.h"
#include "trust/asn1values.h"
#include "trust/opensslhandles.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace {

// A manifest signature holds two certificates and a few hundred bytes more.
constexpr qsizetype kMaxSignatureBytes = 256 * 1024;

QString when(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString day(const QDateTime& time)
{
    return time.toUTC().date().toString(Qt::ISODate);
}

std::expected<Certificate, Error> certificateOf(X509* x509)
{
    unsigned char* der = nullptr;
    const int length = i2d_X509(x509, &der);
    if (length <= 0)
        return std::unexpected(Error{Error::Code::InvalidInput, QString()});
    auto certificate = Certificate::fromDer(QByteArrayView(reinterpret_cast<const char*>(der), length));
    OPENSSL_free(der);
    return certificate;
}

// The outcome of building the signer's chain to one trusted certificate at one time.
struct ChainResult {
    int error = X509_V_OK;
    int depth = 0;
};

ChainResult chain(const Certificate& root, X509* leaf, STACK_OF(X509) * untrusted, const QDateTime& at)
{
    X509StoreHandle store(X509_STORE_new());
    X509StoreCtxHandle context(X509_STORE_CTX_new());
    if (!store || !context || X509_STORE_add_cert(store.get(), root.x509()) != 1
        || X509_STORE_CTX_init(context.get(), store.get(), leaf, untrusted) != 1) {
        qCWarning(lcIdentity) << "X509_STORE setup:" << takeOpenSslError();
        return {X509_V_ERR_UNSPECIFIED, 0};
    }
    X509_STORE_CTX_set_time(context.get(), 0, time_t(at.toSecsSinceEpoch()));
    const int verified = X509_verify_cert(context.get());
    ChainResult result{X509_STORE_CTX_get_error(context.get()), X509_STORE_CTX_get_error_depth(context.get())};
    if (verified == 1)
        result.error = X509_V_OK;
    else if (result.error == X509_V_OK)
        result.error = X509_V_ERR_UNSPECIFIED;
    ERR_clear_error();
    return result;
}

// The length the outer DER SEQUENCE of `der` says it has, header included; 0 when there is none.
qsizetype declaredLength(QByteArrayView der)
{
    const auto* start = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* cursor = start;
    long length = 0;
    int tag = 0;
    int tagClass = 0;
    const int flags = ASN1_get_object(&cursor, &length, &tag, &tagClass, long(der.size()));
    ERR_clear_error();
    if ((flags & V_ASN1_CONSTRUCTED) == 0 || tag != V_ASN1_SEQUENCE || tagClass != V_ASN1_UNIVERSAL)
        return 0;
    return qsizetype(cursor - start) + qsizetype(length);
}

std::optional<QDateTime> signingTimeOf(CMS_SignerInfo* signer, bool* malformed)
{
    const int index = CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, -1);
    if (index < 0)
        return std::nullopt;
    X509_ATTRIBUTE* attribute = CMS_signed_get_attr(signer, index);
    ASN1_TYPE* value
        = attribute && X509_ATTRIBUTE_count(attribute) == 1 ? X509_ATTRIBUTE_get0_type(attribute, 0) : nullptr;
    const bool isTime = value && (value->type == V_ASN1_UTCTIME || value->type == V_ASN1_GENERALIZEDTIME);
    const QDateTime time
        = isTime ? fromAsn1Time(reinterpret_cast<const ASN1_TIME*>(value->value.asn1_string)) : QDateTime();
    *malformed = !time.isValid() || CMS_signed_get_attr_by_NID(signer, NID_pkcs9_signingTime, index) >= 0;
    return time;
}

} // namespace

PublisherCheck::PublisherCheck(PublisherAnchor anchor, std::vector<Certificate> pinned)
    : m_anchor(std::move(anchor))
    , m_anchorCertificate(Certificate::fromDer(m_anchor.certificate))
    , m_pinned(std::move(pinned))
{ }

std::expected<RevocationList, Error> PublisherCheck::acceptRevocationList(
    QByteArrayView der, const std::optional<RevocationList>& trusted, const QDateTime& now) const
{
    const QString& name = m_anchor.name;
    if (!m_anchorCertificate) {
        return std::unexpected(
            m_anchorCertificate.error().prefixed(tr("The CA certificate that root metadata names for %1").arg(name)));
    }
    auto parsed = RevocationList::fromDer(der);
    if (!parsed) {
        return std::unexpected(parsed.error().prefixed(tr("The certificate revocation list of %1").arg(name)));
    }
    const RevocationList& list = *parsed;
    const Certificate& ca = *m_anchorCertificate;
    auto refuse = [&](Error::Code code, const QString& message) {
        qCInfo(lcIdentity) << "revocation list refused:" << message;
        return std::unexpected(Error{code, message});
    };

    if (X509_NAME_cmp(X509_CRL_get_issuer(list.crl()), X509_get_subject_name(ca.x509())) != 0) {
        return refuse(Error::Code::BadSignature,
            tr("The certificate revocation list offered for %1 was issued by %2, not by the publisher's CA.")
                .arg(name, list.issuer()));
    }
    if (!list.checkSignedBy(ca)) {
        return refuse(Error::Code::BadSignature,
            tr("The certificate revocation list offered for %1 names its CA but is not signed by the CA's key.")
                .arg(name));
    }
    if (list.thisUpdate() > now.addSecs(kClockSkewSeconds)) {
        return refuse(Error::Code::InvalidInput,
            tr("The certificate revocation list of %1 was issued at %2, later than now (%3); the list or this "
               "computer's clock is wrong.")
                .arg(name, when(list.thisUpdate()), when(now)));
    }
    if (!list.nextUpdate().isValid()) {
        return refuse(Error::Code::InvalidInput,
            tr("The certificate revocation list of %1 has no next update date, so nobody can tell whether it is "
               "current.")
                .arg(name));
    }
    if (list.nextUpdate() <= now) {
        return refuse(Error::Code::Expired,
            tr("The certificate revocation list of %1 expired at %2; the repository offers no current one (or a "
               "mirror withholds it).")
                .arg(name, when(list.nextUpdate())));
    }
    if (!list.number()) {
        return refuse(Error::Code::InvalidInput,
            tr("The certificate revocation list of %1 has no CRL number, so nobody can tell whether it is older "
               "than one already seen.")
                .arg(name));
    }
    if (trusted && trusted->number() && *list.number() < *trusted->number()) {
        return refuse(Error::Code::Rollback,
            tr("The certificate revocation list of %1 is number %2, older than number %3 that this installation "
               "already accepted (an old list replayed).")
                .arg(name)
                .arg(*list.number())
                .arg(*trusted->number()));
    }
    qCDebug(lcIdentity) << "accepted revocation list" << *list.number() << "of" << name << "with"
                        << list.entries().size() << "entries";
    return list;
}

std::expected<SignerFacts, Error> PublisherCheck::verifyManifest(QByteArrayView manifest, QByteArrayView signature,
    const RevocationList& crl, const QDateTime& now, const QString& manifestPath) const
{
    const QString& name = m_anchor.name;
    if (!m_anchorCertificate) {
        return std::unexpected(
            m_anchorCertificate.error().prefixed(tr("The CA certificate that root metadata names for %1").arg(name)));
    }
    const Certificate& ca = *m_anchorCertificate;
    QString serial; // once known
    auto refuse = [&](Error::Code code, QString message) {
        if (!serial.isEmpty())
            message = tr("%1: serial %2.").arg(message, serial);
        else
            message += u'.';
        qCInfo(lcIdentity) << "manifest signature refused:" << message << takeOpenSslError();
        return std::unexpected(Error{code, message});
    };

    if (signature.size() > kMaxSignatureBytes) {
        return refuse(Error::Code::LimitExceeded,
            tr("The signature of the release manifest %1 is %2 bytes long; a signature of %3 is never larger than "
               "%4 bytes")
                .arg(manifestPath)
                .arg(signature.size())
                .arg(name)
                .arg(kMaxSignatureBytes));
    }
    const auto* start = reinterpret_cast<const unsigned char*>(signature.data());
    if (const qsizetype declared = declaredLength(signature); declared > signature.size()) {
        return refuse(Error::Code::InvalidInput,
            tr("The signature of the release manifest %1 is cut short: %2 of its %3 bytes are there, so it cannot "
               "show that %4 published it")
                .arg(manifestPath)
                .arg(signature.size())
                .arg(declared)
                .arg(name));
    }
    const unsigned char* cursor = start;
    CmsHandle cms(d2i_CMS_ContentInfo(nullptr, &cursor, long(signature.size())));
    if (!cms || cursor != start + signature.size() || OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
        return refuse(Error::Code::InvalidInput,
            tr("The signature of the release manifest %1 is not a CMS signature, so it cannot show that %2 "
               "published it")
                .arg(manifestPath, name));
    }
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms.get());
    if (sk_CMS_SignerInfo_num(signers) != 1) {
        return refuse(Error::Code::InvalidInput,
            tr("The signature of the release manifest %1 has %2 signers; a release of %3 is signed by exactly one "
               "certificate")
                .arg(manifestPath)
                .arg(sk_CMS_SignerInfo_num(signers))
                .arg(name));
    }
    CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(signers, 0);
    ASN1_OCTET_STRING* keyId = nullptr;
    X509_NAME* issuerName = nullptr;
    ASN1_INTEGER* serialNumber = nullptr;
    if (CMS_SignerInfo_get0_signer_id(signer, &keyId, &issuerName, &serialNumber) == 1 && serialNumber)
        serial = serialText(serialNumber);
    ASN1_OCTET_STRING** content = CMS_get0_content(cms.get());
    if (!content || *content) {
        return refuse(Error::Code::InvalidInput,
            tr("The signature of the release manifest %1 carries a manifest inside it; %2's manifests are signed "
               "with detached signatures only")
                .arg(manifestPath, name));
    }

    CMS_set1_signers_certs(cms.get(), nullptr, 0);
    ERR_clear_error();
    X509* leaf = nullptr;
    X509_ALGOR* digestAlgorithm = nullptr;
    CMS_SignerInfo_get0_algs(signer, nullptr, &leaf, &digestAlgorithm, nullptr);
    if (!leaf) {
        return refuse(Error::Code::BadSignature,
            tr("The signature of the release manifest %1 does not carry its signer's certificate, so it cannot be "
               "traced to %2")
                .arg(manifestPath, name));
    }
    const auto leafCertificate = certificateOf(leaf);
    if (!leafCertificate) {
        // Too big for a certificate, or one OpenSSL reads but cannot write again.
        return refuse(leafCertificate.error().code == Error::Code::LimitExceeded ? Error::Code::LimitExceeded
                                                                                 : Error::Code::InvalidInput,
            tr("The signature of the release manifest %1 carries a signer certificate that cannot be read, so it "
               "cannot be traced to %2")
                .arg(manifestPath, name));
    }
    serial = leafCertificate->serial();

    bool malformedTime = false;
    const std::optional<QDateTime> signedAt = signingTimeOf(signer, &malformedTime);
    if (!signedAt) {
        return refuse(Error::Code::InvalidInput,
            tr("The signature of the release manifest %1 does not say when it was made, so nobody can tell "
               "whether the certificate of %2 was valid then")
                .arg(manifestPath, name));
    }
    if (malformedTime) {
        return refuse(Error::Code::InvalidInput,
            tr("The signature of the release manifest %1 has a malformed signing time, so nobody can tell whether "
               "the certificate of %2 was valid then")
                .arg(manifestPath, name));
    }
    const ASN1_OBJECT* digestObject = nullptr;
    X509_ALGOR_get0(&digestObject, nullptr, nullptr, digestAlgorithm);
    const int digest = OBJ_obj2nid(digestObject);
    if (digest != NID_sha256 && digest != NID_sha384 && digest != NID_sha512) {
        return refuse(Error::Code::Unsupported,
            tr("The signature of the release manifest %1 by a certificate of %2 uses the digest %3; Upkeep accepts "
               "SHA-256, SHA-384 and SHA-512")
                .arg(manifestPath, name, QString::fromLatin1(OBJ_nid2sn(digest))));
    }
    if (CMS_SignerInfo_verify(signer) != 1) {
        return refuse(Error::Code::BadSignature,
            tr("The signature of the release manifest %1 was not made with the key of the certificate of %2 it "
               "names")
                .arg(manifestPath, name));
    }
    if (*signedAt > now.addSecs(kClockSkewSeconds)) {
        return refuse(Error::Code::InvalidInput,
            tr("The release manifest %1 says it was signed by a certificate of %2 at %3, later than now (%4)")
                .arg(manifestPath, name, when(*signedAt), when(now)));
    }
    // Behind a buffer BIO, not as a bare memory BIO: OpenSSL 3.0's CMS_verify copies a memory BIO and leaks
    // the copy when the SignedData names a digest it cannot compute (openssl/openssl#30471), which any
    // mirror can send; other BIOs it reads in place.
    BioHandle manifestBio(BIO_new_mem_buf(manifest.data(), int(manifest.size())));
    BioHandle contentBio(manifestBio ? BIO_new(BIO_f_buffer()) : nullptr);
    if (contentBio)
        BIO_push(contentBio.get(), manifestBio.release());
    if (!contentBio
        || CMS_verify(cms.get(), nullptr, nullptr, contentBio.get(), nullptr,
               CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY | CMS_NO_ATTR_VERIFY)
            != 1) {
        return refuse(Error::Code::Mismatch,
            tr("The release manifest %1 differs from the one the certificate of %2 signed").arg(manifestPath, name));
    }

    X509StackHandle untrusted(CMS_get1_certs(cms.get()));
    const ChainResult toAnchor = chain(ca, leaf, untrusted.get(), *signedAt);
    switch (toAnchor.error) {
    case X509_V_OK: break;
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
        if (toAnchor.depth > 0) {
            return refuse(Error::Code::Expired,
                tr("The release manifest %1 was signed at %2, when the CA certificate of %3 was not valid (%4 to %5)")
                    .arg(manifestPath, when(*signedAt), name, when(ca.notBefore()), when(ca.notAfter())));
        }
        if (toAnchor.error == X509_V_ERR_CERT_HAS_EXPIRED) {
            return refuse(Error::Code::Expired,
                tr("The release manifest %1 is signed by a certificate of %2 that had expired at %3 when it signed at "
                   "%4")
                    .arg(manifestPath, name, when(leafCertificate->notAfter()), when(*signedAt)));
        }
        return refuse(Error::Code::Expired,
            tr("The release manifest %1 is signed by a certificate of %2 that was not valid before %3 and signed at "
               "%4")
                .arg(manifestPath, name, when(leafCertificate->notBefore()), when(*signedAt)));
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 is signed by a certificate that the CA of %2 did not issue (its issuer is "
               "%3)")
                .arg(manifestPath, name, leafCertificate->issuer()));
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 is signed by a certificate that names the CA of %2 as its issuer but does "
               "not carry its signature (a damaged or forged certificate)")
                .arg(manifestPath, name));
    default:
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 is signed by a certificate of %2 that does not chain to its CA: %3")
                .arg(manifestPath, name, QString::fromLatin1(X509_verify_cert_error_string(toAnchor.error))));
    }
    for (const Certificate& pinned : m_pinned) {
        if (chain(pinned, leaf, untrusted.get(), *signedAt).error != X509_V_OK) {
            return refuse(Error::Code::BadSignature,
                tr("The release manifest %1 is signed by a certificate of %2 that does not chain to the CA this "
                   "installation pins (%3)")
                    .arg(manifestPath, name, pinned.subject()));
        }
    }

    const uint32_t flags = X509_get_extension_flags(leaf);
    if (X509_check_ca(leaf) != 0) {
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 is signed by a CA certificate of %2, not by a signer's certificate")
                .arg(manifestPath, name));
    }
    if (!(flags & EXFLAG_XKUSAGE) || !(X509_get_extended_key_usage(leaf) & XKU_CODE_SIGN)) {
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 is signed by a certificate of %2 that is not for code signing (its "
               "extended key usage lacks codeSigning)")
                .arg(manifestPath, name));
    }
    if (!(flags & EXFLAG_KUSAGE) || !(X509_get_key_usage(leaf) & KU_DIGITAL_SIGNATURE)) {
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 is signed by a certificate of %2 whose key usage lacks digitalSignature")
                .arg(manifestPath, name));
    }

    if (!crl.checkSignedBy(ca)) {
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 was to be checked against a certificate revocation list that is not the one "
               "of %2")
                .arg(manifestPath, name));
    }
    if (const auto revoked = crl.revocation(serial)) {
        return refuse(Error::Code::BadSignature,
            tr("The release manifest %1 is signed by a certificate of %2 that was revoked on %3 (%4)")
                .arg(manifestPath, name, day(revoked->date), RevocationList::describe(revoked->reason)));
    }

    qCDebug(lcIdentity) << "manifest" << manifestPath << "signed by" << leafCertificate->subject() << "serial" << serial
                        << "at" << *signedAt;
    return SignerFacts{
        .publisher = name,
        .subject = leafCertificate->subject(),
        .issuer = leafCertificate->issuer(),
        .serial = serial,
        .notBefore = leafCertificate->notBefore(),
        .notAfter = leafCertificate->notAfter(),
        .fingerprint = leafCertificate->fingerprint(),
        .signedAt = signedAt->toUTC(),
        .crlUpdated = crl.thisUpdate(),
        .crlNextUpdate = crl.nextUpdate(),
    };
}
