#include "publisherverification.h"

#include "atomicfile.h"
#include "logging.h"
#include "release/repositorypaths.h"

#include <QFile>

using namespace Qt::StringLiterals;

PublisherVerification::PublisherVerification(
    InstallLayout layout, std::shared_ptr<RepositoryClient> client, QString pinnedCa)
    : m_layout(std::move(layout))
    , m_client(std::move(client))
    , m_pinnedCa(std::move(pinnedCa))
{ }

std::expected<std::optional<QString>, Error> PublisherVerification::publisher()
{
    auto trusted = m_client->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    const auto& anchor = (*trusted)->root().publisher;
    return anchor ? std::optional<QString>(anchor->name) : std::nullopt;
}

std::expected<std::optional<Certificate>, Error> PublisherVerification::pinned() const
{
    if (m_pinnedCa.isEmpty())
        return std::optional<Certificate>();
    // A pin that went missing is not "nothing pinned": the installation asked for it.
    QFile file(m_pinnedCa);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error{Error::Code::Io,
            tr("Cannot read the publisher CA pinned for this installation (%1): %2.")
                .arg(file.fileName(), file.errorString())});
    auto certificate = Certificate::fromPem(file.readAll());
    if (!certificate)
        return std::unexpected(certificate.error().prefixed(file.fileName()));
    return std::optional<Certificate>(std::move(*certificate));
}

std::optional<RevocationList> PublisherVerification::savedRevocationList(const PublisherCheck& check) const
{
    QFile file(m_layout.publisherCrl());
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto saved = RevocationList::fromDer(file.readAll());
    auto anchor = Certificate::fromDer(check.anchor().certificate);
    if (!saved || !anchor || !saved->checkSignedBy(*anchor)) {
        qCInfo(lcTrust) << "the saved revocation list is not the anchor's; it no longer counts";
        return std::nullopt;
    }
    return std::move(*saved);
}

std::expected<QByteArray, Error> PublisherVerification::target(const QString& path, const TargetFileInfo& info)
{
    const QString sha256 = info.hashes.sha256();
    if (const auto kept = m_downloads.find(sha256); !sha256.isEmpty() && kept != m_downloads.end())
        return kept->second;
    auto bytes = m_client->fetchTarget(path);
    if (bytes && !sha256.isEmpty())
        m_downloads.insert_or_assign(sha256, *bytes);
    return bytes;
}

std::expected<RevocationList, Error> PublisherVerification::revocationList(
    const PublisherCheck& check, const QDateTime& now)
{
    auto trusted = m_client->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    const QString path = RepositoryPaths::revocationList();
    auto found = (*trusted)->findTarget(path);
    if (!found) {
        return std::unexpected(Error{Error::Code::NotFound,
            tr("The repository names %1 as its publisher but lists no revocation list (%2), so no signature of "
               "theirs can be trusted.")
                .arg(check.anchor().name, path)});
    }
    auto bytes = target(path, found->info);
    if (!bytes)
        return std::unexpected(bytes.error());
    const std::optional<RevocationList> saved = savedRevocationList(check);
    auto accepted = check.acceptRevocationList(*bytes, saved, now);
    if (!accepted)
        return std::unexpected(accepted.error());
    if (!saved || saved->der() != accepted->der()) {
        // Kept so that a mirror cannot later hand back an older list; a failed save only loses that floor.
        if (auto written = writeFileAtomically(m_layout.publisherCrl(), accepted->der()); !written)
            qCWarning(lcTrust) << "cannot keep the revocation list:" << written.error().message;
    }
    return accepted;
}

std::expected<std::optional<SignerFacts>, Error> PublisherVerification::verify(
    const QString& manifestPath, const QString& signaturePath, QByteArrayView manifest, const QDateTime& now)
{
    auto trusted = m_client->trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    auto pin = pinned();
    if (!pin)
        return std::unexpected(pin.error());
    const auto& anchor = (*trusted)->root().publisher;
    if (!anchor) {
        if (*pin) {
            return std::unexpected(Error{Error::Code::BadSignature,
                tr("This installation requires releases signed for the publisher CA pinned in %1, but the "
                   "repository names no publisher; %2 is not installed.")
                    .arg(m_pinnedCa, manifestPath)});
        }
        return std::optional<SignerFacts>();
    }
    std::vector<Certificate> pins;
    if (*pin)
        pins.push_back(std::move(**pin));
    const PublisherCheck check(*anchor, std::move(pins));
    auto crl = revocationList(check, now);
    if (!crl)
        return std::unexpected(crl.error());
    auto listed = (*trusted)->findTarget(signaturePath);
    if (!listed) {
        if (listed.error().code != Error::Code::NotFound)
            return std::unexpected(listed.error());
        return std::unexpected(Error{Error::Code::BadSignature,
            tr("%1 is not signed by %2: the repository lists no signature %3 for it.")
                .arg(manifestPath, anchor->name, signaturePath)});
    }
    auto signature = target(signaturePath, listed->info);
    if (!signature)
        return std::unexpected(signature.error());
    auto signer = check.verifyManifest(manifest, *signature, *crl, now, manifestPath);
    if (!signer)
        return std::unexpected(signer.error());
    return std::optional<SignerFacts>(std::move(*signer));
}
