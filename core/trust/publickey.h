#pragma once

#include "error.h"
#include "json/jsonvalue.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>

struct evp_pkey_st;

// A public key as TUF metadata names it: {"keytype", "scheme", "keyval": {"public"}}.
// It verifies ed25519 signatures (our own keys) and ecdsa-sha2-nistp256 ones (keys of other
// TUF repositories, public part as a PEM SubjectPublicKeyInfo or a hex-encoded EC point,
// signatures DER-encoded or as raw r||s).
class PublicKey
{
    Q_DECLARE_TR_FUNCTIONS(PublicKey)

public:
    enum class Scheme { Ed25519, EcdsaP256Sha256 };

    // From the TUF key object. Fields other than these three are ignored.
    static std::expected<PublicKey, Error> fromTuf(const JsonValue& key);
    // From the 32 raw bytes of an ed25519 public key.
    static std::expected<PublicKey, Error> fromEd25519(QByteArrayView raw);

    [[nodiscard]] Scheme scheme() const { return m_scheme; }
    // The TUF key object, as it was read (keytype, scheme and public value kept verbatim).
    [[nodiscard]] JsonValue toTuf() const;
    // sha256 (hex) of the canonical JSON of toTuf(): the key id TUF metadata refers to it by.
    [[nodiscard]] QString keyId() const;

    // The key itself, however its TUF object spells it (hex in either case, PEM or EC point,
    // compressed or not, either ECDSA key type): the scheme and the raw public key. Two key ids
    // with one identity are one key, and count once towards a threshold.
    [[nodiscard]] const QByteArray& identity() const { return m_identity; }

    // Succeeds only when `signature` is this key's signature over exactly `message`.
    [[nodiscard]] std::expected<void, Error> verify(QByteArrayView message, QByteArrayView signature) const;

    // The key itself, for the OpenSSL calls that put it into a certificate (publishing library).
    [[nodiscard]] evp_pkey_st* evpKey() const { return m_key.get(); }

    friend bool operator==(const PublicKey& a, const PublicKey& b) { return a.toTuf() == b.toTuf(); }

private:
    PublicKey(Scheme scheme, std::string keyType, std::string schemeName, std::string publicValue,
        std::shared_ptr<evp_pkey_st> key);

    Scheme m_scheme;
    std::string m_keyType;
    std::string m_schemeName;
    std::string m_public;
    std::shared_ptr<evp_pkey_st> m_key;
    QByteArray m_identity;
};
