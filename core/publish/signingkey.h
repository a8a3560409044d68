#pragma once

#include "publish/publishingonly.h"

#include "error.h"
#include "trust/certificate.h"
#include "trust/publickey.h"
#include "trust/signedmetadata.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

struct evp_pkey_st;

// A private key: ed25519 signs TUF metadata, ECDSA P-256 (or ed25519) the publisher's certificates and
// manifest signatures. Stored as PKCS#8 PEM, encrypted
// (PBES2: AES-256-CBC, PBKDF2-HMAC-SHA256) under a passphrase, or unencrypted only through the
// functions that say so. Loading never prompts: an encrypted key without a passphrase is an error
// the caller turns into its own prompt.
class SigningKey
{
    Q_DECLARE_TR_FUNCTIONS(SigningKey)

public:
    enum class Algorithm { Ed25519, EcdsaP256 };

    // TUF metadata keys stay ed25519; certificates and CMS signatures are P-256 by default.
    static std::expected<SigningKey, Error> generate(Algorithm algorithm = Algorithm::Ed25519);
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

    [[nodiscard]] Algorithm algorithm() const { return m_algorithm; }
    // Ed25519 as TUF's ed25519, P-256 as TUF's ecdsa-sha2-nistp256 (public key in PEM).
    [[nodiscard]] const PublicKey& publicKey() const { return m_public; }
    // The public key a certificate certifies, as publicKey() of its private key names it: the key
    // store finds the certificate's key file by its key id.
    static std::expected<PublicKey, Error> publicKeyOf(const Certificate& certificate);
    // The private key, for OpenSSL's X.509 and CMS signing in the publishing library.
    [[nodiscard]] evp_pkey_st* evpKey() const { return m_key.get(); }
    [[nodiscard]] std::expected<QByteArray, Error> sign(QByteArrayView message) const;
    // Adds (or replaces) this key's signature over the current `signed` object of `metadata`.
    [[nodiscard]] std::expected<void, Error> sign(SignedMetadata& metadata) const;

    // PBKDF2 rounds for an encrypted PEM (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
    static constexpr int kPbkdf2Iterations = 600'000;

private:
    static std::expected<PublicKey, Error> tufPublicKey(evp_pkey_st* key);
    static std::expected<SigningKey, Error> fromPrivateKey(std::shared_ptr<evp_pkey_st> key);
    static std::expected<void, Error> write(const QString& path, const std::expected<QByteArray, Error>& pem);
    SigningKey(Algorithm algorithm, std::shared_ptr<evp_pkey_st> key, PublicKey publicKey);

    Algorithm m_algorithm;
    std::shared_ptr<evp_pkey_st> m_key;
    PublicKey m_public;
};
