#include "publickey.h"

#include "logging.h"
#include "trust/hex.h"
#include "trust/opensslhandles.h"
#include "json/canonicaljson.h"

#include <QCryptographicHash>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kEd25519KeyBytes = 32;
constexpr qsizetype kEd25519SignatureBytes = 64;
constexpr qsizetype kP256CoordinateBytes = 32;

std::unexpected<Error> invalid(const QString& message)
{
    return std::unexpected(Error{Error::Code::InvalidInput, message});
}

std::expected<std::string, Error> stringMember(const JsonValue& object, std::string_view name, const QString& path)
{
    const JsonValue* member = object.find(name);
    if (!member || !member->isString())
        return invalid(PublicKey::tr("The public key has no \"%1\" string.").arg(path));
    return member->toUtf8();
}

std::expected<EvpPkeyHandle, Error> p256FromPem(const std::string& pem)
{
    BioHandle bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    EvpPkeyHandle key(bio ? PEM_read_bio_PUBKEY_ex(bio.get(), nullptr, nullptr, nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        qCDebug(lcTrust) << "ECDSA PEM:" << takeOpenSslError();
        return invalid(PublicKey::tr("The ECDSA public key is not a readable PEM public key."));
    }
    if (!EVP_PKEY_is_a(key.get(), "EC"))
        return invalid(PublicKey::tr("The ECDSA public key's PEM holds a key of another type."));
    char group[64] = {};
    size_t groupLength = 0;
    if (!EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &groupLength)
        || std::string_view(group, groupLength) != "prime256v1") {
        return std::unexpected(Error{Error::Code::Unsupported,
            PublicKey::tr("The ECDSA public key is on curve '%1'; only P-256 is supported.")
                .arg(QString::fromLatin1(group, qsizetype(groupLength)))});
    }
    return key;
}

std::expected<EvpPkeyHandle, Error> p256FromPoint(const QByteArray& point)
{
    // SEC 1 encoding: 04 || X || Y uncompressed, or 02/03 || X compressed.
    const bool uncompressed = point.size() == 1 + 2 * kP256CoordinateBytes && point[0] == 0x04;
    const bool compressed = point.size() == 1 + kP256CoordinateBytes && (point[0] == 0x02 || point[0] == 0x03);
    if (!uncompressed && !compressed) {
        return invalid(
            PublicKey::tr("An ECDSA P-256 public point is 33 or 65 bytes; this one is %1.").arg(point.size()));
    }
    EvpPkeyCtxHandle context(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    char groupName[] = "prime256v1";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, groupName, 0),
        OSSL_PARAM_construct_octet_string(
            OSSL_PKEY_PARAM_PUB_KEY, const_cast<char*>(point.data()), size_t(point.size())),
        OSSL_PARAM_construct_end(),
    };
    EVP_PKEY* raw = nullptr;
    if (!context || EVP_PKEY_fromdata_init(context.get()) <= 0
        || EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params) <= 0) {
        qCDebug(lcTrust) << "ECDSA point:" << takeOpenSslError();
        return invalid(PublicKey::tr("The ECDSA public key is not a point on the P-256 curve."));
    }
    EvpPkeyHandle key(raw);
    // fromdata does not check that the point lies on the curve; a public check does.
    EvpPkeyCtxHandle check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) <= 0) {
        qCDebug(lcTrust) << "ECDSA point check:" << takeOpenSslError();
        return invalid(PublicKey::tr("The ECDSA public key is not a point on the P-256 curve."));
    }
    return key;
}

// DER is what securesystemslib and go-tuf write; raw r||s is what some signing services return.
QByteArray derEcdsaSignature(QByteArrayView signature)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
    const unsigned char* cursor = bytes;
    EcdsaSigHandle parsed(d2i_ECDSA_SIG(nullptr, &cursor, long(signature.size())));
    if (parsed && cursor == bytes + signature.size())
        return signature.toByteArray();
    ERR_clear_error();
    if (signature.size() != 2 * kP256CoordinateBytes)
        return {};
    EcdsaSigHandle rs(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(bytes, kP256CoordinateBytes, nullptr);
    BIGNUM* s = BN_bin2bn(bytes + kP256CoordinateBytes, kP256CoordinateBytes, nullptr);
    if (!rs || !r || !s || !ECDSA_SIG_set0(rs.get(), r, s)) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(rs.get(), &der);
    if (length <= 0)
        return {};
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

// Ed25519: the 32 key bytes. P-256: the uncompressed point 04 || X || Y, whatever form it was read in.
QByteArray rawPublicKey(PublicKey::Scheme scheme, EVP_PKEY* key)
{
    if (scheme == PublicKey::Scheme::Ed25519) {
        QByteArray raw(kEd25519KeyBytes, Qt::Uninitialized);
        size_t length = size_t(raw.size());
        if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length) != 1)
            return {};
        return raw.left(qsizetype(length));
    }
    BIGNUM* x = nullptr;
    BIGNUM* y = nullptr;
    QByteArray point(1 + 2 * kP256CoordinateBytes, Qt::Uninitialized);
    point[0] = 0x04;
    auto* bytes = reinterpret_cast<unsigned char*>(point.data());
    const bool ok = EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1
        && EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1
        && BN_bn2binpad(x, bytes + 1, kP256CoordinateBytes) == kP256CoordinateBytes
        && BN_bn2binpad(y, bytes + 1 + kP256CoordinateBytes, kP256CoordinateBytes) == kP256CoordinateBytes;
    BN_free(x);
    BN_free(y);
    return ok ? point : QByteArray();
}

} // namespace

PublicKey::PublicKey(Scheme scheme, std::string keyType, std::string schemeName, std::string publicValue,
    std::shared_ptr<evp_pkey_st> key)
    : m_scheme(scheme)
    , m_keyType(std::move(keyType))
    , m_schemeName(std::move(schemeName))
    , m_public(std::move(publicValue))
    , m_key(std::move(key))
{
    const QByteArray raw = rawPublicKey(m_scheme, m_key.get());
    if (raw.isEmpty()) {
        // Never expected of a key OpenSSL has loaded; an identity of its own keeps it from
        // standing in for any other key.
        qCWarning(lcTrust) << "public key bytes unavailable:" << takeOpenSslError();
        m_identity = "unknown:" + QByteArray::fromStdString(m_keyType + m_schemeName + m_public);
        return;
    }
    m_identity = (m_scheme == Scheme::Ed25519 ? "ed25519:" : "ecdsa-p256:") + raw;
}

std::expected<PublicKey, Error> PublicKey::fromEd25519(QByteArrayView raw)
{
    if (raw.size() != kEd25519KeyBytes)
        return invalid(tr("An ed25519 public key is 32 bytes; this one is %1.").arg(raw.size()));
    EvpPkeyHandle key(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
    if (!key) {
        qCWarning(lcTrust) << "EVP_PKEY_new_raw_public_key:" << takeOpenSslError();
        return std::unexpected(Error{Error::Code::Internal, tr("OpenSSL could not load an ed25519 public key.")});
    }
    return PublicKey(
        Scheme::Ed25519, "ed25519", "ed25519", raw.toByteArray().toHex().toStdString(), shareKey(std::move(key)));
}

std::expected<PublicKey, Error> PublicKey::fromTuf(const JsonValue& object)
{
    if (!object.isObject())
        return invalid(tr("A public key must be a JSON object."));
    auto keyType = stringMember(object, "keytype", u"keytype"_s);
    if (!keyType)
        return std::unexpected(keyType.error());
    auto scheme = stringMember(object, "scheme", u"scheme"_s);
    if (!scheme)
        return std::unexpected(scheme.error());
    const JsonValue* keyval = object.find("keyval");
    if (!keyval || !keyval->isObject())
        return invalid(tr("The public key has no \"keyval\" object."));
    auto value = stringMember(*keyval, "public", u"keyval.public"_s);
    if (!value)
        return std::unexpected(value.error());

    if (*keyType == "ed25519" && *scheme == "ed25519") {
        auto raw = decodeHex(QByteArrayView(value->data(), value->size()));
        if (!raw)
            return std::unexpected(raw.error().prefixed(tr("The ed25519 public key")));
        auto key = fromEd25519(*raw);
        if (key)
            key->m_public = *value; // keep the hex exactly as written, for the key id
        return key;
    }
    if ((*keyType == "ecdsa" || *keyType == "ecdsa-sha2-nistp256") && *scheme == "ecdsa-sha2-nistp256") {
        std::expected<EvpPkeyHandle, Error> key = std::unexpected(Error{});
        if (value->starts_with("-----BEGIN")) {
            key = p256FromPem(*value);
        } else {
            auto point = decodeHex(QByteArrayView(value->data(), value->size()));
            if (!point)
                return std::unexpected(point.error().prefixed(tr("The ECDSA public key")));
            key = p256FromPoint(*point);
        }
        if (!key)
            return std::unexpected(key.error());
        return PublicKey(Scheme::EcdsaP256Sha256, *keyType, *scheme, *value, shareKey(std::move(*key)));
    }
    return std::unexpected(Error{Error::Code::Unsupported,
        tr("Key type '%1' with scheme '%2' is not supported; "
           "keys must be ed25519 or ecdsa-sha2-nistp256.")
            .arg(QString::fromStdString(*keyType), QString::fromStdString(*scheme))});
}

JsonValue PublicKey::toTuf() const
{
    return JsonObject{
        {"keytype", m_keyType},
        {"keyval", JsonObject{{"public", m_public}}},
        {"scheme", m_schemeName},
    };
}

QString PublicKey::keyId() const
{
    return QString::fromLatin1(QCryptographicHash::hash(canonicalJson(toTuf()), QCryptographicHash::Sha256).toHex());
}

std::expected<void, Error> PublicKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    QByteArray der;
    const EVP_MD* digest = nullptr;
    if (m_scheme == Scheme::Ed25519) {
        if (signature.size() != kEd25519SignatureBytes) {
            return invalid(tr("An ed25519 signature is 64 bytes; this one is %1.").arg(signature.size()));
        }
    } else {
        der = derEcdsaSignature(signature);
        if (der.isEmpty())
            return invalid(tr("The ECDSA signature is neither DER-encoded nor 64 bytes of r and s."));
        signature = der;
        digest = EVP_sha256();
    }

    EvpMdCtxHandle context(EVP_MD_CTX_new());
    if (!context || EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, m_key.get()) != 1) {
        qCWarning(lcTrust) << "EVP_DigestVerifyInit:" << takeOpenSslError();
        return std::unexpected(Error{Error::Code::Internal, tr("OpenSSL could not start verifying a signature.")});
    }
    const int result = EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
        size_t(signature.size()), reinterpret_cast<const unsigned char*>(message.data()), size_t(message.size()));
    if (result != 1) {
        qCDebug(lcTrust) << "signature by" << keyId() << "refused:" << takeOpenSslError();
        return std::unexpected(Error{Error::Code::BadSignature,
            tr("The signature by key %1 does not match the signed data.").arg(keyId().left(16))});
    }
    return {};
}
