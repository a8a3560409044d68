#pragma once

#include "publish/publishingonly.h"

#include "publish/keystore.h"

// The key folders one change of a repository works with: offline folders for the root, targets
// and channel keys (several when root keys are held apart), and an online folder for the
// timestamp and snapshot keys, which `refresh` needs on a server and nothing else. A role's keys
// are looked up in every folder; a new key goes to the folder for its kind of role (the first
// offline one, or without an online folder, there too).
class KeyRing
{
    Q_DECLARE_TR_FUNCTIONS(KeyRing)

public:
    explicit KeyRing(std::vector<KeyStore> offline, std::optional<KeyStore> online = std::nullopt);

    // timestamp and snapshot: the roles signed again and again, by keys a server holds.
    static bool isOnlineRole(const QString& role);

    // The folders, for messages.
    [[nodiscard]] QStringList directories() const;

    // A new key for `role`: ed25519 for TUF roles; P-256 or ed25519 for the publisher's CA and signers.
    std::expected<SigningKey, Error> create(
        const QString& role, SigningKey::Algorithm algorithm = SigningKey::Algorithm::Ed25519);
    // The keys of `role` among `keyIds` in any folder, each once.
    std::expected<std::vector<SigningKey>, Error> keys(const QString& role, const QStringList& keyIds);
    // How many of `keyIds` have a key file for `role` in some folder, without opening any.
    [[nodiscard]] std::expected<qsizetype, Error> count(const QString& role, const QStringList& keyIds) const;
    std::expected<void, Error> retire(const QString& role, const QString& keyId);
    // Deletes the keys create() made, for a change that failed before anything named them.
    void discardCreated();

private:
    // The folders to look in for `role`: its own kind first, so that a passphrase is asked only
    // where the keys are.
    [[nodiscard]] std::vector<KeyStore*> searchOrder(const QString& role);

    std::vector<KeyStore> m_offline;
    std::optional<KeyStore> m_online;
};
