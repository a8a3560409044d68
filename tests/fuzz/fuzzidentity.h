#pragma once

// The fixed publisher identity of the identity fuzz target: a CA from a fixed Ed25519 seed with a
// fixed serial and validity, its revocation list, the manifest it signs and the time the target
// checks at. Ed25519 signs deterministically, so fuzz-seeds (which issues signers from it) and
// fuzz-identity (which checks against it) make the same bytes without any checked-in fixture.

#include "publish/certificateauthority.h"
#include "publish/signingkey.h"
#include "trust/certificate.h"
#include "trust/publisheranchor.h"
#include "trust/revocationlist.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

struct x509_st;

class FuzzIdentity
{
public:
    FuzzIdentity();

    [[nodiscard]] const CertificateAuthority& authority() const { return *m_authority; }
    [[nodiscard]] const SigningKey& caKey() const { return m_caKey; }
    [[nodiscard]] PublisherAnchor anchor() const;
    // Number 5, thisUpdate 2030-06-01, nextUpdate 30 days later; revokes revokedSerial() for key compromise.
    [[nodiscard]] const RevocationList& revocationList() const { return *m_revocationList; }
    [[nodiscard]] static QString revokedSerial() { return QStringLiteral("0F00D5EED0F00D5EED0F00D5EED0F00D"); }
    [[nodiscard]] static QByteArray manifest();
    [[nodiscard]] static QString manifestPath() { return QStringLiteral("app/1.2.0/manifest.json"); }
    // 2030-06-10, inside the list's and the CA's validity.
    [[nodiscard]] static QDateTime now();
    [[nodiscard]] static QDateTime created();

    // `certificate` with the serial `serial` (hex), signed again by `key` (Ed25519, deterministic).
    [[nodiscard]] static Certificate reissued(
        const Certificate& certificate, const QString& serial, const SigningKey& key);

private:
    SigningKey m_caKey;
    std::optional<CertificateAuthority> m_authority;
    std::optional<RevocationList> m_revocationList;
};
