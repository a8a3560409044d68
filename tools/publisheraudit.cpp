#include "publisheraudit.h"

#include "policy/channels.h"
#include "release/repositorypaths.h"
#include "trust/publishercheck.h"

#include <map>

using namespace Qt::StringLiterals;

PublisherAudit::PublisherAudit(RepositoryClient& client)
    : m_client(client)
{ }

std::expected<QByteArray, Error> PublisherAudit::fetch(const QString& path, const TargetFileInfo& info, bool consistent)
{
    auto bytes = m_client.fetchVerified(
        u"targets/"_s + RepositoryClient::targetFileName(path, info, consistent), info.length, info.hashes.sha256());
    if (!bytes)
        return std::unexpected(bytes.error().prefixed(path));
    return bytes;
}

std::expected<std::optional<PublisherAudit::Result>, Error> PublisherAudit::run(const QDateTime& now)
{
    auto trusted = m_client.trusted();
    if (!trusted)
        return std::unexpected(trusted.error());
    const TrustedSet& set = **trusted;
    const auto& anchor = set.root().publisher;
    if (!anchor)
        return std::optional<Result>();
    const PublisherCheck check(*anchor);
    Result result{anchor->name, std::nullopt, 0, 0, {}};

    // The list a client accepts; signatures are still checked against one it refuses, when it reads.
    std::optional<RevocationList> list;
    auto der = m_client.fetchTarget(RepositoryPaths::revocationList());
    if (der) {
        auto accepted = check.acceptRevocationList(*der, std::nullopt, now);
        if (accepted) {
            result.list = *accepted;
            list = *accepted;
        } else {
            result.problems.push_back(accepted.error().prefixed(RepositoryPaths::revocationList()));
            if (auto read = RevocationList::fromDer(*der))
                list = *read;
        }
    } else {
        result.problems.push_back(der.error().prefixed(RepositoryPaths::revocationList()));
    }
    if (!list)
        return std::optional<Result>(std::move(result));

    // Each manifest with the signature beside it, per channel, most stable first; channels listing the
    // same pair are checked once.
    struct Offer {
        QString path;
        TargetFileInfo manifest;
        std::optional<TargetFileInfo> signature;
        QStringList channels;
    };
    std::map<std::tuple<QString, QString, QString>, Offer> offers;
    const TargetsMetadata* top = set.targets();
    if (top && top->delegations) {
        for (const DelegatedRole& delegated : top->delegations->roles) {
            const std::map<QString, TargetFileInfo> channel = Channels(set).targetsOf(delegated.name);
            for (const auto& [path, info] : channel) {
                if (!path.endsWith(u"/manifest.json"_s))
                    continue;
                const auto signature = channel.find(path + u".p7s"_s);
                std::optional<TargetFileInfo> signatureInfo;
                if (signature != channel.end())
                    signatureInfo = signature->second;
                Offer& offer
                    = offers[{path, info.hashes.sha256(), signatureInfo ? signatureInfo->hashes.sha256() : QString()}];
                offer.path = path;
                offer.manifest = info;
                offer.signature = signatureInfo;
                offer.channels.append(delegated.name);
            }
        }
    }
    const bool consistent = set.root().consistentSnapshot;
    for (const auto& [key, offer] : offers) {
        ++result.signatures;
        const QString where = u"%1 (%2)"_s.arg(offer.path, offer.channels.join(u", "_s));
        if (!offer.signature) {
            result.problems.push_back(Error{Error::Code::BadSignature,
                u"%1 is not signed by %2: no %3."_s.arg(where, anchor->name, offer.path + u".p7s"_s)});
            continue;
        }
        auto manifest = fetch(offer.path, offer.manifest, consistent);
        auto signature = manifest ? fetch(offer.path + u".p7s"_s, *offer.signature, consistent) : manifest;
        if (!signature) {
            result.problems.push_back(signature.error().prefixed(where));
            continue;
        }
        auto signer = check.verifyManifest(*manifest, *signature, *list, now, offer.path);
        if (!signer) {
            result.problems.push_back(signer.error().prefixed(where));
            continue;
        }
        ++result.verified;
    }
    return std::optional<Result>(std::move(result));
}
