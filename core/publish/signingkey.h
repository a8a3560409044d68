#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "trust/publickey.h"
#include "trust/signedmetadata.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

struct evp_pkey_st;

// An ed25519 private key: the publisher signs metadata with it. Stored as PKCS#8 PEM, encrypted
// (PBES2: AES-256-CBC, PBKDF2-HMAC-SHA256) under a passphrase, or unencrypted only through the
// functions that say so. Loading never prompts: an encrypted key without a passphrase is an error
// the caller turns into its own prompt.
class SigningKey
{
    Q_DECLARE_TR_FUNCTIONS(SigningKey)

public:
    static std::expected<SigningKey, Error> generate();
    // From the 32-byte secret seed of RFC 8032 (for known-answer tests and deterministic fixtures).
    static std::expected<SigningKey, Error> fromSeed(QByteArrayView seed);
    static std::expected<SigningKey, Error> fromPem(QByteArrayView pem, QByteArrayView passphrase = {});
    static std::expected<SigningKey, Error> load(const QString& path, QByteArrayView passphrase = {});

    // Encrypted under `passphrase`; an empty one is an error, never a quiet "unencrypted".
    [[nodiscard]] std::expected<QByteArray, Error> toPem(QByteArrayView passphrase) const;
    // In the clear, for the publisher who asked for that (and for tests).
    [[nodiscard]] std::expected<QByteArray, Error> toUnencryptedPem() const;
    // Write the PEM readable by the owner alone (0600), replacing `path` atomically.
    [[nodiscard]] std::expected<void, Error> save(const QString& path, QByteArrayView passphrase) const;
    [[nodiscard]] std::expected<void, Error> saveUnencrypted(const QString& path) const;

    [[nodiscard]] const PublicKey& publicKey() const { return m_public; }
    [[nodiscard]] std::expected<QByteArray, Error> sign(QByteArrayView message) const;
    // Adds (or replaces) this key's signature over the current `signed` object of `metadata`.
    [[nodiscard]] std::expected<void, Error> sign(SignedMetadata& metadata) const;

    // PBKDF2 rounds for an encrypted PEM (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
    static constexpr int kPbkdf2Iterations = 600'000;

private:
    static std::expected<SigningKey, Error> fromPrivateKey(std::shared_ptr<evp_pkey_st> key);
    static std::expected<void, Error> write(const QString& path, const std::expected<QByteArray, Error>& pem);
    SigningKey(std::shared_ptr<evp_pkey_st> key, PublicKey publicKey);

    std::shared_ptr<evp_pkey_st> m_key;
    PublicKey m_public;
};
