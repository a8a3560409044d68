#include "revocationlist.h"

#include "logging.h"
#include "trust/asn1values.h"
#include "trust/opensslhandles.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <array>

using namespace Qt::StringLiterals;

namespace {

// A list of a few thousand revocations stays far below this.
constexpr qsizetype kMaxListBytes = 4 * 1024 * 1024;

struct ReasonName {
    RevocationList::Reason reason;
    const char16_t* name;
};

constexpr std::array kReasonNames{
    ReasonName{RevocationList::Reason::Unspecified, u"unspecified"},
    ReasonName{RevocationList::Reason::KeyCompromise, u"keyCompromise"},
    ReasonName{RevocationList::Reason::CaCompromise, u"cACompromise"},
    ReasonName{RevocationList::Reason::AffiliationChanged, u"affiliationChanged"},
    ReasonName{RevocationList::Reason::Superseded, u"superseded"},
    ReasonName{RevocationList::Reason::CessationOfOperation, u"cessationOfOperation"},
    ReasonName{RevocationList::Reason::CertificateHold, u"certificateHold"},
    ReasonName{RevocationList::Reason::PrivilegeWithdrawn, u"privilegeWithdrawn"},
    ReasonName{RevocationList::Reason::AaCompromise, u"aACompromise"},
};

RevocationList::Reason reasonOf(const X509_REVOKED* entry)
{
    int critical = 0;
    Asn1EnumeratedHandle code(
        static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, &critical, nullptr)));
    if (!code)
        return RevocationList::Reason::Unspecified;
    const long value = ASN1_ENUMERATED_get(code.get());
    for (const ReasonName& known : kReasonNames) {
        if (long(known.reason) == value)
            return known.reason;
    }
    // removeFromCRL (8) belongs to delta lists; whatever else a list says, the certificate is revoked.
    return RevocationList::Reason::Unspecified;
}

RevocationList::Revocation revocationOf(const X509_REVOKED* entry)
{
    return {serialText(X509_REVOKED_get0_serialNumber(entry)), fromAsn1Time(X509_REVOKED_get0_revocationDate(entry)),
        reasonOf(entry)};
}

} // namespace

QString RevocationList::toString(Reason reason)
{
    for (const ReasonName& known : kReasonNames) {
        if (known.reason == reason)
            return QString(reinterpret_cast<const QChar*>(known.name));
    }
    return u"unspecified"_s;
}

std::optional<RevocationList::Reason> RevocationList::fromString(QStringView name)
{
    for (const ReasonName& known : kReasonNames) {
        if (name == QStringView(known.name))
            return known.reason;
    }
    return std::nullopt;
}

QString RevocationList::describe(Reason reason)
{
    switch (reason) {
    case Reason::Unspecified: return tr("no reason given");
    case Reason::KeyCompromise: return tr("key compromise");
    case Reason::CaCompromise: return tr("CA compromise");
    case Reason::AffiliationChanged: return tr("affiliation changed");
    case Reason::Superseded: return tr("superseded");
    case Reason::CessationOfOperation: return tr("cessation of operation");
    case Reason::CertificateHold: return tr("certificate on hold");
    case Reason::PrivilegeWithdrawn: return tr("privilege withdrawn");
    case Reason::AaCompromise: return tr("attribute authority compromise");
    }
    return tr("no reason given");
}

RevocationList::RevocationList(std::shared_ptr<X509_crl_st> crl, QByteArray der)
    : m_crl(std::move(crl))
    , m_der(std::move(der))
{
    int critical = 0;
    Asn1IntegerHandle number(
        static_cast<ASN1_INTEGER*>(X509_CRL_get_ext_d2i(m_crl.get(), NID_crl_number, &critical, nullptr)));
    uint64_t value = 0;
    if (number && ASN1_INTEGER_get_uint64(&value, number.get()) == 1)
        m_number = value;
    ERR_clear_error();
}

std::expected<RevocationList, Error> RevocationList::fromDer(QByteArrayView der)
{
    if (der.size() > kMaxListBytes) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("The certificate revocation list is %1 bytes long; Upkeep reads at most %2 bytes.")
                .arg(der.size())
                .arg(kMaxListBytes)});
    }
    const auto* start = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* cursor = start;
    X509CrlHandle parsed(d2i_X509_CRL(nullptr, &cursor, long(der.size())));
    if (!parsed || cursor != start + der.size()) {
        qCDebug(lcIdentity) << "CRL:" << takeOpenSslError();
        return std::unexpected(
            Error{Error::Code::InvalidInput, tr("This is not a readable DER certificate revocation list.")});
    }
    return RevocationList(std::shared_ptr<X509_crl_st>(parsed.release(), X509_CRL_free), der.toByteArray());
}

QDateTime RevocationList::thisUpdate() const
{
    return fromAsn1Time(X509_CRL_get0_lastUpdate(m_crl.get()));
}

QDateTime RevocationList::nextUpdate() const
{
    return fromAsn1Time(X509_CRL_get0_nextUpdate(m_crl.get()));
}

QString RevocationList::issuer() const
{
    return nameText(X509_CRL_get_issuer(m_crl.get()));
}

std::vector<RevocationList::Revocation> RevocationList::entries() const
{
    std::vector<Revocation> result;
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(m_crl.get());
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i)
        result.push_back(revocationOf(sk_X509_REVOKED_value(revoked, i)));
    return result;
}

std::expected<void, Error> RevocationList::checkSignedBy(const Certificate& ca) const
{
    if (X509_NAME_cmp(X509_CRL_get_issuer(m_crl.get()), X509_get_subject_name(ca.x509())) != 0) {
        return std::unexpected(Error{Error::Code::BadSignature,
            tr("The certificate revocation list was issued by %1, not by the CA %2.").arg(issuer(), ca.subject())});
    }
    EVP_PKEY* key = X509_get0_pubkey(ca.x509());
    if (!key || X509_CRL_verify(m_crl.get(), key) != 1) {
        qCDebug(lcIdentity) << "CRL signature:" << takeOpenSslError();
        return std::unexpected(Error{Error::Code::BadSignature,
            tr("The certificate revocation list names the CA %1 but is not signed by its key.").arg(ca.subject())});
    }
    return {};
}

std::optional<RevocationList::Revocation> RevocationList::revocation(const QString& serial) const
{
    Asn1IntegerHandle wanted = serialFromText(serial);
    if (!wanted)
        return std::nullopt;
    STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(m_crl.get());
    for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
        const X509_REVOKED* entry = sk_X509_REVOKED_value(revoked, i);
        if (ASN1_INTEGER_cmp(X509_REVOKED_get0_serialNumber(entry), wanted.get()) == 0)
            return revocationOf(entry);
    }
    return std::nullopt;
}
