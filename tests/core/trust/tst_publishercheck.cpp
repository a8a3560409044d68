// The client's check of the publisher's identity against every attack of issue 13: each bad
// certificate, revocation list and CMS structure is refused with its own sentence, the good ones
// are accepted with the signer's facts, and stock OpenSSL (`openssl cms -verify`, `openssl verify
// -crl_check`) reaches the same verdict wherever it checks the same thing.

#include "trust/publishercheck.h"

#include "trust/opensslhandles.h"

#include "support/testbytes.h"
#include "support/testidentity.h"
#include "support/verify.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bn.h>
#include <openssl/x509v3.h>

using namespace Qt::StringLiterals;

namespace {

// One row: what the client is given, what it must conclude, and what OpenSSL is asked.
struct Case {
    QByteArray manifest;   // the manifest TUF vouched for
    QByteArray signature;  // manifest.json.p7s
    QByteArray crl;        // DER, as the repository offers it
    QByteArray trustedCrl; // DER, the installation's last accepted list; empty: none yet
    QByteArray pinned;     // DER of a CA pinned by `upkeep add --publisher-ca`; empty: none
    QDateTime now;
    QDateTime signingTime; // also OpenSSL's -attime
    Certificate ca;        // the repository's anchor, OpenSSL's -CAfile
    Certificate leaf;      // the signer certificate OpenSSL's `verify` is given
    QString refusal{};     // a phrase only this row's refusal has; empty: accepted
    Error::Code code = Error::Code::BadSignature;
    // Whether `openssl cms -verify` and `openssl verify -crl_check` check what this row is about. Where
    // one does not, it must accept, and `whyNot` says why Upkeep checks more.
    bool cmsChecks = true;
    bool verifyChecks = true;
    QString whyNot{};
};

const QByteArray kManifest = R"({"app": "viewer", "version": "1.2.0", "files": []})"_ba;
const QString kManifestPath = u"viewer/1.2.0/manifest.json"_s;

QByteArray write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return bytes;
}

// `openssl ARGUMENTS`: whether it succeeded, and what it said.
std::pair<bool, QString> openssl(const QStringList& arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(30'000))
        return {false, u"openssl did not finish: "_s + process.errorString()};
    return {process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
        QString::fromLocal8Bit(process.readAll())};
}

QByteArray garbledSignature(const Certificate& certificate)
{
    // The last byte of the DER is the last byte of the CA's signature value.
    QByteArray der = certificate.der();
    der[der.size() - 1] = char(der[der.size() - 1] ^ 0x01);
    return der;
}

} // namespace

Q_DECLARE_METATYPE(Case)

class TestPublisherCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void check_data();
    void check();

private:
    QStringList m_refusals; // every row's phrase, to show that no refusal reads like another
};

void TestPublisherCheck::initTestCase()
{
    QVERIFY2(
        !QStandardPaths::findExecutable(u"openssl"_s).isEmpty(), "the openssl program (scripts/setup installs it)");
}

void TestPublisherCheck::check_data()
{
    QTest::addColumn<Case>("row");
    m_refusals.clear();

    const TestIdentity identity;
    const TestIdentity impostor; // another CA, with the same name
    const TestIdentity otherName(u"Other AG"_s);
    const TestIdentity edwards(u"Example GmbH"_s, SigningKey::Algorithm::Ed25519);
    const QDateTime created = identity.created();
    const QDateTime signedAt = identity.defaultSigningTime();
    const QDateTime now = created.addSecs(2 * 3600);
    const TestIdentity::Signer signer = identity.signer();
    const RevocationList crl = identity.revocationList();

    const Case good{kManifest, identity.sign(kManifest, signer, signedAt), crl.der(), {}, {}, now, signedAt,
        identity.caCertificate(), signer.certificate};
    auto row = [&](const char* name, Case c) {
        if (!c.refusal.isEmpty())
            m_refusals.append(c.refusal);
        QTest::newRow(name) << c;
    };
    // A row whose signer certificate is `other`, signed normally by `identity`'s CMS shape.
    auto signedBy = [&](const TestIdentity::Signer& other, const QDateTime& at = {}) {
        Case c = good;
        c.signingTime = at.isValid() ? at : signedAt;
        c.signature = identity.sign(kManifest, other, c.signingTime);
        c.leaf = other.certificate;
        return c;
    };
    auto refused = [](Case c, const QString& phrase, Error::Code code, bool cms, bool verify, const QString& why = {}) {
        c.refusal = phrase;
        c.code = code;
        c.cmsChecks = cms;
        c.verifyChecks = verify;
        c.whyNot = why;
        return c;
    };
    const QString structureOnly = u"openssl verify checks the certificate, which is good; the fault is in the CMS"_s;
    const QString noCrl = u"openssl cms -verify is given no CRL"_s;
    const QString crlOnly = u"openssl cms -verify is given no CRL; "_s;

    // The good ones.
    row("P-256 CA, P-256 signer", good);
    {
        const TestIdentity::Signer edSigner = edwards.signer();
        Case c = good;
        c.signature = edwards.sign(kManifest, edSigner, signedAt);
        c.crl = edwards.revocationList().der();
        c.ca = edwards.caCertificate();
        c.leaf = edSigner.certificate;
        row("Ed25519 CA, P-256 signer", c);
    }
    {
        Case c = good;
        c.pinned = identity.caCertificate().der();
        row("pinned anchor equal to the root one", c);
    }

    // Certificates.
    row("certificate without codeSigning",
        refused(signedBy(identity.without(signer, NID_ext_key_usage)), u"is not for code signing"_s,
            Error::Code::BadSignature, false, false,
            u"OpenSSL 3.0 has no code-signing purpose: -purpose any and verify without -purpose check no extended key usage"_s));
    row("certificate without digitalSignature",
        refused(signedBy(identity.without(signer, NID_key_usage)), u"whose key usage lacks digitalSignature"_s,
            Error::Code::BadSignature, false, false, u"-purpose any and verify without -purpose check no key usage"_s));
    {
        const TestIdentity::Signer foreign = impostor.signer();
        Case c = good;
        c.signature = impostor.sign(kManifest, foreign, signedAt);
        c.leaf = foreign.certificate;
        row("certificate issued by another CA of the same name",
            refused(c, u"did not issue"_s, Error::Code::BadSignature, true, true));
    }
    row("expired certificate (signed after notAfter)",
        refused(signedBy(identity.signer(u"build server"_s, created.addDays(-400))), u"had expired at"_s,
            Error::Code::Expired, true, true));
    row("certificate not yet valid when it signed",
        refused(signedBy(identity.signer(u"build server"_s, created.addDays(1))), u"was not valid before"_s,
            Error::Code::Expired, true, true));
    {
        const Certificate garbled = *Certificate::fromDer(garbledSignature(signer.certificate));
        const TestIdentity::Signer damaged{garbled, signer.key};
        Case c = good;
        c.signature = identity.signCms(kManifest, damaged, signedAt, {});
        c.leaf = garbled;
        row("garbled signer certificate (its CA signature changed)",
            refused(c, u"does not carry its signature"_s, Error::Code::BadSignature, true, true));
    }
    {
        Case c = good;
        c.signature = identity.signCms(kManifest, signer, signedAt, {.signerCertificate = false});
        row("CMS certificates lack the signer's",
            refused(c, u"does not carry its signer's certificate"_s, Error::Code::BadSignature, true, false,
                structureOnly));
    }
    {
        Case c = good;
        c.pinned = impostor.caCertificate().der();
        row("pinned anchor differs",
            refused(c, u"this installation pins"_s, Error::Code::BadSignature, false, false,
                u"OpenSSL is given the repository's CA; the pin is the installation's own"_s));
    }

    // Revocation.
    const QDateTime revokedAt = created.addSecs(1800);
    for (const auto& [name, reason, words] :
        {std::tuple{"revoked: keyCompromise", RevocationList::Reason::KeyCompromise, u"(key compromise)"_s},
            std::tuple{"revoked: superseded", RevocationList::Reason::Superseded, u"(superseded)"_s},
            std::tuple{
                "revoked: certificateHold", RevocationList::Reason::CertificateHold, u"(certificate on hold)"_s}}) {
        Case c = good;
        c.crl = identity.revoking(signer, reason, 2, revokedAt).der();
        row(name,
            refused(c, u"was revoked on %1 %2"_s.arg(revokedAt.date().toString(Qt::ISODate), words),
                Error::Code::BadSignature, false, true, noCrl));
    }
    {
        // RFC 5280 asks clients to cope with a negative serial; such a certificate was once not found in the list.
        const TestIdentity::Signer negative = identity.reissued(signer, [](x509_st* certificate) {
            BignumHandle number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr));
            BN_set_negative(number.get(), 1);
            Asn1IntegerHandle serial(BN_to_ASN1_INTEGER(number.get(), nullptr));
            X509_set_serialNumber(certificate, serial.get());
        });
        QVERIFY(negative.certificate.serial().startsWith(u'-'));
        Case c = signedBy(negative);
        c.crl = identity.revoking(negative, RevocationList::Reason::PrivilegeWithdrawn, 2, revokedAt).der();
        row("revoked: a certificate with a negative serial",
            refused(c, u"was revoked on %1 (privilege withdrawn)"_s.arg(revokedAt.date().toString(Qt::ISODate)),
                Error::Code::BadSignature, false, true, noCrl));
    }
    {
        Case c = good;
        c.crl = impostor.revocationList().der();
        row("CRL signed by someone else",
            refused(c, u"names its CA but is not signed"_s, Error::Code::BadSignature, false, true, noCrl));
    }
    {
        Case c = good;
        c.crl = otherName.revocationList().der();
        row("CRL of another CA's name",
            refused(c, u"was issued by CN=Other AG"_s, Error::Code::BadSignature, false, true, noCrl));
    }
    {
        Case c = good;
        c.crl = identity.revocationList({}, 1, created.addDays(-60)).der();
        row("expired CRL",
            refused(c, u"the repository offers no current one"_s, Error::Code::Expired, false, true, noCrl));
    }
    {
        Case c = good;
        c.crl = identity.revocationList({}, 1, now.addDays(1)).der();
        row("CRL issued in the future", refused(c, u"was issued at"_s, Error::Code::InvalidInput, false, true, noCrl));
    }
    {
        Case c = good;
        c.trustedCrl = identity.revocationList({}, 2).der();
        row("CRL older than the trusted one",
            refused(c, u"older than number 2"_s, Error::Code::Rollback, false, false,
                crlOnly + u"openssl verify has no earlier list to compare the number with"_s));
    }
    {
        Case c = good;
        c.crl = identity.revocationListWithoutNumber().der();
        row("CRL without number",
            refused(c, u"has no CRL number"_s, Error::Code::InvalidInput, false, false,
                crlOnly + u"openssl verify does not require a crlNumber"_s));
    }

    // The CMS structure.
    {
        Case c = good;
        c.manifest = flipped(kManifest);
        row("manifest one byte changed",
            refused(c, u"differs from the one"_s, Error::Code::Mismatch, true, false,
                u"openssl verify checks the certificate only"_s));
    }
    {
        Case c = good;
        c.signature = identity.signCms(kManifest, signer, signedAt, {.moreSigners = {identity.signer(u"laptop"_s)}});
        row("CMS with two signers",
            refused(c, u"has 2 signers"_s, Error::Code::InvalidInput, false, false,
                u"OpenSSL accepts any number of signers that all verify; "_s + structureOnly));
    }
    {
        Case c = good;
        c.signature = randomBytes(700, 13);
        row("not a CMS blob",
            refused(c, u"is not a CMS signature"_s, Error::Code::InvalidInput, true, false, structureOnly));
    }
    {
        Case c = good;
        c.signature.chop(40);
        row("truncated signature",
            refused(c, u"is cut short"_s, Error::Code::InvalidInput, true, false, structureOnly));
    }
    {
        Case c = good;
        c.signature = identity.signCms(kManifest, signer, signedAt, {.attached = true});
        row("attached signature",
            refused(c, u"carries a manifest inside"_s, Error::Code::InvalidInput, false, false,
                u"openssl cms -verify -content checks the given manifest against the digest; "_s + structureOnly));
    }
    {
        Case c = signedBy(signer, now.addSecs(3600));
        row("signing time in the future",
            refused(c, u"says it was signed by"_s, Error::Code::InvalidInput, false, false,
                u"OpenSSL takes -attime as given and does not compare it with the clock"_s));
    }
    {
        Case c = good;
        c.signature = identity.signCms(kManifest, signer, signedAt, {.signedAttributes = false});
        row("no signing time",
            refused(c, u"does not say when it was made"_s, Error::Code::InvalidInput, false, false,
                u"CMS makes signed attributes optional; OpenSSL is told the time with -attime"_s));
    }
}

void TestPublisherCheck::check()
{
    QFETCH(Case, row);
    const PublisherCheck publisherCheck(PublisherAnchor{u"Example GmbH"_s, row.ca.der()},
        row.pinned.isEmpty() ? std::vector<Certificate>{}
                             : std::vector<Certificate>{*Certificate::fromDer(row.pinned)});
    std::optional<RevocationList> trusted;
    if (!row.trustedCrl.isEmpty())
        trusted = *RevocationList::fromDer(row.trustedCrl);

    // Upkeep's verdict: the list first, then the signature against it.
    std::expected<SignerFacts, Error> verdict = std::unexpected(Error{});
    auto list = publisherCheck.acceptRevocationList(row.crl, trusted, row.now);
    if (!list)
        verdict = std::unexpected(list.error());
    else
        verdict = publisherCheck.verifyManifest(row.manifest, row.signature, *list, row.now, kManifestPath);

    if (row.refusal.isEmpty()) {
        UPKEEP_VERIFY_OK(verdict);
        QCOMPARE(verdict->publisher, u"Example GmbH"_s);
        QCOMPARE(verdict->subject, u"CN=build server,O=Example GmbH"_s);
        QCOMPARE(verdict->issuer, u"CN=Example GmbH Release CA,O=Example GmbH"_s);
        QCOMPARE(verdict->serial, row.leaf.serial());
        QCOMPARE(verdict->notBefore, row.leaf.notBefore());
        QCOMPARE(verdict->notAfter, row.leaf.notAfter());
        QCOMPARE(verdict->fingerprint, row.leaf.fingerprint());
        QCOMPARE(verdict->signedAt, row.signingTime);
        QCOMPARE(verdict->crlUpdated, list->thisUpdate());
        QCOMPARE(verdict->crlNextUpdate, list->nextUpdate());
    } else {
        QVERIFY2(!verdict, "accepted where it must be refused");
        const QString& message = verdict.error().message;
        QVERIFY2(message.contains(row.refusal), qPrintable(message));
        QCOMPARE(verdict.error().code, row.code);
        QVERIFY2(message.contains(u"Example GmbH"_s), qPrintable(message));
        // The manifest's rows say which manifest; a certificate's serial once there is one.
        if (!list.has_value()) {
            QVERIFY2(message.contains(u"certificate revocation list"_s), qPrintable(message));
        } else {
            QVERIFY2(message.contains(kManifestPath), qPrintable(message));
            // Before the CMS is read, and with two signers, there is no one serial to name.
            const QStringList withoutSerial{u"is not a CMS signature"_s, u"is cut short"_s, u"has 2 signers"_s};
            if (!withoutSerial.contains(row.refusal))
                QVERIFY2(message.contains(u"serial "_s + row.leaf.serial()), qPrintable(message));
        }
        for (const QString& other : std::as_const(m_refusals)) {
            if (other != row.refusal)
                QVERIFY2(!message.contains(other), qPrintable(u"reads like \"%1\": %2"_s.arg(other, message)));
        }
    }

    // The independent check.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(dir.filePath(u"manifest.json"_s), row.manifest);
    write(dir.filePath(u"manifest.json.p7s"_s), row.signature);
    write(dir.filePath(u"ca.pem"_s), row.ca.pem());
    write(dir.filePath(u"leaf.pem"_s), row.leaf.pem());
    write(dir.filePath(u"crl.pem"_s), TestIdentity::pem(*RevocationList::fromDer(row.crl)));
    const QString attime = QString::number(row.signingTime.toSecsSinceEpoch());
    const auto [cmsAccepts, cmsSaid] = openssl({u"cms"_s, u"-verify"_s, u"-binary"_s, u"-inform"_s, u"DER"_s, u"-in"_s,
        dir.filePath(u"manifest.json.p7s"_s), u"-content"_s, dir.filePath(u"manifest.json"_s), u"-CAfile"_s,
        dir.filePath(u"ca.pem"_s), u"-purpose"_s, u"any"_s, u"-attime"_s, attime, u"-out"_s, u"/dev/null"_s});
    const auto [verifyAccepts, verifySaid]
        = openssl({u"verify"_s, u"-crl_check"_s, u"-CAfile"_s, dir.filePath(u"ca.pem"_s), u"-CRLfile"_s,
            dir.filePath(u"crl.pem"_s), u"-attime"_s, attime, dir.filePath(u"leaf.pem"_s)});
    const bool upkeepAccepts = verdict.has_value();
    if (row.cmsChecks)
        QVERIFY2(cmsAccepts == upkeepAccepts, qPrintable(u"openssl cms disagrees: "_s + cmsSaid));
    else
        QVERIFY2(cmsAccepts, qPrintable(u"openssl cms refuses (%1), yet the row says: %2"_s.arg(cmsSaid, row.whyNot)));
    if (row.verifyChecks)
        QVERIFY2(verifyAccepts == upkeepAccepts, qPrintable(u"openssl verify disagrees: "_s + verifySaid));
    else
        QVERIFY2(verifyAccepts,
            qPrintable(u"openssl verify refuses (%1), yet the row says: %2"_s.arg(verifySaid, row.whyNot)));
}

QTEST_GUILESS_MAIN(TestPublisherCheck)
#include "tst_publishercheck.moc"
