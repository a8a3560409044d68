#pragma once

#include "error.h"
#include "trust/certificate.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

struct X509_crl_st;

// The publisher CA's X.509 v2 certificate revocation list: which signer certificates it withdrew,
// when and why, how fresh the list is (thisUpdate, nextUpdate) and its number (crlNumber), so that
// an installation never goes back to an older list. Parsing checks nothing but the form;
// PublisherCheck decides whether a list is acceptable.
class RevocationList
{
    Q_DECLARE_TR_FUNCTIONS(RevocationList)

public:
    // RFC 5280's CRLReason, with its codes.
    enum class Reason {
        Unspecified = 0,
        KeyCompromise = 1,
        CaCompromise = 2,
        AffiliationChanged = 3,
        Superseded = 4,
        CessationOfOperation = 5,
        CertificateHold = 6,
        PrivilegeWithdrawn = 9,
        AaCompromise = 10,
    };
    // RFC 5280's names: "keyCompromise", "cACompromise", ...
    static QString toString(Reason reason);
    static std::optional<Reason> fromString(QStringView name);
    // The reason in words for a sentence, translated: "key compromise".
    static QString describe(Reason reason);

    struct Revocation {
        QString serial; // as Certificate::serial() writes it
        QDateTime date;
        Reason reason = Reason::Unspecified; // also for an entry without a reasonCode

        friend bool operator==(const Revocation&, const Revocation&) = default;
    };

    static std::expected<RevocationList, Error> fromDer(QByteArrayView der);

    [[nodiscard]] QByteArray der() const { return m_der; }
    // crlNumber; none when the list has none (or one beyond 64 bits, which Upkeep never makes).
    [[nodiscard]] std::optional<quint64> number() const { return m_number; }
    [[nodiscard]] QDateTime thisUpdate() const;
    // Invalid when the list has no nextUpdate.
    [[nodiscard]] QDateTime nextUpdate() const;
    [[nodiscard]] QString issuer() const;
    [[nodiscard]] std::vector<Revocation> entries() const;

    // Succeeds when `ca`'s key signed this list and `ca` is the issuer it names.
    [[nodiscard]] std::expected<void, Error> checkSignedBy(const Certificate& ca) const;
    // The entry of the certificate with `serial` (hex as Certificate::serial() writes it), if revoked.
    [[nodiscard]] std::optional<Revocation> revocation(const QString& serial) const;

    // For the OpenSSL calls of the trust and publishing code; the list must not be changed.
    [[nodiscard]] X509_crl_st* crl() const { return m_crl.get(); }

private:
    RevocationList(std::shared_ptr<X509_crl_st> crl, QByteArray der);

    std::shared_ptr<X509_crl_st> m_crl;
    QByteArray m_der;
    std::optional<quint64> m_number;
};
