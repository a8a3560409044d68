#pragma once

#include "error.h"
#include "trust/certificate.h"
#include "trust/publisheranchor.h"
#include "trust/revocationlist.h"
#include "trust/signerfacts.h"

#include <QCoreApplication>
#include <QDateTime>

#include <optional>
#include <vector>

// The client's check of the publisher's identity: whether a revocation list is the CA's current
// one, and whether a manifest's detached CMS signature is by a valid, unrevoked code-signing
// certificate of the CA that root metadata names (and of each CA the installation pins), over
// exactly the manifest TUF vouched for. Each refusal is a sentence naming the publisher, the
// certificate's serial when known, and the reason.
class PublisherCheck
{
    Q_DECLARE_TR_FUNCTIONS(PublisherCheck)

public:
    // How far the publisher's clock may run ahead of ours (signing time, thisUpdate).
    static constexpr qint64 kClockSkewSeconds = 5 * 60;

    explicit PublisherCheck(PublisherAnchor anchor, std::vector<Certificate> pinned = {});

    [[nodiscard]] const PublisherAnchor& anchor() const { return m_anchor; }

    // The publisher's current CRL: signed by the anchor, thisUpdate not in the future, nextUpdate not passed,
    // crlNumber not below `trusted`'s (the installation's last accepted one).
    [[nodiscard]] std::expected<RevocationList, Error> acceptRevocationList(
        QByteArrayView der, const std::optional<RevocationList>& trusted, const QDateTime& now) const;
    // The manifest's detached CMS signature: one signer, chain to the anchor (and to each pinned anchor),
    // codeSigning + digitalSignature, certificate valid at the signing time, signing time not after now,
    // not revoked in `crl`, digest over exactly `manifest`.
    [[nodiscard]] std::expected<SignerFacts, Error> verifyManifest(QByteArrayView manifest, QByteArrayView signature,
        const RevocationList& crl, const QDateTime& now, const QString& manifestPath) const;

private:
    PublisherAnchor m_anchor;
    std::expected<Certificate, Error> m_anchorCertificate;
    std::vector<Certificate> m_pinned;
};
