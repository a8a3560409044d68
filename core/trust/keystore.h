#pragma once

#include "trust/signingkey.h"

#include <functional>
#include <vector>

// The private keys of a repository's roles, in a folder kept apart from the repository: one
// PEM file per key, named ROLE.KEYID.pem, so that a role's keys are found without decrypting
// anything. Replaced keys move to retired/ rather than being deleted.
class KeyStore
{
    Q_DECLARE_TR_FUNCTIONS(KeyStore)

public:
    // Asked at most once, and only when a key must be encrypted or decrypted. It returns an
    // empty passphrase to leave new keys unencrypted.
    using PassphraseSource = std::function<std::expected<QByteArray, Error>()>;

    KeyStore(QString directory, PassphraseSource passphrase);

    [[nodiscard]] const QString& directory() const { return m_directory; }

    // A new key for `role`, saved (0600) before it is returned.
    std::expected<SigningKey, Error> create(const QString& role);
    // The keys of `role` among `keyIds` that this store holds (possibly none).
    std::expected<std::vector<SigningKey>, Error> keys(const QString& role, const QStringList& keyIds);
    std::expected<void, Error> retire(const QString& role, const QString& keyId);

private:
    std::expected<QByteArray, Error> passphrase();
    // A new key is saved under the passphrase of the keys already here, never beside them in the clear.
    std::expected<void, Error> checkPassphraseOpensStore(const QByteArray& secret);
    [[nodiscard]] QString fileName(const QString& role, const QString& keyId) const;

    QString m_directory;
    PassphraseSource m_source;
    std::optional<QByteArray> m_passphrase;
    bool m_passphraseChecked = false;
};
