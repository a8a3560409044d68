#pragma once

#include "install/installlayout.h"
#include "trust/publishercheck.h"
#include "trust/repositoryclient.h"

#include <map>
#include <memory>

// The publisher check of one installation: a release's manifest must be signed by a signer
// certificate of the CA its trusted root metadata names (and of the CA an administrator pinned
// with `upkeep add --publisher-ca`), checked against the CA's current revocation list. The list
// accepted last is kept in .upkeep/publisher.crl, so that no mirror can hand back an older one.
class PublisherVerification
{
    Q_DECLARE_TR_FUNCTIONS(PublisherVerification)

public:
    // `pinnedCa`: the PEM file of the CA an administrator pinned (the installation's config), or empty.
    PublisherVerification(InstallLayout layout, std::shared_ptr<RepositoryClient> client, QString pinnedCa);

    // The publisher's name in the trusted root metadata; nullopt for a repository without an identity.
    [[nodiscard]] std::expected<std::optional<QString>, Error> publisher();

    // Who signed `manifest` (the bytes TUF vouched for at `manifestPath`): the signature at
    // `signaturePath` checked against the trusted metadata's revocation list. nullopt for a
    // repository without an identity, where nothing is pinned; any refusal names the publisher
    // and the certificate.
    std::expected<std::optional<SignerFacts>, Error> verify(
        const QString& manifestPath, const QString& signaturePath, QByteArrayView manifest, const QDateTime& now);

private:
    // The CA the administrator pinned, when there is one.
    std::expected<std::optional<Certificate>, Error> pinned() const;
    // The revocation list the trusted metadata lists, accepted at `now`.
    std::expected<RevocationList, Error> revocationList(const PublisherCheck& check, const QDateTime& now);
    // The bytes of the target `path` as the trusted metadata lists it now: downloaded once for each
    // content, since what a verdict depends on (revocations, time) is checked again every time.
    std::expected<QByteArray, Error> target(const QString& path, const TargetFileInfo& info);
    // The list accepted last, when it is still the anchor's (a new CA starts a new series).
    [[nodiscard]] std::optional<RevocationList> savedRevocationList(const PublisherCheck& check) const;

    InstallLayout m_layout;
    std::shared_ptr<RepositoryClient> m_client;
    QString m_pinnedCa;
    std::map<QString, QByteArray> m_downloads; // signatures and lists, by their signed sha256
};
