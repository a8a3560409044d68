#pragma once

#include "publish/publishingonly.h"

#include "publish/signingkey.h"

#include <functional>
#include <optional>
#include <vector>

// The private keys of a repository's roles in one folder, kept apart from the repository: one
// PEM file per key, named ROLE.KEYID.pem, so that a role's keys are found without decrypting
// anything. New keys are encrypted under the folder's passphrase, or unencrypted only when the
// store was made for that. A role name or key id that would lead out of the folder (read from a
// damaged or hostile repository) is refused. Replaced keys move to retired/.
class KeyStore
{
    Q_DECLARE_TR_FUNCTIONS(KeyStore)

public:
    enum class NewKeys { Encrypted, Unencrypted };
    // What a passphrase is wanted for: opening a key here, encrypting a new key among encrypted
    // ones (under their passphrase, which is checked), or encrypting the first (a new passphrase).
    enum class PassphraseUse { OpenKey, EncryptAmongEncrypted, EncryptFirst };
    // Asked only when a key must be encrypted or decrypted; a passphrase it gives is kept for the
    // next time. Without a source there is no passphrase.
    using PassphraseSource = std::function<std::expected<QByteArray, Error>(PassphraseUse)>;

    KeyStore(QString directory, NewKeys newKeys, PassphraseSource passphrase = {});

    [[nodiscard]] const QString& directory() const { return m_directory; }
    [[nodiscard]] NewKeys newKeys() const { return m_newKeys; }

    // A key id as TUF makes it, the sha256 of the key: 64 lowercase hexadecimal digits.
    static bool isKeyId(const QString& text);
    // A role name that can be part of a file name: not empty, "." or "..", and without a slash,
    // a backslash or a control character.
    static bool isRoleName(const QString& text);

    // A new key for `role`, saved (0600) before it is returned: ed25519 for TUF roles, P-256 or
    // ed25519 for the publisher's CA ("publisher-ca") and signers ("signer").
    std::expected<SigningKey, Error> create(
        const QString& role, SigningKey::Algorithm algorithm = SigningKey::Algorithm::Ed25519);
    // The keys of `role` among `keyIds` that this store holds (possibly none).
    std::expected<std::vector<SigningKey>, Error> keys(const QString& role, const QStringList& keyIds);
    // Whether the store has the key file of `keyId` for `role`, without opening it.
    [[nodiscard]] std::expected<bool, Error> holds(const QString& role, const QString& keyId) const;
    std::expected<void, Error> retire(const QString& role, const QString& keyId);
    // Deletes the keys create() made, for a change that failed before anything named them.
    void discardCreated();

private:
    std::expected<QByteArray, Error> passphrase(PassphraseUse use);
    // The first encrypted key file here, or nothing.
    [[nodiscard]] QString encryptedKeyFile() const;
    [[nodiscard]] std::expected<QString, Error> fileName(const QString& role, const QString& keyId) const;

    QString m_directory;
    NewKeys m_newKeys;
    PassphraseSource m_source;
    std::optional<QByteArray> m_passphrase;
    bool m_passphraseChecked = false;
    QStringList m_created;
    bool m_createdDirectory = false;
};
