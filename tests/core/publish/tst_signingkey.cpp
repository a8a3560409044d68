// The publisher's ed25519 keys: RFC 8032 known answers, PKCS#8 PEM storage with and without a
// passphrase, and clear errors for every way a key file can be wrong.

#include "publish/signingkey.h"

#include "support/verify.h"
#include <QFile>
#include <QTemporaryDir>

#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace {

// What QFile reports for mode 0600 when we are the owner.
constexpr QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;

QByteArray hex(const char* text)
{
    return QByteArray::fromHex(text);
}

// A P-384 key: ECDSA, but not on the one curve Upkeep signs with besides ed25519.
QByteArray p384PrivateKeyPem()
{
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PKCS8PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, length);
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

} // namespace

class TestSigningKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc8032_data();
    void rfc8032();
    void generatedKeysDiffer();
    void pemRoundTrip();
    void encryptedPem();
    void badPem_data();
    void badPem();
    void wrongSeedLength_data();
    void wrongSeedLength();
    void saveAndLoad();
    void emptyPassphraseIsNoPassphrase();
    void loadMissingFile();
};

void TestSigningKey::rfc8032_data()
{
    QTest::addColumn<QByteArray>("seed");
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("signature");

    // RFC 8032, section 7.1.
    QTest::newRow("TEST 1") << hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
                            << hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a") << QByteArray()
                            << hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61"
                                   "e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    QTest::newRow("TEST 2") << hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
                            << hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c") << hex("72")
                            << hex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458"
                                   "f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    QTest::newRow("TEST 3") << hex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7")
                            << hex("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025") << hex("af82")
                            << hex("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae6"
                                   "7f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    QTest::newRow("TEST SHA(abc)") << hex("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42")
                                   << hex("ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf")
                                   << QCryptographicHash::hash("abc", QCryptographicHash::Sha512)
                                   << hex("dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90"
                                          "b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704");
}

void TestSigningKey::rfc8032()
{
    QFETCH(QByteArray, seed);
    QFETCH(QByteArray, publicKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);

    const auto key = SigningKey::fromSeed(seed);
    UPKEEP_VERIFY_OK(key);
    QCOMPARE(key->publicKey().toTuf().find("keyval")->find("public")->toUtf8(), publicKey.toHex().toStdString());
    const auto signed_ = key->sign(message);
    QVERIFY(signed_.has_value());
    QCOMPARE(signed_->toHex(), signature.toHex());
    QVERIFY(key->publicKey().verify(message, *signed_).has_value());
}

void TestSigningKey::generatedKeysDiffer()
{
    const auto a = SigningKey::generate();
    const auto b = SigningKey::generate();
    QVERIFY(a.has_value() && b.has_value());
    QVERIFY(a->publicKey().keyId() != b->publicKey().keyId());
    const auto signature = a->sign("release 1.2.0"_ba);
    QVERIFY(signature.has_value());
    QVERIFY(a->publicKey().verify("release 1.2.0"_ba, *signature).has_value());
    UPKEEP_VERIFY_ERROR(b->publicKey().verify("release 1.2.0"_ba, *signature), Error::Code::BadSignature);
}

void TestSigningKey::pemRoundTrip()
{
    const auto key = SigningKey::generate();
    QVERIFY(key.has_value());
    const auto pem = key->toUnencryptedPem();
    QVERIFY(pem.has_value());
    QVERIFY2(pem->startsWith("-----BEGIN PRIVATE KEY-----\n"), pem->constData());
    const auto read = SigningKey::fromPem(*pem);
    UPKEEP_VERIFY_OK(read);
    QCOMPARE(read->publicKey().keyId(), key->publicKey().keyId());
    // ed25519 is deterministic: the same key signs the same bytes identically.
    QCOMPARE(*read->sign("x"_ba), *key->sign("x"_ba));
}

void TestSigningKey::encryptedPem()
{
    const auto key = SigningKey::fromSeed(hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    QVERIFY(key.has_value());
    const auto pem = key->toPem("correct horse"_ba);
    QVERIFY(pem.has_value());
    QVERIFY2(pem->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), pem->constData());
    QVERIFY(!pem->contains(*key->toUnencryptedPem()));

    const auto withoutPassphrase = SigningKey::fromPem(*pem);
    UPKEEP_VERIFY_ERROR(withoutPassphrase, Error::Code::PassphraseRequired);
    QCOMPARE(withoutPassphrase.error().message, u"The private key is encrypted; its passphrase is needed."_s);

    const auto wrong = SigningKey::fromPem(*pem, "correct horse."_ba);
    UPKEEP_VERIFY_ERROR(wrong, Error::Code::WrongPassphrase);
    QCOMPARE(wrong.error().message, u"The passphrase does not open this private key (or the key file is damaged)."_s);

    const auto right = SigningKey::fromPem(*pem, "correct horse"_ba);
    UPKEEP_VERIFY_OK(right);
    QCOMPARE(right->publicKey().keyId(), u"74c181c7ad8a0855d4b55e44d2ba87aabdddb196832571f15f92fece332e4916"_s);
}

void TestSigningKey::badPem_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    const QByteArray good = *SigningKey::fromSeed(QByteArray(32, '\x07'))->toUnencryptedPem();
    const auto invalid = Error::Code::InvalidInput;
    const QString unreadable = u"The PEM private key cannot be read; the file is damaged or not a key."_s;
    QTest::newRow("empty") << QByteArray() << invalid << u"This is not a PEM private key."_s;
    QTest::newRow("hex seed instead of PEM") << "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"_ba
                                             << invalid << u"This is not a PEM private key."_s;
    QTest::newRow("truncated") << good.left(good.size() / 2) << invalid << unreadable;
    QByteArray flipped = good;
    flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
    QTest::newRow("body changed") << flipped << invalid << unreadable;
    QTest::newRow("body not base64") << "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"_ba << invalid
                                     << unreadable;
    QTest::newRow("a public key")
        << "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n"_ba
        << invalid << unreadable;
    QTest::newRow("a P-384 key") << p384PrivateKeyPem() << Error::Code::Unsupported
                                 << u"This is a EC key; Upkeep signs with ed25519 and ECDSA P-256 keys only."_s;
    QTest::newRow("larger than any key")
        << QByteArray("-----BEGIN PRIVATE KEY-----\n") + QByteArray(70000, 'A') << Error::Code::LimitExceeded
        << u"The key file is 70028 bytes long; a key is never larger than 65536 bytes."_s;
}

void TestSigningKey::badPem()
{
    QFETCH(QByteArray, pem);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    const auto key = SigningKey::fromPem(pem);
    UPKEEP_VERIFY_ERROR(key, code);
    QCOMPARE(key.error().message, message);
}

void TestSigningKey::wrongSeedLength_data()
{
    QTest::addColumn<int>("length");
    QTest::newRow("empty") << 0;
    QTest::newRow("31 bytes") << 31;
    QTest::newRow("64 bytes (seed and public key)") << 64;
}

void TestSigningKey::wrongSeedLength()
{
    QFETCH(int, length);
    const auto key = SigningKey::fromSeed(QByteArray(length, '\x01'));
    UPKEEP_VERIFY_ERROR(key, Error::Code::InvalidInput);
    QCOMPARE(key.error().message, u"An ed25519 private key is 32 bytes; this one is %1."_s.arg(length));
}

void TestSigningKey::saveAndLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"root.pem"_s);
    const auto key = SigningKey::generate();
    QVERIFY(key.has_value());
    QVERIFY(key->saveUnencrypted(path).has_value());
    // Only the owner may read a private key.
    QCOMPARE(QFile::permissions(path), kOwnerOnly);

    const auto loaded = SigningKey::load(path);
    UPKEEP_VERIFY_OK(loaded);
    QCOMPARE(loaded->publicKey().keyId(), key->publicKey().keyId());

    // Saving again replaces the file whole, and the new passphrase is then needed.
    QVERIFY(key->save(path, "s3cret"_ba).has_value());
    QCOMPARE(QFile::permissions(path), kOwnerOnly);
    const auto locked = SigningKey::load(path);
    UPKEEP_VERIFY_ERROR(locked, Error::Code::PassphraseRequired);
    QCOMPARE(locked.error().message, path + u": The private key is encrypted; its passphrase is needed."_s);
    QCOMPARE(SigningKey::load(path, "s3cret"_ba)->publicKey().keyId(), key->publicKey().keyId());
}

void TestSigningKey::emptyPassphraseIsNoPassphrase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"root.pem"_s);
    const auto key = SigningKey::generate();
    QVERIFY(key.has_value());

    // An empty passphrase (an unset variable, an empty answer) never quietly means "unencrypted".
    const auto pem = key->toPem(QByteArray());
    UPKEEP_VERIFY_ERROR(pem, Error::Code::PassphraseRequired);
    QCOMPARE(pem.error().message, u"The passphrase to encrypt the private key with is empty."_s);
    const auto saved = key->save(path, QByteArray());
    UPKEEP_VERIFY_ERROR(saved, Error::Code::PassphraseRequired);
    QCOMPARE(saved.error().message, u"The passphrase to encrypt the private key with is empty."_s);
    QVERIFY(!QFile::exists(path));
}

void TestSigningKey::loadMissingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"absent.pem"_s);
    const auto key = SigningKey::load(path);
    UPKEEP_VERIFY_ERROR(key, Error::Code::Io);
    QVERIFY2(key.error().message.startsWith(u"Cannot read the key %1: "_s.arg(path)), qPrintable(key.error().message));
}

QTEST_GUILESS_MAIN(TestSigningKey)
#include "tst_signingkey.moc"
