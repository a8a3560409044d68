// Public keys in their TUF form: the key id other clients compute, verification of ed25519 and
// ECDSA P-256 signatures against published test vectors, and clear refusals of malformed keys.

#include "support/testbytes.h"
#include "trust/hex.h"
#include "trust/publickey.h"
#include "json/canonicaljson.h"

#include "support/verify.h"
#include <QCryptographicHash>

#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace {

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(text);
}

JsonValue tufKey(const char* keyType, const char* scheme, const std::string& publicValue)
{
    return JsonObject{{"keytype", keyType}, {"scheme", scheme}, {"keyval", JsonObject{{"public", publicValue}}}};
}

// RFC 6979, A.2.5: the P-256 key and its deterministic signatures with SHA-256.
const char* const kP256Point = "0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
                               "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
const char* const kSampleR = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
const char* const kSampleS = "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
const char* const kTestR = "f1abb023518351cd71d881567b1ea663ed3efcf6c5132b354f28d3b0b7d38367";
const char* const kTestS = "019f4113742a2b14bd25926b49c649155f267e60d3814b4c0cc84250e46f0083";

// DER SEQUENCE { INTEGER r, INTEGER s }, written out by hand (both fit in one-byte lengths).
QByteArray derSignature(const QByteArray& r, const QByteArray& s)
{
    auto integer = [](QByteArray value) {
        while (value.size() > 1 && value[0] == 0 && !(value[1] & 0x80))
            value.remove(0, 1);
        if (value[0] & 0x80)
            value.prepend('\0');
        return QByteArray("\x02", 1) + char(value.size()) + value;
    };
    const QByteArray body = integer(r) + integer(s);
    return QByteArray("\x30", 1) + char(body.size()) + body;
}

// A fresh EC key on `curve`, its public half as PEM, and a SHA-256 signature over `message`.
struct EcFixture {
    QByteArray publicPem;
    QByteArray signature;
};

EcFixture ecFixture(const char* curve, const QByteArray& message)
{
    EcFixture fixture;
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    fixture.publicPem = QByteArray(data, length);
    BIO_free(bio);
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    size_t signatureLength = 0;
    EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key);
    EVP_DigestSign(
        context, nullptr, &signatureLength, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    fixture.signature.resize(qsizetype(signatureLength));
    EVP_DigestSign(context, reinterpret_cast<unsigned char*>(fixture.signature.data()), &signatureLength,
        reinterpret_cast<const unsigned char*>(message.data()), message.size());
    fixture.signature.resize(qsizetype(signatureLength));
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return fixture;
}

} // namespace

class TestPublicKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyIdComputedByHand();
    void keyIdKeepsThePublicValueAsWritten();
    void ed25519Vectors_data();
    void ed25519Vectors();
    void signatureLength_data();
    void signatureLength();
    void badKeys_data();
    void badKeys();
    void ecdsaRfc6979_data();
    void ecdsaRfc6979();
    void ecdsaPem();
    void ecdsaOtherCurveRefused();
};

void TestPublicKey::keyIdComputedByHand()
{
    // printf '%s' '{"keytype":"ed25519","keyval":{"public":"d75a…511a"},"scheme":"ed25519"}' | sha256sum
    const auto key = PublicKey::fromEd25519(hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    QVERIFY(key.has_value());
    QCOMPARE(canonicalJson(key->toTuf()),
        R"({"keytype":"ed25519","keyval":{"public":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"},"scheme":"ed25519"})"_ba);
    QCOMPARE(key->keyId(), u"74c181c7ad8a0855d4b55e44d2ba87aabdddb196832571f15f92fece332e4916"_s);

    // The same key read from its TUF form, with a field some clients add, has the same id:
    // the id covers keytype, scheme and keyval alone.
    JsonObject withExtra = key->toTuf().toObject();
    withExtra.emplace("keyid_hash_algorithms", JsonArray{"sha256", "sha512"});
    const auto read = PublicKey::fromTuf(withExtra);
    QVERIFY(read.has_value());
    QCOMPARE(read->keyId(), key->keyId());
    QVERIFY(*read == *key);
}

void TestPublicKey::keyIdKeepsThePublicValueAsWritten()
{
    // Upper-case hex is the same key, but a different TUF object and so a different key id.
    const auto upper = PublicKey::fromTuf(
        tufKey("ed25519", "ed25519", "D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A"));
    QVERIFY(upper.has_value());
    QCOMPARE(upper->toTuf().find("keyval")->find("public")->toUtf8(),
        "D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A");
    QVERIFY(upper->keyId() != u"74c181c7ad8a0855d4b55e44d2ba87aabdddb196832571f15f92fece332e4916"_s);
}

void TestPublicKey::ed25519Vectors_data()
{
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("signature");

    // RFC 8032, section 7.1.
    QTest::newRow("TEST 1") << hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a") << QByteArray()
                            << hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61"
                                   "e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QTest::newRow("TEST 2") << hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c") << hex("72")
                            << hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458"
                                   "f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    QTest::newRow("TEST 3") << hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025") << hex("af82")
                            << hex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae6"
                                   "7f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    QTest::newRow("TEST SHA(abc)") << hex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf")
                                   << QCryptographicHash::hash("abc", QCryptographicHash::Sha512)
                                   << hex("dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90"
                                          "b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704");
}

void TestPublicKey::ed25519Vectors()
{
    QFETCH(QByteArray, publicKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);

    const auto key = PublicKey::fromTuf(tufKey("ed25519", "ed25519", publicKey.toHex().toStdString()));
    UPKEEP_VERIFY_OK(key);
    QCOMPARE(key->scheme(), PublicKey::Scheme::Ed25519);
    const auto verified = key->verify(message, signature);
    UPKEEP_VERIFY_OK(verified);

    QByteArray tamperedMessage = message + "x";
    UPKEEP_VERIFY_ERROR(key->verify(tamperedMessage, signature), Error::Code::BadSignature);
    QByteArray tamperedSignature = signature;
    tamperedSignature[10] = char(tamperedSignature[10] ^ 0x01);
    const auto refused = key->verify(message, tamperedSignature);
    UPKEEP_VERIFY_ERROR(refused, Error::Code::BadSignature);
    QCOMPARE(refused.error().message,
        u"The signature by key %1 does not match the signed data."_s.arg(key->keyId().left(16)));
}

void TestPublicKey::signatureLength_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("empty") << 0;
    QTest::newRow("one byte short") << 63;
    QTest::newRow("one byte long") << 65;
    QTest::newRow("hex text instead of bytes") << 128;
}

void TestPublicKey::signatureLength()
{
    QFETCH(int, length);
    const auto key = PublicKey::fromEd25519(hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    QVERIFY(key.has_value());
    const auto result = key->verify(QByteArray(), QByteArray(length, 'a'));
    UPKEEP_VERIFY_ERROR(result, Error::Code::InvalidInput);
    QCOMPARE(result.error().message, u"An ed25519 signature is 64 bytes; this one is %1."_s.arg(length));
}

void TestPublicKey::badKeys_data()
{
    QTest::addColumn<JsonValue>("key");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    const std::string good = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const auto invalid = Error::Code::InvalidInput;
    QTest::newRow("31 bytes") << tufKey("ed25519", "ed25519", good.substr(2)) << invalid
                              << u"An ed25519 public key is 32 bytes; this one is 31."_s;
    QTest::newRow("33 bytes") << tufKey("ed25519", "ed25519", good + "00") << invalid
                              << u"An ed25519 public key is 32 bytes; this one is 33."_s;
    QTest::newRow("odd hex") << tufKey("ed25519", "ed25519", good.substr(1)) << invalid
                             << u"The ed25519 public key: A hex string must have an even number of digits."_s;
    QTest::newRow("not hex")
        << tufKey("ed25519", "ed25519", "zz" + good.substr(2)) << invalid
        << u"The ed25519 public key: 'zz5a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a' is not a hex string."_s;
    QTest::newRow("PEM where hex belongs")
        << tufKey("ed25519", "ed25519", "-----BEGIN PUBLIC KEY-----") << invalid
        << u"The ed25519 public key: '-----BEGIN PUBLIC KEY-----' is not a hex string."_s;
    QTest::newRow("not an object") << JsonValue("ed25519") << invalid << u"A public key must be a JSON object."_s;
    QTest::newRow("no keytype") << JsonValue(
        JsonObject{{"scheme", "ed25519"}, {"keyval", JsonObject{{"public", good}}}})
                                << invalid << u"The public key has no \"keytype\" string."_s;
    QTest::newRow("no keyval") << JsonValue(JsonObject{{"keytype", "ed25519"}, {"scheme", "ed25519"}}) << invalid
                               << u"The public key has no \"keyval\" object."_s;
    QTest::newRow("public is a number") << JsonValue(
        JsonObject{{"keytype", "ed25519"}, {"scheme", "ed25519"}, {"keyval", JsonObject{{"public", 7}}}})
                                        << invalid << u"The public key has no \"keyval.public\" string."_s;
    QTest::newRow("RSA")
        << tufKey("rsa", "rsassa-pss-sha256", "-----BEGIN PUBLIC KEY-----") << Error::Code::Unsupported
        << u"Key type 'rsa' with scheme 'rsassa-pss-sha256' is not supported; keys must be ed25519 or ecdsa-sha2-nistp256."_s;
    QTest::newRow("scheme does not match type")
        << tufKey("ed25519", "ecdsa-sha2-nistp256", good) << Error::Code::Unsupported
        << u"Key type 'ed25519' with scheme 'ecdsa-sha2-nistp256' is not supported; keys must be ed25519 or ecdsa-sha2-nistp256."_s;
    std::string offCurve = kP256Point;
    offCurve.back() = offCurve.back() == '9' ? '8' : '9';
    QTest::newRow("ECDSA point off the curve") << tufKey("ecdsa", "ecdsa-sha2-nistp256", offCurve) << invalid
                                               << u"The ECDSA public key is not a point on the P-256 curve."_s;
    QTest::newRow("ECDSA point too short")
        << tufKey("ecdsa", "ecdsa-sha2-nistp256", std::string(kP256Point).substr(0, 64)) << invalid
        << u"An ECDSA P-256 public point is 33 or 65 bytes; this one is 32."_s;
    QTest::newRow("ECDSA malformed PEM") << tufKey(
        "ecdsa", "ecdsa-sha2-nistp256", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                                         << invalid << u"The ECDSA public key is not a readable PEM public key."_s;
}

void TestPublicKey::badKeys()
{
    QFETCH(JsonValue, key);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    const auto result = PublicKey::fromTuf(key);
    UPKEEP_VERIFY_ERROR(result, code);
    QCOMPARE(result.error().message, message);
}

void TestPublicKey::ecdsaRfc6979_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("r");
    QTest::addColumn<QByteArray>("s");
    QTest::addColumn<bool>("der");

    QTest::newRow("sample, DER") << "sample"_ba << hex(kSampleR) << hex(kSampleS) << true;
    QTest::newRow("sample, raw r||s") << "sample"_ba << hex(kSampleR) << hex(kSampleS) << false;
    QTest::newRow("test, DER (s with a leading zero byte)") << "test"_ba << hex(kTestR) << hex(kTestS) << true;
    QTest::newRow("test, raw r||s") << "test"_ba << hex(kTestR) << hex(kTestS) << false;
}

void TestPublicKey::ecdsaRfc6979()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, r);
    QFETCH(QByteArray, s);
    QFETCH(bool, der);

    for (const char* keyType : {"ecdsa", "ecdsa-sha2-nistp256"}) {
        const auto key = PublicKey::fromTuf(tufKey(keyType, "ecdsa-sha2-nistp256", kP256Point));
        UPKEEP_VERIFY_OK(key);
        QCOMPARE(key->scheme(), PublicKey::Scheme::EcdsaP256Sha256);
        QCOMPARE(key->toTuf().find("keytype")->toUtf8(), keyType);
        const QByteArray signature = der ? derSignature(r, s) : r + s;
        const auto verified = key->verify(message, signature);
        UPKEEP_VERIFY_OK(verified);
        UPKEEP_VERIFY_ERROR(key->verify(message + "!", signature), Error::Code::BadSignature);
        UPKEEP_VERIFY_ERROR(key->verify(message, r + r), Error::Code::BadSignature);
        UPKEEP_VERIFY_ERROR(key->verify(message, "\x30\x02\x01"_ba), Error::Code::InvalidInput);
    }
}

void TestPublicKey::ecdsaPem()
{
    // securesystemslib writes ECDSA public keys as PEM; signatures as DER.
    const QByteArray message = R"({"_type":"targets"})"_ba;
    const EcFixture fixture = ecFixture("P-256", message);
    const auto key = PublicKey::fromTuf(tufKey("ecdsa", "ecdsa-sha2-nistp256", fixture.publicPem.toStdString()));
    UPKEEP_VERIFY_OK(key);
    QVERIFY(key->verify(message, fixture.signature).has_value());
    UPKEEP_VERIFY_ERROR(key->verify(message.chopped(1), fixture.signature), Error::Code::BadSignature);
    // The key id covers the PEM text exactly as written.
    QCOMPARE(
        key->keyId(), sha256(canonicalJson(tufKey("ecdsa", "ecdsa-sha2-nistp256", fixture.publicPem.toStdString()))));
}

void TestPublicKey::ecdsaOtherCurveRefused()
{
    const EcFixture fixture = ecFixture("P-384", "x"_ba);
    const auto key = PublicKey::fromTuf(tufKey("ecdsa", "ecdsa-sha2-nistp256", fixture.publicPem.toStdString()));
    UPKEEP_VERIFY_ERROR(key, Error::Code::Unsupported);
    QCOMPARE(key.error().message, u"The ECDSA public key is on curve 'secp384r1'; only P-256 is supported."_s);
}

QTEST_GUILESS_MAIN(TestPublicKey)
#include "tst_publickey.moc"
