// The publisher's CA as it makes them: the CA and signer certificate profiles the client and stock
// OpenSSL rely on, the revocation list's contents, P-256 and ed25519 keys stored encrypted and
// back, P-256 signatures that PublicKey verifies, and the manifest signer's refusals.

#include "publish/certificateauthority.h"
#include "publish/keystore.h"
#include "publish/manifestsigner.h"
#include "trust/opensslhandles.h"

#include "support/verify.h"

#include <QTemporaryDir>
#include <QTest>

#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;
using Algorithm = SigningKey::Algorithm;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);

template <typename T> T take(std::expected<T, Error> result)
{
    if (!result)
        qFatal("%s", qPrintable(result.error().message));
    return std::move(*result);
}

QByteArray octets(const ASN1_OCTET_STRING* string)
{
    return string ? QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(string)), ASN1_STRING_length(string))
                  : QByteArray();
}

// Whether extension `nid` of `certificate` is there and critical.
std::pair<bool, bool> extension(X509* certificate, int nid)
{
    const int index = X509_get_ext_by_NID(certificate, nid, -1);
    if (index < 0)
        return {false, false};
    return {true, X509_EXTENSION_get_critical(X509_get_ext(certificate, index)) == 1};
}

// The serial's content octets: positive and at most 16 random bytes means a first byte below 0x80.
QByteArray serialOctets(X509* certificate)
{
    const ASN1_INTEGER* serial = X509_get0_serialNumber(certificate);
    return QByteArray(reinterpret_cast<const char*>(ASN1_STRING_get0_data(serial)), ASN1_STRING_length(serial));
}

} // namespace

class TestCertificateAuthority : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void caProfile_data();
    void caProfile();
    void signerProfile_data();
    void signerProfile();
    void serialsAreRandom();
    void revocationList_data();
    void revocationList();
    void reasonNames();
    void keyRoundTrip_data();
    void keyRoundTrip();
    void p256Signatures();
    void keyStoreCreatesP256();
    void refusals();
};

void TestCertificateAuthority::caProfile_data()
{
    QTest::addColumn<Algorithm>("algorithm");
    QTest::newRow("P-256") << Algorithm::EcdsaP256;
    QTest::newRow("Ed25519") << Algorithm::Ed25519;
}

void TestCertificateAuthority::caProfile()
{
    QFETCH(Algorithm, algorithm);
    const SigningKey key = take(SigningKey::generate(algorithm));
    const Certificate ca = take(CertificateAuthority::create(key, u"Müller GmbH"_s, kNow));
    X509* x509 = ca.x509();

    QCOMPARE(X509_get_version(x509), X509_VERSION_3);
    QCOMPARE(ca.subject(), u"CN=Müller GmbH Release CA,O=Müller GmbH"_s);
    QCOMPARE(ca.issuer(), ca.subject());
    QCOMPARE(ca.organization(), u"Müller GmbH"_s);
    QCOMPARE(ca.commonName(), u"Müller GmbH Release CA"_s);
    QCOMPARE(ca.notBefore(), kNow);
    QCOMPARE(ca.notAfter(), kNow.addDays(CertificateAuthority::kCaDays));
    QCOMPARE(X509_verify(x509, key.evpKey()), 1);

    QCOMPARE(extension(x509, NID_basic_constraints), std::pair(true, true));
    QVERIFY(X509_get_extension_flags(x509) & EXFLAG_CA);
    QCOMPARE(X509_get_pathlen(x509), 0L);
    QCOMPARE(extension(x509, NID_key_usage), std::pair(true, true));
    QCOMPARE(X509_get_key_usage(x509), uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    QCOMPARE(extension(x509, NID_ext_key_usage).first, false);
    QVERIFY(!octets(X509_get0_subject_key_id(x509)).isEmpty());
    const QByteArray serial = serialOctets(x509);
    QVERIFY(serial.size() >= 1 && serial.size() <= 16 && quint8(serial[0]) < 0x80);

    // Round trips through DER and PEM keep it whole.
    QCOMPARE(take(Certificate::fromDer(ca.der())), ca);
    QCOMPARE(take(Certificate::fromPem(ca.pem())), ca);
    QCOMPARE(ca.fingerprint().size(), 32 * 3 - 1);
}

void TestCertificateAuthority::signerProfile_data()
{
    QTest::addColumn<Algorithm>("caAlgorithm");
    QTest::addColumn<Algorithm>("signerAlgorithm");
    QTest::newRow("P-256 CA, P-256 signer") << Algorithm::EcdsaP256 << Algorithm::EcdsaP256;
    QTest::newRow("Ed25519 CA, P-256 signer") << Algorithm::Ed25519 << Algorithm::EcdsaP256;
    QTest::newRow("P-256 CA, Ed25519 signer") << Algorithm::EcdsaP256 << Algorithm::Ed25519;
}

void TestCertificateAuthority::signerProfile()
{
    QFETCH(Algorithm, caAlgorithm);
    QFETCH(Algorithm, signerAlgorithm);
    const SigningKey caKey = take(SigningKey::generate(caAlgorithm));
    const CertificateAuthority authority(take(CertificateAuthority::create(caKey, u"Example GmbH"_s, kNow)), caKey);
    const SigningKey signerKey = take(SigningKey::generate(signerAlgorithm));
    const QDateTime from = kNow.addDays(2);
    const Certificate signer = take(authority.issue(signerKey.publicKey(), u"build server"_s, from, 90));
    X509* x509 = signer.x509();

    QCOMPARE(X509_get_version(x509), X509_VERSION_3);
    QCOMPARE(signer.subject(), u"CN=build server,O=Example GmbH"_s);
    QCOMPARE(signer.issuer(), authority.certificate().subject());
    QCOMPARE(signer.commonName(), u"build server"_s);
    QCOMPARE(signer.organization(), u"Example GmbH"_s);
    QCOMPARE(signer.notBefore(), from);
    QCOMPARE(signer.notAfter(), from.addDays(90));
    QCOMPARE(X509_verify(x509, X509_get0_pubkey(authority.certificate().x509())), 1);
    QCOMPARE(EVP_PKEY_eq(X509_get0_pubkey(x509), signerKey.evpKey()), 1);

    QCOMPARE(extension(x509, NID_basic_constraints), std::pair(true, true));
    QCOMPARE(X509_check_ca(x509), 0);
    QCOMPARE(extension(x509, NID_key_usage), std::pair(true, true));
    QCOMPARE(X509_get_key_usage(x509), uint32_t(KU_DIGITAL_SIGNATURE));
    QCOMPARE(extension(x509, NID_ext_key_usage), std::pair(true, false));
    QCOMPARE(X509_get_extended_key_usage(x509), uint32_t(XKU_CODE_SIGN));
    QVERIFY(!octets(X509_get0_subject_key_id(x509)).isEmpty());
    QCOMPARE(
        octets(X509_get0_authority_key_id(x509)), octets(X509_get0_subject_key_id(authority.certificate().x509())));
    const QByteArray serial = serialOctets(x509);
    QVERIFY2(serial.size() >= 8 && serial.size() <= 16 && quint8(serial[0]) < 0x80, serial.toHex().constData());
    QCOMPARE(signer.serial(), QString::fromLatin1(serial.toHex().toUpper()));
}

void TestCertificateAuthority::serialsAreRandom()
{
    const SigningKey caKey = take(SigningKey::generate(Algorithm::EcdsaP256));
    const CertificateAuthority authority(take(CertificateAuthority::create(caKey, u"Example GmbH"_s, kNow)), caKey);
    QSet<QString> serials;
    for (int i = 0; i < 16; ++i)
        serials.insert(take(authority.issue(caKey.publicKey(), u"signer"_s, kNow)).serial());
    QCOMPARE(serials.size(), 16);
}

void TestCertificateAuthority::revocationList_data()
{
    QTest::addColumn<Algorithm>("algorithm");
    QTest::newRow("P-256") << Algorithm::EcdsaP256;
    QTest::newRow("Ed25519") << Algorithm::Ed25519;
}

void TestCertificateAuthority::revocationList()
{
    QFETCH(Algorithm, algorithm);
    const SigningKey caKey = take(SigningKey::generate(algorithm));
    const CertificateAuthority authority(take(CertificateAuthority::create(caKey, u"Example GmbH"_s, kNow)), caKey);
    const std::vector<RevocationList::Revocation> revoked{
        {u"3F0011223344556677"_s, kNow.addDays(1), RevocationList::Reason::KeyCompromise},
        {u"0A"_s, kNow.addDays(2), RevocationList::Reason::Superseded},
        {u"7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"_s, kNow.addDays(3), RevocationList::Reason::Unspecified},
    };
    const RevocationList list = take(authority.revocationList(revoked, 7, kNow.addDays(4)));

    QCOMPARE(X509_CRL_get_version(list.crl()), long(X509_CRL_VERSION_2));
    QCOMPARE(list.number(), std::optional<quint64>(7));
    QCOMPARE(list.thisUpdate(), kNow.addDays(4));
    QCOMPARE(list.nextUpdate(), kNow.addDays(4 + CertificateAuthority::kRevocationListDays));
    QCOMPARE(list.issuer(), authority.certificate().subject());
    UPKEEP_VERIFY_OK(list.checkSignedBy(authority.certificate()));
    int critical = -1;
    AUTHORITY_KEYID* keyId = static_cast<AUTHORITY_KEYID*>(
        X509_CRL_get_ext_d2i(list.crl(), NID_authority_key_identifier, &critical, nullptr));
    QVERIFY(keyId);
    QCOMPARE(octets(keyId->keyid), octets(X509_get0_subject_key_id(authority.certificate().x509())));
    AUTHORITY_KEYID_free(keyId);

    // Every entry with its date and a reasonCode, found by serial in any spelling.
    std::vector<RevocationList::Revocation> entries = list.entries();
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    QCOMPARE(entries, revoked);
    STACK_OF(X509_REVOKED)* stack = X509_CRL_get_REVOKED(list.crl());
    for (int i = 0; i < sk_X509_REVOKED_num(stack); ++i)
        QVERIFY(X509_REVOKED_get_ext_by_NID(sk_X509_REVOKED_value(stack, i), NID_crl_reason, -1) >= 0);
    QCOMPARE(list.revocation(u"3f:00:11:22:33:44:55:66:77"_s)->reason, RevocationList::Reason::KeyCompromise);
    QCOMPARE(list.revocation(u"0A"_s)->date, kNow.addDays(2));
    QVERIFY(!list.revocation(u"0B"_s));
    QVERIFY(!list.revocation(u"not hex"_s));

    // Another CA's key does not pass for this one.
    const SigningKey otherKey = take(SigningKey::generate(algorithm));
    const Certificate other = take(CertificateAuthority::create(otherKey, u"Example GmbH"_s, kNow));
    UPKEEP_VERIFY_ERROR(list.checkSignedBy(other), Error::Code::BadSignature);
    QCOMPARE(take(RevocationList::fromDer(list.der())).der(), list.der());
    UPKEEP_VERIFY_ERROR(RevocationList::fromDer(list.der().left(list.der().size() - 1)), Error::Code::InvalidInput);
}

void TestCertificateAuthority::reasonNames()
{
    const QStringList names{u"unspecified"_s, u"keyCompromise"_s, u"cACompromise"_s, u"affiliationChanged"_s,
        u"superseded"_s, u"cessationOfOperation"_s, u"certificateHold"_s, u"privilegeWithdrawn"_s, u"aACompromise"_s};
    for (const QString& name : names) {
        const auto reason = RevocationList::fromString(name);
        QVERIFY2(reason, qPrintable(name));
        QCOMPARE(RevocationList::toString(*reason), name);
    }
    QCOMPARE(RevocationList::fromString(u"keycompromise"), std::nullopt);
    QCOMPARE(RevocationList::fromString(u"removeFromCRL"), std::nullopt);
    QCOMPARE(int(*RevocationList::fromString(u"aACompromise")), 10);
}

void TestCertificateAuthority::keyRoundTrip_data()
{
    QTest::addColumn<Algorithm>("algorithm");
    QTest::addColumn<QString>("keyType");
    QTest::newRow("P-256") << Algorithm::EcdsaP256 << u"ecdsa-sha2-nistp256"_s;
    QTest::newRow("Ed25519") << Algorithm::Ed25519 << u"ed25519"_s;
}

void TestCertificateAuthority::keyRoundTrip()
{
    QFETCH(Algorithm, algorithm);
    QFETCH(QString, keyType);
    const SigningKey key = take(SigningKey::generate(algorithm));
    QCOMPARE(key.algorithm(), algorithm);
    QCOMPARE(QString::fromStdString(key.publicKey().toTuf().find("keytype")->toUtf8()), keyType);

    const QByteArray pem = take(key.toPem("correct horse"));
    QVERIFY(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    UPKEEP_VERIFY_ERROR(SigningKey::fromPem(pem), Error::Code::PassphraseRequired);
    UPKEEP_VERIFY_ERROR(SigningKey::fromPem(pem, "wrong horse"), Error::Code::WrongPassphrase);
    const SigningKey loaded = take(SigningKey::fromPem(pem, "correct horse"));
    QCOMPARE(loaded.algorithm(), algorithm);
    QCOMPARE(loaded.publicKey(), key.publicKey());
    QCOMPARE(loaded.publicKey().keyId(), key.publicKey().keyId());
}

void TestCertificateAuthority::p256Signatures()
{
    const SigningKey key = take(SigningKey::generate(Algorithm::EcdsaP256));
    QCOMPARE(key.publicKey().scheme(), PublicKey::Scheme::EcdsaP256Sha256);
    const QByteArray signature = take(key.sign("the signed part"));
    UPKEEP_VERIFY_OK(key.publicKey().verify("the signed part", signature));
    UPKEEP_VERIFY_ERROR(key.publicKey().verify("the signed parT", signature), Error::Code::BadSignature);
    // The TUF key object reads back as the same key, as another TUF client would read it.
    const PublicKey reread = take(PublicKey::fromTuf(key.publicKey().toTuf()));
    UPKEEP_VERIFY_OK(reread.verify("the signed part", signature));
    QCOMPARE(reread.identity(), key.publicKey().identity());
}

void TestCertificateAuthority::keyStoreCreatesP256()
{
    QTemporaryDir dir;
    KeyStore store(dir.path(), KeyStore::NewKeys::Encrypted, [](KeyStore::PassphraseUse) { return QByteArray("pw"); });
    const SigningKey created = take(store.create(u"publisher-ca"_s, Algorithm::EcdsaP256));
    QCOMPARE(created.algorithm(), Algorithm::EcdsaP256);
    const std::vector<SigningKey> found = take(store.keys(u"publisher-ca"_s, {created.publicKey().keyId()}));
    QCOMPARE(found.size(), size_t(1));
    QCOMPARE(found.front().algorithm(), Algorithm::EcdsaP256);
    QCOMPARE(found.front().publicKey(), created.publicKey());
}

void TestCertificateAuthority::refusals()
{
    const SigningKey caKey = take(SigningKey::generate(Algorithm::EcdsaP256));
    const Certificate caCertificate = take(CertificateAuthority::create(caKey, u"Example GmbH"_s, kNow));
    const SigningKey stranger = take(SigningKey::generate(Algorithm::EcdsaP256));

    const CertificateAuthority wrongKey(caCertificate, stranger);
    UPKEEP_VERIFY_ERROR(wrongKey.issue(stranger.publicKey(), u"x"_s, kNow), Error::Code::Mismatch);
    UPKEEP_VERIFY_ERROR(wrongKey.revocationList({}, 1, kNow), Error::Code::Mismatch);
    UPKEEP_VERIFY_ERROR(CertificateAuthority::create(caKey, u"  "_s, kNow), Error::Code::Usage);

    const CertificateAuthority authority(caCertificate, caKey);
    UPKEEP_VERIFY_ERROR(authority.issue(stranger.publicKey(), u"x"_s, kNow, 0), Error::Code::Usage);
    UPKEEP_VERIFY_ERROR(authority.revocationList({{u"zz"_s, kNow, {}}}, 1, kNow), Error::Code::InvalidInput);

    // OpenSSL 3.0 makes no CMS signature with ed25519; the signer says so instead of failing inside.
    const SigningKey edKey = take(SigningKey::generate(Algorithm::Ed25519));
    const Certificate edSigner = take(authority.issue(edKey.publicKey(), u"laptop"_s, kNow));
    const auto edSignature = ManifestSigner::sign("{}", edSigner, edKey, {caCertificate}, kNow);
    UPKEEP_VERIFY_ERROR(edSignature, Error::Code::Unsupported);
    QVERIFY(edSignature.error().message.contains(u"ECDSA P-256"_s));

    const Certificate signer = take(authority.issue(stranger.publicKey(), u"build server"_s, kNow));
    UPKEEP_VERIFY_ERROR(ManifestSigner::sign("{}", signer, caKey, {caCertificate}, kNow), Error::Code::Mismatch);
    UPKEEP_VERIFY_OK(ManifestSigner::sign("{}", signer, stranger, {caCertificate}, kNow));
}

QTEST_GUILESS_MAIN(TestCertificateAuthority)
#include "tst_certificateauthority.moc"
