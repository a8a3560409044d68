#include "signingkey.h"

#include "logging.h"
#include "trust/opensslhandles.h"
#include "json/canonicaljson.h"

#include <QFile>
#include <QSaveFile>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>

namespace {

constexpr qsizetype kEd25519SeedBytes = 32;
constexpr qsizetype kEd25519SignatureBytes = 64;
constexpr qsizetype kMaxEcdsaP256SignatureBytes = 72; // DER SEQUENCE of two 33-byte INTEGERs
constexpr qsizetype kMaxPemBytes = 64 * 1024;

std::unexpected<Error> internal(const char* what)
{
    qCWarning(lcTrust) << what << takeOpenSslError();
    return std::unexpected(
        Error{Error::Code::Internal, SigningKey::tr("OpenSSL failed: %1.").arg(QLatin1StringView(what))});
}

// Hands OpenSSL the passphrase we were given, and never lets it prompt on a terminal.
int passphraseCallback(char* buffer, int size, int, void* userData)
{
    const auto* passphrase = static_cast<const QByteArrayView*>(userData);
    if (!passphrase || passphrase->isEmpty() || passphrase->size() > size)
        return -1;
    memcpy(buffer, passphrase->data(), size_t(passphrase->size()));
    return int(passphrase->size());
}

bool isP256(EVP_PKEY* key)
{
    char group[64] = {};
    size_t length = 0;
    return EVP_PKEY_is_a(key, "EC")
        && EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) == 1
        && std::string_view(group, length) == "prime256v1";
}

} // namespace

SigningKey::SigningKey(Algorithm algorithm, std::shared_ptr<evp_pkey_st> key, PublicKey publicKey)
    : m_algorithm(algorithm)
    , m_key(std::move(key))
    , m_public(std::move(publicKey))
{ }

std::expected<PublicKey, Error> SigningKey::tufPublicKey(evp_pkey_st* key)
{
    if (EVP_PKEY_is_a(key, "EC")) {
        BioHandle bio(BIO_new(BIO_s_mem()));
        if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1)
            return internal("PEM_write_bio_PUBKEY");
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio.get(), &data);
        return PublicKey::fromTuf(JsonObject{
            {"keytype", "ecdsa-sha2-nistp256"},
            {"keyval", JsonObject{{"public", std::string(data, size_t(length))}}},
            {"scheme", "ecdsa-sha2-nistp256"},
        });
    }
    unsigned char raw[32];
    size_t length = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key, raw, &length) != 1)
        return internal("EVP_PKEY_get_raw_public_key");
    return PublicKey::fromEd25519(QByteArrayView(reinterpret_cast<const char*>(raw), qsizetype(length)));
}

std::expected<PublicKey, Error> SigningKey::publicKeyOf(const Certificate& certificate)
{
    EVP_PKEY* key = X509_get0_pubkey(certificate.x509());
    if (!key || (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519 && !isP256(key))) {
        ERR_clear_error();
        return std::unexpected(Error{Error::Code::Unsupported,
            tr("The certificate %1 (serial %2) holds no ed25519 or ECDSA P-256 key.")
                .arg(certificate.subject(), certificate.serial())});
    }
    return tufPublicKey(key);
}

std::expected<SigningKey, Error> SigningKey::fromPrivateKey(std::shared_ptr<evp_pkey_st> key)
{
    auto publicKey = tufPublicKey(key.get());
    if (!publicKey)
        return std::unexpected(publicKey.error());
    const Algorithm algorithm = EVP_PKEY_is_a(key.get(), "EC") ? Algorithm::EcdsaP256 : Algorithm::Ed25519;
    return SigningKey(algorithm, std::move(key), std::move(*publicKey));
}

std::expected<SigningKey, Error> SigningKey::generate(Algorithm algorithm)
{
    EvpPkeyHandle key(algorithm == Algorithm::EcdsaP256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                                        : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key)
        return internal("EVP_PKEY_Q_keygen");
    return fromPrivateKey(shareKey(std::move(key)));
}

std::expected<SigningKey, Error> SigningKey::fromSeed(QByteArrayView seed)
{
    if (seed.size() != kEd25519SeedBytes) {
        return std::unexpected(Error{
            Error::Code::InvalidInput, tr("An ed25519 private key is 32 bytes; this one is %1.").arg(seed.size())});
    }
    EvpPkeyHandle key(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), size_t(seed.size())));
    if (!key)
        return internal("EVP_PKEY_new_raw_private_key");
    return fromPrivateKey(shareKey(std::move(key)));
}

std::expected<SigningKey, Error> SigningKey::fromPem(QByteArrayView pem, QByteArrayView passphrase)
{
    if (pem.size() > kMaxPemBytes) {
        return std::unexpected(Error{Error::Code::LimitExceeded,
            tr("The key file is %1 bytes long; a key is never larger than %2 bytes.")
                .arg(pem.size())
                .arg(kMaxPemBytes)});
    }
    if (!pem.contains("-----BEGIN ")) {
        return std::unexpected(Error{Error::Code::InvalidInput, tr("This is not a PEM private key.")});
    }
    const bool encrypted
        = pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED");
    if (encrypted && passphrase.isEmpty()) {
        return std::unexpected(
            Error{Error::Code::PassphraseRequired, tr("The private key is encrypted; its passphrase is needed.")});
    }

    BioHandle bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    if (!bio)
        return internal("BIO_new_mem_buf");
    EvpPkeyHandle key(
        PEM_read_bio_PrivateKey_ex(bio.get(), nullptr, passphraseCallback, &passphrase, nullptr, nullptr));
    if (!key) {
        qCDebug(lcTrust) << "PEM_read_bio_PrivateKey:" << takeOpenSslError();
        if (encrypted) {
            return std::unexpected(Error{Error::Code::WrongPassphrase,
                tr("The passphrase does not open this private key (or the key file is damaged).")});
        }
        return std::unexpected(Error{
            Error::Code::InvalidInput, tr("The PEM private key cannot be read; the file is damaged or not a key.")});
    }
    if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519 && !isP256(key.get())) {
        return std::unexpected(Error{Error::Code::Unsupported,
            tr("This is a %1 key; Upkeep signs with ed25519 and ECDSA P-256 keys only.")
                .arg(QLatin1StringView(EVP_PKEY_get0_type_name(key.get())))});
    }
    return fromPrivateKey(shareKey(std::move(key)));
}

std::expected<SigningKey, Error> SigningKey::load(const QString& path, QByteArrayView passphrase)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(Error{Error::Code::Io, tr("Cannot read the key %1: %2.").arg(path, file.errorString())});
    const QByteArray pem = file.read(kMaxPemBytes + 1);
    auto key = fromPem(pem, passphrase);
    if (!key)
        return std::unexpected(key.error().prefixed(path));
    return key;
}

std::expected<QByteArray, Error> SigningKey::toPem(QByteArrayView passphrase) const
{
    if (passphrase.isEmpty()) {
        return std::unexpected(
            Error{Error::Code::PassphraseRequired, tr("The passphrase to encrypt the private key with is empty.")});
    }
    Pkcs8InfoHandle info(EVP_PKEY2PKCS8(m_key.get()));
    if (!info)
        return internal("EVP_PKEY2PKCS8");
    // pbe_nid -1 selects PBES2; OpenSSL 3 pairs it with PBKDF2-HMAC-SHA256 and a random salt and IV.
    X509SigHandle sealed(PKCS8_encrypt_ex(-1, EVP_aes_256_cbc(), passphrase.data(), int(passphrase.size()), nullptr, 0,
        kPbkdf2Iterations, info.get(), nullptr, nullptr));
    if (!sealed)
        return internal("PKCS8_encrypt_ex");
    BioHandle bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return internal("BIO_new");
    if (PEM_write_bio_PKCS8(bio.get(), sealed.get()) != 1)
        return internal("PEM_write_bio_PKCS8");
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, length);
}

std::expected<QByteArray, Error> SigningKey::toUnencryptedPem() const
{
    BioHandle bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return internal("BIO_new");
    if (PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return internal("PEM_write_bio_PKCS8PrivateKey");
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, length);
}

std::expected<void, Error> SigningKey::write(const QString& path, const std::expected<QByteArray, Error>& pem)
{
    if (!pem)
        return std::unexpected(pem.error());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(*pem) != pem->size() || !file.commit()) {
        return std::unexpected(
            Error{Error::Code::Io, tr("Cannot write the key %1: %2.").arg(path, file.errorString())});
    }
    return {};
}

std::expected<void, Error> SigningKey::save(const QString& path, QByteArrayView passphrase) const
{
    return write(path, toPem(passphrase));
}

std::expected<void, Error> SigningKey::saveUnencrypted(const QString& path) const
{
    return write(path, toUnencryptedPem());
}

std::expected<void, Error> SigningKey::sign(SignedMetadata& metadata) const
{
    auto signature = sign(canonicalJson(metadata.signedPart()));
    if (!signature)
        return std::unexpected(signature.error());
    metadata.addSignature(m_public.keyId(), std::move(*signature));
    return {};
}

std::expected<QByteArray, Error> SigningKey::sign(QByteArrayView message) const
{
    const bool ecdsa = m_algorithm == Algorithm::EcdsaP256;
    EvpMdCtxHandle context(EVP_MD_CTX_new());
    if (!context
        || EVP_DigestSignInit(context.get(), nullptr, ecdsa ? EVP_sha256() : nullptr, nullptr, m_key.get()) != 1)
        return internal("EVP_DigestSignInit");
    // ECDSA signatures are DER, as TUF's ecdsa-sha2-nistp256 and PublicKey::verify take them.
    QByteArray signature(ecdsa ? kMaxEcdsaP256SignatureBytes : kEd25519SignatureBytes, Qt::Uninitialized);
    size_t length = size_t(signature.size());
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
            reinterpret_cast<const unsigned char*>(message.data()), size_t(message.size()))
        != 1)
        return internal("EVP_DigestSign");
    signature.resize(qsizetype(length));
    return signature;
}
