#pragma once

#include "error.h"
#include "install/installlayout.h"

#include <QStringList>

// What an installation follows, kept in ROOT/.upkeep/config.json: the application, its channel,
// the repository and its mirrors, a random install id (for rollout buckets, never sent in
// clear), the versions the user chose to skip, the CAs an administrator pinned, who the user is
// to a private repository (names and paths only: the password is in PasswordStore), and whether
// the user holds it (updates are checked for but not installed).
struct InstallationConfig {
    Q_DECLARE_TR_FUNCTIONS(InstallationConfig)

public:
    QString app;
    QString channel;
    QStringList mirrors; // repository URLs, tried in order
    QString installId;
    QStringList skipped;
    QString caFile;      // the only CA trusted for https, when set (kept in .upkeep/ca.pem)
    QString publisherCa; // a publisher CA releases must also chain to, when set (.upkeep/publisher-ca.pem)
    bool held = false;   // `upkeep hold`: nothing is installed until unheld
    // A private repository: the origin (scheme://host:port) the credentials belong to, the user
    // for HTTP Basic, and the PEM files of a TLS client certificate and its key.
    QString authOrigin;
    QString authUser;
    QString clientCert;
    QString clientKey;

    static std::expected<InstallationConfig, Error> load(const InstallLayout& layout);
    [[nodiscard]] std::expected<void, Error> save(const InstallLayout& layout) const;
    [[nodiscard]] static QString path(const InstallLayout& layout)
    {
        return layout.stateFolder() + QStringLiteral("/config.json");
    }
};
