#include "certificateauthority.h"

#include "logging.h"
#include "trust/asn1values.h"
#include "trust/opensslhandles.h"

#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int kSerialBytes = 16;

std::unexpected<Error> internal(const char* what)
{
    qCWarning(lcIdentity) << what << takeOpenSslError();
    return std::unexpected(
        Error{Error::Code::Internal, CertificateAuthority::tr("OpenSSL failed: %1.").arg(QLatin1StringView(what))});
}

// Ed25519 signs the whole message itself: X509_sign and X509_CRL_sign take no digest for it.
const EVP_MD* digestFor(const SigningKey& key)
{
    return key.algorithm() == SigningKey::Algorithm::EcdsaP256 ? EVP_sha256() : nullptr;
}

bool addEntry(X509_NAME* name, int nid, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
               reinterpret_cast<const unsigned char*>(utf8.constData()), int(utf8.size()), -1, 0)
        == 1;
}

// The extension `nid` with `value` in openssl.cnf syntax, added to `certificate`.
bool addExtension(X509* certificate, X509V3_CTX* context, int nid, const char* value)
{
    X509ExtensionHandle extension(X509V3_EXT_conf_nid(nullptr, context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// Random, positive and never zero: RFC 5280 allows 20 octets, 16 random ones leave room for the sign.
Asn1IntegerHandle randomSerial()
{
    unsigned char bytes[kSerialBytes] = {};
    do {
        if (RAND_bytes(bytes, sizeof bytes) != 1)
            return nullptr;
        bytes[0] &= 0x7f;
    } while (std::all_of(std::begin(bytes), std::end(bytes), [](unsigned char b) { return b == 0; }));
    BignumHandle number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return Asn1IntegerHandle(number ? BN_to_ASN1_INTEGER(number.get(), nullptr) : nullptr);
}

bool setValidity(X509* certificate, const QDateTime& notBefore, int days)
{
    Asn1TimeHandle from = toAsn1Time(notBefore);
    Asn1TimeHandle until = toAsn1Time(notBefore.addDays(days));
    return from && until && X509_set1_notBefore(certificate, from.get()) == 1
        && X509_set1_notAfter(certificate, until.get()) == 1;
}

std::expected<Certificate, Error> finished(X509* certificate)
{
    unsigned char* der = nullptr;
    const int length = i2d_X509(certificate, &der);
    if (length <= 0)
        return internal("i2d_X509");
    auto result = Certificate::fromDer(QByteArrayView(reinterpret_cast<const char*>(der), length));
    OPENSSL_free(der);
    return result;
}

std::unexpected<Error> badDays(int days)
{
    return std::unexpected(Error{Error::Code::Usage,
        CertificateAuthority::tr("A validity of %1 days is not possible; give at least one day.").arg(days)});
}

} // namespace

std::expected<Certificate, Error> CertificateAuthority::create(
    const SigningKey& key, const QString& organization, const QDateTime& now, int days)
{
    if (organization.trimmed().isEmpty()) {
        return std::unexpected(
            Error{Error::Code::Usage, tr("The publisher's CA needs the organisation's name; it is empty.")});
    }
    if (days < 1)
        return badDays(days);
    X509Handle certificate(X509_new());
    X509NameHandle name(X509_NAME_new());
    Asn1IntegerHandle serial = randomSerial();
    if (!certificate || !name || !serial || X509_set_version(certificate.get(), X509_VERSION_3) != 1
        || X509_set_serialNumber(certificate.get(), serial.get()) != 1
        || !addEntry(name.get(), NID_organizationName, organization)
        || !addEntry(name.get(), NID_commonName, organization + u" Release CA"_s)
        || X509_set_subject_name(certificate.get(), name.get()) != 1
        || X509_set_issuer_name(certificate.get(), name.get()) != 1 || !setValidity(certificate.get(), now, days)
        || X509_set_pubkey(certificate.get(), key.evpKey()) != 1)
        return internal("building the CA certificate");
    X509V3_CTX context;
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    if (!addExtension(certificate.get(), &context, NID_basic_constraints, "critical,CA:TRUE,pathlen:0")
        || !addExtension(certificate.get(), &context, NID_key_usage, "critical,keyCertSign,cRLSign")
        || !addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash")
        || !addExtension(certificate.get(), &context, NID_authority_key_identifier, "keyid:always"))
        return internal("the CA certificate's extensions");
    if (X509_sign(certificate.get(), key.evpKey(), digestFor(key)) <= 0)
        return internal("X509_sign");
    return finished(certificate.get());
}

CertificateAuthority::CertificateAuthority(Certificate certificate, SigningKey key)
    : m_certificate(std::move(certificate))
    , m_key(std::move(key))
{ }

std::expected<void, Error> CertificateAuthority::checkKey() const
{
    if (X509_check_private_key(m_certificate.x509(), m_key.evpKey()) != 1) {
        ERR_clear_error();
        return std::unexpected(Error{Error::Code::Mismatch,
            tr("The CA key is not the key of the CA certificate %1.").arg(m_certificate.subject())});
    }
    return {};
}

std::expected<Certificate, Error> CertificateAuthority::issue(
    const PublicKey& signerKey, const QString& signerName, const QDateTime& notBefore, int days) const
{
    if (auto checked = checkKey(); !checked)
        return std::unexpected(checked.error());
    if (signerName.trimmed().isEmpty())
        return std::unexpected(
            Error{Error::Code::Usage, tr("A signer certificate needs the signer's name; it is empty.")});
    if (days < 1)
        return badDays(days);
    X509* ca = m_certificate.x509();
    X509Handle certificate(X509_new());
    X509NameHandle name(X509_NAME_new());
    Asn1IntegerHandle serial = randomSerial();
    if (!certificate || !name || !serial || X509_set_version(certificate.get(), X509_VERSION_3) != 1
        || X509_set_serialNumber(certificate.get(), serial.get()) != 1
        || !addEntry(name.get(), NID_organizationName, m_certificate.organization())
        || !addEntry(name.get(), NID_commonName, signerName)
        || X509_set_subject_name(certificate.get(), name.get()) != 1
        || X509_set_issuer_name(certificate.get(), X509_get_subject_name(ca)) != 1
        || !setValidity(certificate.get(), notBefore, days)
        || X509_set_pubkey(certificate.get(), signerKey.evpKey()) != 1)
        return internal("building the signer certificate");
    X509V3_CTX context;
    X509V3_set_ctx(&context, ca, certificate.get(), nullptr, nullptr, 0);
    if (!addExtension(certificate.get(), &context, NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate.get(), &context, NID_key_usage, "critical,digitalSignature")
        || !addExtension(certificate.get(), &context, NID_ext_key_usage, "codeSigning")
        || !addExtension(certificate.get(), &context, NID_subject_key_identifier, "hash")
        || !addExtension(certificate.get(), &context, NID_authority_key_identifier, "keyid:always"))
        return internal("the signer certificate's extensions");
    if (X509_sign(certificate.get(), m_key.evpKey(), digestFor(m_key)) <= 0)
        return internal("X509_sign");
    return finished(certificate.get());
}

std::expected<RevocationList, Error> CertificateAuthority::revocationList(
    const std::vector<RevocationList::Revocation>& revoked, quint64 number, const QDateTime& thisUpdate, int days) const
{
    if (auto checked = checkKey(); !checked)
        return std::unexpected(checked.error());
    if (days < 1)
        return badDays(days);
    X509* ca = m_certificate.x509();
    X509CrlHandle crl(X509_CRL_new());
    Asn1TimeHandle from = toAsn1Time(thisUpdate);
    Asn1TimeHandle until = toAsn1Time(thisUpdate.addDays(days));
    Asn1IntegerHandle crlNumber(ASN1_INTEGER_new());
    if (!crl || !from || !until || !crlNumber || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1
        || X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(ca)) != 1
        || X509_CRL_set1_lastUpdate(crl.get(), from.get()) != 1 || X509_CRL_set1_nextUpdate(crl.get(), until.get()) != 1
        || ASN1_INTEGER_set_uint64(crlNumber.get(), number) != 1
        || X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, crlNumber.get(), 0, 0) != 1)
        return internal("building the revocation list");
    X509V3_CTX context;
    X509V3_set_ctx(&context, ca, nullptr, nullptr, crl.get(), 0);
    X509ExtensionHandle keyId(X509V3_EXT_conf_nid(nullptr, &context, NID_authority_key_identifier, "keyid:always"));
    if (!keyId || X509_CRL_add_ext(crl.get(), keyId.get(), -1) != 1)
        return internal("the revocation list's authority key identifier");

    for (const RevocationList::Revocation& entry : revoked) {
        Asn1IntegerHandle serial = serialFromText(entry.serial);
        if (!serial) {
            return std::unexpected(Error{Error::Code::InvalidInput,
                tr("\"%1\" is not a certificate serial (hexadecimal digits).").arg(entry.serial)});
        }
        X509RevokedHandle item(X509_REVOKED_new());
        Asn1TimeHandle date = toAsn1Time(entry.date);
        Asn1EnumeratedHandle reason(ASN1_ENUMERATED_new());
        if (!item || !date || !reason || X509_REVOKED_set_serialNumber(item.get(), serial.get()) != 1
            || X509_REVOKED_set_revocationDate(item.get(), date.get()) != 1
            || ASN1_ENUMERATED_set(reason.get(), long(entry.reason)) != 1
            || X509_REVOKED_add1_ext_i2d(item.get(), NID_crl_reason, reason.get(), 0, 0) != 1
            || X509_CRL_add0_revoked(crl.get(), item.get()) != 1)
            return internal("a revocation list entry");
        item.release(); // the list owns it now
    }
    if (X509_CRL_sort(crl.get()) != 1 || X509_CRL_sign(crl.get(), m_key.evpKey(), digestFor(m_key)) <= 0)
        return internal("X509_CRL_sign");
    unsigned char* der = nullptr;
    const int length = i2d_X509_CRL(crl.get(), &der);
    if (length <= 0)
        return internal("i2d_X509_CRL");
    auto result = RevocationList::fromDer(QByteArrayView(reinterpret_cast<const char*>(der), length));
    OPENSSL_free(der);
    return result;
}
