// Signature thresholds count distinct keys, not distinct spellings of a key: the same public key
// written two ways (hex case, PEM or EC point, compressed or not, either ECDSA key type) has two
// key ids, and a role that lists both with threshold 2 must still need two real keys.

#include "publish/signingkey.h"
#include "support/verify.h"
#include "trust/signedmetadata.h"
#include "json/canonicaljson.h"
#include "json/jsonwriter.h"

#include <QTest>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace {

JsonValue tufKey(const char* keyType, const char* scheme, const std::string& publicValue)
{
    return JsonObject{{"keytype", keyType}, {"scheme", scheme}, {"keyval", JsonObject{{"public", publicValue}}}};
}

const JsonValue kSigned = JsonObject{{"_type", "timestamp"}, {"version", 7}};

// A key that signs, and its public half spelled in every way publickey.cpp reads.
struct Signer {
    std::function<QByteArray(const QByteArray&)> sign;
    std::map<QString, JsonValue> spellings;
};

Signer ed25519Signer()
{
    auto key = std::make_shared<SigningKey>(*SigningKey::generate());
    const std::string hex = key->publicKey().toTuf().find("keyval")->find("public")->toUtf8();
    return Signer{[key](const QByteArray& message) { return *key->sign(message); },
        {
            {u"lower-case hex"_s, tufKey("ed25519", "ed25519", QByteArray::fromStdString(hex).toLower().toStdString())},
            {u"upper-case hex"_s, tufKey("ed25519", "ed25519", QByteArray::fromStdString(hex).toUpper().toStdString())},
        }};
}

Signer ecdsaSigner()
{
    std::shared_ptr<EVP_PKEY> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key.get());
    char* data = nullptr;
    const long pemLength = BIO_get_mem_data(bio, &data);
    const std::string pem(data, size_t(pemLength));
    BIO_free(bio);
    unsigned char point[65];
    size_t length = 0;
    EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point, sizeof point, &length);
    const QByteArray uncompressed(reinterpret_cast<const char*>(point), qsizetype(length));
    // SEC 1 compressed form: 02 or 03 for an even or odd Y, then X.
    const QByteArray compressed = char((uncompressed.back() & 1) ? 0x03 : 0x02) + uncompressed.mid(1, 32);
    auto sign = [key](const QByteArray& message) {
        EVP_MD_CTX* context = EVP_MD_CTX_new();
        size_t size = 0;
        EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key.get());
        EVP_DigestSign(context, nullptr, &size, reinterpret_cast<const unsigned char*>(message.data()), message.size());
        QByteArray signature(qsizetype(size), Qt::Uninitialized);
        EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &size,
            reinterpret_cast<const unsigned char*>(message.data()), message.size());
        EVP_MD_CTX_free(context);
        return signature.left(qsizetype(size));
    };
    return Signer{sign,
        {
            {u"PEM"_s, tufKey("ecdsa", "ecdsa-sha2-nistp256", pem)},
            {u"PEM without its last newline"_s, tufKey("ecdsa", "ecdsa-sha2-nistp256", pem.substr(0, pem.size() - 1))},
            {u"uncompressed point"_s, tufKey("ecdsa", "ecdsa-sha2-nistp256", uncompressed.toHex().toStdString())},
            {u"upper-case uncompressed point"_s,
                tufKey("ecdsa", "ecdsa-sha2-nistp256", uncompressed.toHex().toUpper().toStdString())},
            {u"compressed point"_s, tufKey("ecdsa", "ecdsa-sha2-nistp256", compressed.toHex().toStdString())},
            {u"key type ecdsa-sha2-nistp256"_s,
                tufKey("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", uncompressed.toHex().toStdString())},
        }};
}

struct Spelled {
    JsonValue key;
    std::function<QByteArray(const QByteArray&)> sign;
};

} // namespace

Q_DECLARE_METATYPE(Spelled)

class TestThresholds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoKeyIds_data();
    void twoKeyIds();
};

void TestThresholds::twoKeyIds_data()
{
    QTest::addColumn<Spelled>("first");
    QTest::addColumn<Spelled>("second");
    QTest::addColumn<int>("valid");

    const Signer ed25519 = ed25519Signer();
    const Signer otherEd25519 = ed25519Signer();
    const Signer ecdsa = ecdsaSigner();
    const Signer otherEcdsa = ecdsaSigner();
    auto spelled = [](const Signer& signer, const QString& spelling) {
        return Spelled{signer.spellings.at(spelling), signer.sign};
    };

    // One key, two spellings: one signature counts.
    QTest::newRow("ed25519: lower- and upper-case hex")
        << spelled(ed25519, u"lower-case hex"_s) << spelled(ed25519, u"upper-case hex"_s) << 1;
    for (const auto& [name, key] : ecdsa.spellings) {
        if (name == u"PEM"_s)
            continue;
        QTest::addRow("ecdsa: PEM and %s", qPrintable(name)) << spelled(ecdsa, u"PEM"_s) << spelled(ecdsa, name) << 1;
    }
    QTest::newRow("ecdsa: compressed and uncompressed point")
        << spelled(ecdsa, u"compressed point"_s) << spelled(ecdsa, u"uncompressed point"_s) << 1;
    QTest::newRow("ecdsa: key types ecdsa and ecdsa-sha2-nistp256")
        << spelled(ecdsa, u"uncompressed point"_s) << spelled(ecdsa, u"key type ecdsa-sha2-nistp256"_s) << 1;

    // Two keys: two signatures count, whatever the spelling.
    QTest::newRow("two ed25519 keys") << spelled(ed25519, u"lower-case hex"_s)
                                      << spelled(otherEd25519, u"upper-case hex"_s) << 2;
    QTest::newRow("two ecdsa keys") << spelled(ecdsa, u"PEM"_s) << spelled(otherEcdsa, u"compressed point"_s) << 2;
    QTest::newRow("an ed25519 and an ecdsa key")
        << spelled(ed25519, u"lower-case hex"_s) << spelled(ecdsa, u"compressed point"_s) << 2;
}

void TestThresholds::twoKeyIds()
{
    QFETCH(Spelled, first);
    QFETCH(Spelled, second);
    QFETCH(int, valid);

    auto firstKey = PublicKey::fromTuf(first.key);
    auto secondKey = PublicKey::fromTuf(second.key);
    UPKEEP_VERIFY_OK(firstKey);
    UPKEEP_VERIFY_OK(secondKey);
    // Each spelling is its own TUF key object, so its own key id, as other clients compute it.
    QVERIFY(firstKey->keyId() != secondKey->keyId());

    const QByteArray message = canonicalJson(kSigned);
    const JsonValue file = JsonObject{{"signed", kSigned},
        {"signatures",
            JsonArray{
                JsonObject{{"keyid", firstKey->keyId()}, {"sig", first.sign(message).toHex().toStdString()}},
                JsonObject{{"keyid", secondKey->keyId()}, {"sig", second.sign(message).toHex().toStdString()}},
            }}};
    auto metadata = SignedMetadata::parse(prettyJson(file), u"timestamp.json"_s);
    UPKEEP_VERIFY_OK(metadata);
    const std::map<QString, PublicKey> keys{{firstKey->keyId(), *firstKey}, {secondKey->keyId(), *secondKey}};

    // Each signature is good on its own.
    UPKEEP_VERIFY_OK(metadata->verify(keys, RoleKeys{{firstKey->keyId()}, 1}, u"timestamp"_s));
    UPKEEP_VERIFY_OK(metadata->verify(keys, RoleKeys{{secondKey->keyId()}, 1}, u"timestamp"_s));

    const RoleKeys both{{firstKey->keyId(), secondKey->keyId()}, 2};
    const auto verified = metadata->verify(keys, both, u"timestamp"_s);
    if (valid == 2) {
        UPKEEP_VERIFY_OK(verified);
        return;
    }
    UPKEEP_VERIFY_ERROR(verified, Error::Code::BadSignature);
    QCOMPARE(
        verified.error().message, u"timestamp metadata has 1 valid signature(s) of the 2 its trusted keys require."_s);
}

QTEST_GUILESS_MAIN(TestThresholds)
#include "tst_thresholds.moc"
