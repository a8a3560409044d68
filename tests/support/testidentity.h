#pragma once

// A publisher's identity for tests: an organisation's CA with its key, signer certificates good
// and bad (expired, not yet valid, without codeSigning, from another CA, ...), revocation lists and
// manifest signatures, made with the real CertificateAuthority and ManifestSigner and, for the
// shapes those never make (attached, two signers, no signing time), with OpenSSL directly.

#include "publish/certificateauthority.h"
#include "publish/signingkey.h"
#include "trust/certificate.h"
#include "trust/publisheranchor.h"
#include "trust/publishercheck.h"
#include "trust/revocationlist.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

struct x509_st;

class TestIdentity
{
public:
    struct Signer {
        Certificate certificate;
        SigningKey key;
    };

    // What signCms() makes differently from ManifestSigner.
    struct CmsShape {
        bool attached = false;             // the manifest inside the signature
        bool signerCertificate = true;     // the signer's certificate among the CMS certificates
        bool signedAttributes = true;      // false: no contentType, messageDigest or signingTime at all
        std::vector<Signer> moreSigners{}; // further SignerInfos
    };

    // A CA "O=<organization>, CN=<organization> Release CA" valid from a day before `created` for ten
    // years. `created` defaults to now, to the second.
    explicit TestIdentity(const QString& organization = QStringLiteral("Example GmbH"),
        SigningKey::Algorithm algorithm = SigningKey::Algorithm::EcdsaP256, const QDateTime& created = {});

    [[nodiscard]] const QString& organization() const { return m_organization; }
    [[nodiscard]] const QDateTime& created() const { return m_created; }
    [[nodiscard]] const Certificate& caCertificate() const { return m_authority->certificate(); }
    [[nodiscard]] const SigningKey& caKey() const { return m_caKey; }
    [[nodiscard]] const CertificateAuthority& authority() const { return *m_authority; }
    // As root metadata carries it.
    [[nodiscard]] PublisherAnchor anchor() const;
    [[nodiscard]] PublisherCheck check(std::vector<Certificate> pinned = {}) const;

    // A code-signing certificate from this CA for a new key, valid from `notBefore` (default: created())
    // for `days`.
    [[nodiscard]] Signer signer(const QString& name = QStringLiteral("build server"), const QDateTime& notBefore = {},
        int days = CertificateAuthority::kSignerDays,
        SigningKey::Algorithm algorithm = SigningKey::Algorithm::EcdsaP256) const;
    // `signer`'s certificate after `change` (say, an extension removed), signed again by this CA.
    [[nodiscard]] Signer reissued(const Signer& signer, const std::function<void(x509_st*)>& change) const;
    // `signer`'s certificate without the extension `nid` (NID_ext_key_usage, NID_key_usage, ...).
    [[nodiscard]] Signer without(const Signer& signer, int nid) const;

    // A list numbered `number`, issued at `thisUpdate` (default: created()) for `days`.
    [[nodiscard]] RevocationList revocationList(const std::vector<RevocationList::Revocation>& revoked = {},
        quint64 number = 1, const QDateTime& thisUpdate = {},
        int days = CertificateAuthority::kRevocationListDays) const;
    // A list with `number`, revoking `signer` on `date` (default: created()) for `reason`.
    [[nodiscard]] RevocationList revoking(
        const Signer& signer, RevocationList::Reason reason, quint64 number = 2, const QDateTime& date = {}) const;
    // A list as the CA would make it but without a crlNumber.
    [[nodiscard]] RevocationList revocationListWithoutNumber() const;

    // The manifest signature ManifestSigner makes, with this CA's certificate inside; signed at
    // `signingTime` (default: an hour after created()).
    [[nodiscard]] QByteArray sign(
        QByteArrayView manifest, const Signer& signer, const QDateTime& signingTime = {}) const;
    // A CMS signature of another shape, for the attacks.
    [[nodiscard]] QByteArray signCms(
        QByteArrayView manifest, const Signer& signer, const QDateTime& signingTime, const CmsShape& shape) const;
    [[nodiscard]] QDateTime defaultSigningTime() const { return m_created.addSecs(3600); }

    [[nodiscard]] static QByteArray pem(const RevocationList& list);

private:
    QString m_organization;
    QDateTime m_created;
    SigningKey m_caKey;
    std::optional<CertificateAuthority> m_authority;
};
