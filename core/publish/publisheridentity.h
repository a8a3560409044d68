#pragma once

#include "publish/publishingonly.h"

#include "publish/certificateauthority.h"
#include "publish/certificatefolder.h"
#include "publish/repositorywriter.h"

#include <QCoreApplication>
#include <QDateTime>

#include <optional>
#include <vector>

// The publisher's identity of a repository being changed, as upkeep-publish manages it: the CA that
// root metadata names (its key in the key folders as role "publisher-ca"), the revocation list
// published as publisher/ca.crl, the signer certificates of the key folders (keys as role
// "signer") and the manifest signatures of the releases on offer. Changes go into the
// RepositoryWriter, which the caller commits; certificates are saved by the caller once it has.
class PublisherIdentity
{
    Q_DECLARE_TR_FUNCTIONS(PublisherIdentity)

public:
    static inline const QString kCaRole = QStringLiteral("publisher-ca");
    static inline const QString kSignerRole = QStringLiteral("signer");

    struct Signer {
        Certificate certificate;
        SigningKey key;
    };
    enum class Status { Valid, Expired, Revoked, NotYetValid, KeyNotAtHand };
    // A signer certificate of this CA as `cert list` shows it.
    struct SignerState {
        Certificate certificate;
        Status status = Status::Valid;
        std::optional<RevocationList::Revocation> revocation;
        bool current = false; // the one release signs with
    };
    // A manifest signature on offer: the target APP/VERSION/manifest.json.p7s on every channel listing it.
    struct Signature {
        QString path;
        QStringList channels;
        Certificate signer;
    };
    struct Revoked {
        Certificate certificate;
        RevocationList list;
        std::optional<Signer> replacement;
        QStringList resigned; // APP/VERSION of every release signed again
        std::optional<Certificate> resignedBy;
    };
    struct Signed {
        Certificate signer;
        QStringList releases; // APP/VERSION of every release signed, in order
    };

    PublisherIdentity(QString repository, RepositoryWriter& writer, KeyRing& keys, CertificateFolder folder);

    [[nodiscard]] bool exists() const { return m_writer.root().publisher.has_value(); }
    [[nodiscard]] QString name() const;
    [[nodiscard]] const CertificateFolder& folder() const { return m_folder; }

    // ca init: a CA key and certificate valid `days`, the anchor in root metadata and an empty revocation
    // list (number 1) valid `listDays` as the target publisher/ca.crl; each later list is valid as long as
    // the one it replaces. Refused when the repository has an identity or the root keys are not at hand.
    std::expected<Certificate, Error> create(const QString& name, SigningKey::Algorithm algorithm, int days,
        const QDateTime& now, int listDays = CertificateAuthority::kRevocationListDays);

    [[nodiscard]] std::expected<Certificate, Error> caCertificate() const;
    // The list the repository publishes now.
    [[nodiscard]] std::expected<RevocationList, Error> revocationList() const;
    // The CA with its private key, opened from the key folders.
    std::expected<CertificateAuthority, Error> authority();

    // A P-256 key (role "signer") and a code-signing certificate for it from the CA.
    std::expected<Signer, Error> issue(const QString& signerName, int days, const QDateTime& now);
    // Every signer certificate of this CA in the key folders, newest first, with its status at `now`.
    [[nodiscard]] std::expected<std::vector<SignerState>, Error> signers(const QDateTime& now) const;
    // The newest valid, unrevoked signer certificate whose key is at hand, with its key opened; none when
    // there is none.
    std::expected<std::optional<Signer>, Error> currentSigner(const QDateTime& now);
    // The current signer, or a refusal saying that every release of the repository is signed and none is at hand.
    std::expected<Signer, Error> requiredSigner(const QDateTime& now);
    // Every manifest signature the channels offer.
    [[nodiscard]] std::expected<std::vector<Signature>, Error> signatures() const;

    // Adds `serial` to the revocation list (a new one, number + 1, replacing publisher/ca.crl), issues a
    // replacement for the same signer name when asked, and signs again, with the replacement or else the
    // current signer, every release on offer whose signature is by a certificate the new list revokes.
    std::expected<Revoked, Error> revoke(
        const QString& serial, RevocationList::Reason reason, bool replace, int days, const QDateTime& now);
    // Signs, with the current signer, every release on offer that a client would refuse for its signature (none
    // on a channel listing its manifest, one by a revoked certificate, one that does not verify: PublisherCheck
    // against the published revocation list at `now`), adding or replacing APP/VERSION/manifest.json.p7s on
    // every channel listing the manifest. For releases published before ca init, or signatures gone bad.
    std::expected<Signed, Error> signUnsigned(const QDateTime& now);
    // Whether less than half of the current list's lifetime is left at `now`.
    [[nodiscard]] static bool isDue(const RevocationList& list, const QDateTime& now);
    // The same entries in a new list (number + 1), replacing publisher/ca.crl.
    std::expected<RevocationList, Error> renewRevocationList(const QDateTime& now);

private:
    [[nodiscard]] std::expected<std::vector<SignerState>, Error> signers(
        const QDateTime& now, const RevocationList& list) const;
    std::expected<std::optional<Signer>, Error> currentSigner(const QDateTime& now, const RevocationList& list);
    [[nodiscard]] std::expected<QByteArray, Error> content(const RepositoryWriter::Target& target) const;
    // A new signature of the manifest `manifestPath` by `signer`, as its .p7s on every channel listing the manifest.
    std::expected<void, Error> signManifest(
        const QString& manifestPath, const Signer& signer, const Certificate& ca, const QDateTime& now);
    // Whether the CA signed `certificate`.
    [[nodiscard]] bool issuedByCa(const Certificate& certificate, const Certificate& ca) const;
    [[nodiscard]] std::expected<bool, Error> keyAtHand(const Certificate& certificate) const;
    std::expected<RevocationList, Error> publishList(CertificateAuthority& ca, const RevocationList& current,
        std::vector<RevocationList::Revocation> entries, const QDateTime& now);

    QString m_repository;
    RepositoryWriter& m_writer;
    KeyRing& m_keys;
    CertificateFolder m_folder;
};
