#pragma once

#include "trust/repositoryclient.h"
#include "trust/revocationlist.h"

#include <QDateTime>

#include <optional>
#include <vector>

// What `upkeep-publish verify` checks of a repository's publisher identity, as a client checks it before
// installing a release: the revocation list, current at `now` (no earlier list trusted), and the signature
// of every manifest on every channel (PublisherCheck), on a refreshed RepositoryClient.
class PublisherAudit
{
public:
    struct Result {
        QString publisher;
        std::optional<RevocationList> list; // the one accepted
        int signatures = 0;                 // manifests checked, each once for the channels listing it alike
        int verified = 0;
        std::vector<Error> problems; // the list's, then one per signature refused
    };

    explicit PublisherAudit(RepositoryClient& client);

    // Nothing for a repository without an identity.
    std::expected<std::optional<Result>, Error> run(const QDateTime& now);

private:
    // The target `path` as `info` lists it: every channel's own entry is checked, not only the one a
    // client's search finds first.
    std::expected<QByteArray, Error> fetch(const QString& path, const TargetFileInfo& info, bool consistent);

    RepositoryClient& m_client;
};
