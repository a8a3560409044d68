// upkeep-publish's publisher identity end to end: ca init and ca show, cert issue, list, renew and
// revoke, release signing its manifest, refresh renewing the CRL. The real binary in temporary
// folders, checked by what it prints, the metadata and targets it leaves, PublisherCheck (what the
// client runs) and stock `openssl cms -verify`. Keys are unencrypted (--unencrypted-keys) but where a
// row is about passphrases; stdin is /dev/null.

#include "publish/certificateauthority.h"
#include "publish/keyring.h"
#include "publish/manifestsignature.h"
#include "publish/repositorywriter.h"
#include "release/repositorypaths.h"
#include "support/repositoryfiles.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "trust/publishercheck.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Qt::StringLiterals;

namespace {

const QString kPublisher = u"Example GmbH"_s;

ProgramRun publish(const QStringList& arguments)
{
    return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH)).run(arguments);
}

qint64 versionOf(const QString& path)
{
    return signedPart(path).value(u"version"_s).toInteger();
}

// The content of target `path` as `role` lists it now: the hash-prefixed file of consistent snapshots.
QByteArray target(const QString& repo, const QString& role, const QString& path)
{
    const QJsonObject entry = targetsOf(repo, role).value(path).toObject();
    const QString sha = entry.value(u"hashes"_s).toObject().value(u"sha256"_s).toString();
    if (sha.isEmpty())
        return {};
    const qsizetype slash = path.lastIndexOf(u'/');
    const QString file = slash < 0 ? sha + u'.' + path : path.left(slash + 1) + sha + u'.' + path.mid(slash + 1);
    return readTestFile(repo + u"/targets/"_s + file);
}

// Every file under `folder` with its content, to tell that a refused command wrote nothing.
std::map<QString, QByteArray> contentsOf(const QString& folder)
{
    std::map<QString, QByteArray> contents;
    for (const QString& file : filesUnder(folder))
        contents.emplace(file, readTestFile(folder + u'/' + file));
    return contents;
}

PublisherAnchor anchorOf(const QString& repo)
{
    const QJsonObject publisher = signedPart(repo + u"/metadata/root.json"_s).value(u"upkeep_publisher"_s).toObject();
    return {publisher.value(u"name"_s).toString(),
        QByteArray::fromBase64(publisher.value(u"certificate"_s).toString().toLatin1())};
}

// The file of the CA key in `keys` for the CA that `repo`'s root metadata names; empty when unreadable.
QString caKeyFile(const QString& repo, const QString& keys)
{
    auto ca = Certificate::fromDer(anchorOf(repo).certificate);
    auto key = ca ? SigningKey::publicKeyOf(*ca) : std::unexpected(ca.error());
    return key ? keys + u"/publisher-ca.%1.pem"_s.arg(key->keyId()) : QString();
}

// The CA of `repo` with its key from `keys`, as upkeep-publish opens it (a test makes its own lists with it).
std::optional<CertificateAuthority> authorityOf(const QString& repo, const QString& keys)
{
    auto ca = Certificate::fromDer(anchorOf(repo).certificate);
    auto key = SigningKey::load(caKeyFile(repo, keys));
    if (!ca || !key)
        return std::nullopt;
    return CertificateAuthority(*ca, *key);
}

RevocationList crlOf(const QString& repo)
{
    auto list = RevocationList::fromDer(target(repo, u"targets"_s, RepositoryPaths::revocationList()));
    if (!list)
        qFatal("%s", qPrintable(list.error().message));
    return *list;
}

// `openssl ARGUMENTS`: whether it succeeded, and what it said.
std::pair<bool, QString> openssl(const QStringList& arguments)
{
    const ProgramRun run = TestProgram(u"openssl"_s).run(arguments);
    return {run.exitCode == 0, run.out + run.err};
}

// Replaces the target `path` on every channel listing it, as a publisher with the channel keys could.
void replaceTarget(const QString& repo, const QString& keys, const QString& path, const QByteArray& content)
{
    KeyRing ring({KeyStore(keys, KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repo, ring);
    QVERIFY(writer);
    QVERIFY(writer->replaceTarget(path, content));
    QVERIFY(writer->commit());
}

// `upkeep-publish verify REPO` with the repository's first root.
ProgramRun verify(const QString& repo)
{
    return publish({u"verify"_s, repo, u"--root"_s, repo + u"/metadata/1.root.json"_s});
}

// The serial in "Issued the certificate SERIAL ..." or "Issued SERIAL ...".
QString issuedSerial(const QString& out)
{
    return QRegularExpression(u"Issued (?:the (?:certificate|replacement) )?([0-9A-F]+) "_s).match(out).captured(1);
}

} // namespace

class TestIdentityCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void caInit_data();
    void caInit();
    void releaseSigned();
    void refusals_data();
    void refusals();
    void certList();
    void renew();
    void revoke_data();
    void revoke();
    void revocationListLivesAsChosen();
    void refreshRenewsRevocationList();
    void refreshWarnsWithoutCaKey();
    void encryptedKeys();
    void signReleasesFromBeforeCaInit();
    void signReplacesRefusedSignatures_data();
    void signReplacesRefusedSignatures();

private:
    // A repository with an identity, a signer certificate and APP 1.0.0 on stable promoted to beta.
    struct Published {
        QString repo;
        QString keys;
        QString serial;
    };
    Published published(const QString& name, const QString& algorithm = u"p256"_s);
    // Releases APP VERSION on CHANNEL from the test's source folder.
    ProgramRun release(const Published& at, const QString& app, const QString& version, const QString& channel);
    // The signature of APP/VERSION on `channel`: stock OpenSSL accepts it with the repository's CA, and
    // PublisherCheck with the repository's CRL; returns the signer's serial.
    QString checkSignature(const QString& repo, const QString& channel, const QString& release);

    QTemporaryDir m_dir;
    QString m_source;
    Published m_shared;
    Published m_refusals;
};

void TestIdentityCommands::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_source = m_dir.filePath(u"source"_s);
    writeTestFile(m_source + u"/bin/tool"_s, "#!/bin/sh\necho tool\n"_ba, true);
    writeTestFile(m_source + u"/README"_s, "a tool\n"_ba);
    m_shared = published(u"shared"_s);
    QVERIFY(!m_shared.serial.isEmpty());

    // For refusals(), which must leave them as they are: a repository with an identity and one signer; a
    // second without an identity; key folders without the root keys, and without root, CA and signer keys.
    m_refusals = published(u"refusals"_s);
    QVERIFY(!m_refusals.serial.isEmpty());
    const QString other = m_dir.filePath(u"refusals/other"_s);
    const QString otherKeys = m_dir.filePath(u"refusals/other-keys"_s);
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, other, u"--keys"_s, otherKeys, u"--unencrypted-keys"_s}), 0);
    const auto copyKeys = [](const QString& from, const QString& to, const QStringList& leftOut) {
        QVERIFY(QDir().mkpath(to));
        for (const QString& file : QDir(from).entryList({u"*.pem"_s}, QDir::Files)) {
            if (std::ranges::none_of(leftOut, [&](const QString& role) { return file.startsWith(role + u'.'); }))
                QVERIFY(QFile::copy(from + u'/' + file, to + u'/' + file));
        }
    };
    copyKeys(otherKeys, otherKeys + u"-without-root"_s, {u"root"_s});
    copyKeys(m_refusals.keys, m_dir.filePath(u"refusals/channel-keys"_s), {u"root"_s, u"publisher-ca"_s, u"signer"_s});
}

TestIdentityCommands::Published TestIdentityCommands::published(const QString& name, const QString& algorithm)
{
    Published at{m_dir.filePath(name + u"/repo"_s), m_dir.filePath(name + u"/keys"_s), {}};
    const QStringList keys{u"--keys"_s, at.keys, u"--unencrypted-keys"_s};
    const ProgramRun init = publish(QStringList{u"init"_s, at.repo} + keys);
    const ProgramRun ca = publish(
        QStringList{u"ca"_s, u"init"_s, at.repo, u"--name"_s, kPublisher, u"--algorithm"_s, algorithm} + keys);
    const ProgramRun issue
        = publish(QStringList{u"cert"_s, u"issue"_s, at.repo, u"--signer"_s, u"build server"_s} + keys);
    const ProgramRun released = release(at, u"tool"_s, u"1.0.0"_s, u"stable"_s);
    const ProgramRun promoted = publish({u"promote"_s, at.repo, u"--keys"_s, at.keys, u"--app"_s, u"tool"_s,
        u"--version"_s, u"1.0.0"_s, u"--to"_s, u"beta"_s});
    for (const ProgramRun* run : {&init, &ca, &issue, &released, &promoted}) {
        if (run->exitCode != 0) {
            qWarning().noquote() << run->describe();
            return at;
        }
    }
    at.serial = issuedSerial(issue.out);
    return at;
}

ProgramRun TestIdentityCommands::release(
    const Published& at, const QString& app, const QString& version, const QString& channel)
{
    return publish({u"release"_s, at.repo, u"--keys"_s, at.keys, u"--app"_s, app, u"--version"_s, version,
        u"--channel"_s, channel, u"--from"_s, m_source});
}

QString TestIdentityCommands::checkSignature(const QString& repo, const QString& channel, const QString& release)
{
    const QString manifestPath = release + u"/manifest.json"_s;
    const QByteArray manifest = target(repo, channel, manifestPath);
    const QByteArray signature = target(repo, channel, manifestPath + u".p7s"_s);
    if (manifest.isEmpty() || signature.isEmpty())
        return u"no manifest or no signature of %1 on %2"_s.arg(release, channel);

    // Stock OpenSSL, with the CA certificate as `ca show` prints it.
    const ProgramRun show = publish({u"ca"_s, u"show"_s, repo});
    if (show.exitCode != 0)
        return show.describe();
    const QString work = m_dir.filePath(u"check"_s);
    writeTestFile(work + u"/ca.pem"_s, show.out.toLatin1());
    writeTestFile(work + u"/manifest.json"_s, manifest);
    writeTestFile(work + u"/manifest.json.p7s"_s, signature);
    const auto [accepted, said] = openssl({u"cms"_s, u"-verify"_s, u"-binary"_s, u"-inform"_s, u"DER"_s, u"-in"_s,
        work + u"/manifest.json.p7s"_s, u"-content"_s, work + u"/manifest.json"_s, u"-CAfile"_s, work + u"/ca.pem"_s,
        u"-purpose"_s, u"any"_s, u"-out"_s, u"/dev/null"_s});
    if (!accepted)
        return u"openssl cms -verify refuses %1 on %2: %3"_s.arg(release, channel, said);

    // The client's check, against the CRL the repository publishes.
    const PublisherCheck check(anchorOf(repo));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto list = check.acceptRevocationList(target(repo, u"targets"_s, RepositoryPaths::revocationList()), {}, now);
    if (!list)
        return list.error().message;
    auto facts = check.verifyManifest(manifest, signature, *list, now, manifestPath);
    if (!facts)
        return facts.error().message;
    return facts->serial;
}

void TestIdentityCommands::caInit_data()
{
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("P-256 CA") << u"p256"_s;
    QTest::newRow("ed25519 CA") << u"ed25519"_s;
}

void TestIdentityCommands::caInit()
{
    QFETCH(QString, algorithm);
    const QString repo = m_dir.filePath(u"init-%1/repo"_s.arg(algorithm));
    const QString keys = m_dir.filePath(u"init-%1/keys"_s.arg(algorithm));
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, repo, u"--keys"_s, keys, u"--unencrypted-keys"_s}), 0);
    const qint64 timestamp = versionOf(repo + u"/metadata/timestamp.json"_s);

    const ProgramRun init = publish({u"ca"_s, u"init"_s, repo, u"--keys"_s, keys, u"--name"_s, kPublisher,
        u"--algorithm"_s, algorithm, u"--days"_s, u"1000"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(init, 0);
    QCOMPARE(init.err, QString());

    // One commit: a new root with the anchor, the CRL on the top-level targets, one new timestamp.
    QCOMPARE(versionOf(repo + u"/metadata/root.json"_s), 2);
    QCOMPARE(readTestFile(repo + u"/metadata/root.json"_s), readTestFile(repo + u"/metadata/2.root.json"_s));
    QCOMPARE(versionOf(repo + u"/metadata/timestamp.json"_s), timestamp + 1);
    const PublisherAnchor anchor = anchorOf(repo);
    QCOMPARE(anchor.name, kPublisher);
    auto ca = Certificate::fromDer(anchor.certificate);
    QVERIFY(ca);
    QCOMPARE(ca->subject(), u"CN=Example GmbH Release CA,O=Example GmbH"_s);
    QCOMPARE(ca->notBefore().daysTo(ca->notAfter()), 1000);
    QVERIFY(targetsOf(repo, u"targets"_s).contains(RepositoryPaths::revocationList()));
    const RevocationList list = crlOf(repo);
    QCOMPARE(list.number(), std::optional<quint64>(1));
    QVERIFY(list.entries().empty());
    QVERIFY(list.checkSignedBy(*ca));
    QCOMPARE(list.thisUpdate().daysTo(list.nextUpdate()), CertificateAuthority::kRevocationListDays);

    // The key folder: the CA certificate, and its key under the role publisher-ca by its key id.
    QCOMPARE(readTestFile(keys + u"/certificates/ca.pem"_s), ca->pem());
    auto caKey = SigningKey::publicKeyOf(*ca);
    QVERIFY(caKey);
    QVERIFY(QFileInfo::exists(keys + u"/publisher-ca.%1.pem"_s.arg(caKey->keyId())));
    QVERIFY2(init.out.contains(u"CA serial %1"_s.arg(ca->serial())), qPrintable(init.out));

    // ca show: the anchor as PEM, for openssl -CAfile.
    const ProgramRun show = publish({u"ca"_s, u"show"_s, repo});
    UPKEEP_EXPECT_EXIT(show, 0);
    QCOMPARE(show.out.toLatin1(), ca->pem());

    const ProgramRun verify = publish({u"verify"_s, repo, u"--root"_s, repo + u"/metadata/1.root.json"_s});
    UPKEEP_EXPECT_EXIT(verify, 0);

    // An ed25519 CA issues P-256 signer certificates, and releases signed with them pass.
    const Published at{repo, keys, {}};
    const ProgramRun issue = publish(
        {u"cert"_s, u"issue"_s, repo, u"--keys"_s, keys, u"--signer"_s, u"laptop"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(issue, 0);
    UPKEEP_EXPECT_EXIT(release(at, u"tool"_s, u"2.0.0"_s, u"beta"_s), 0);
    QCOMPARE(checkSignature(repo, u"beta"_s, u"tool/2.0.0"_s), issuedSerial(issue.out));
}

void TestIdentityCommands::releaseSigned()
{
    const Published& at = m_shared;
    // Signed on stable; promote carried the signature to beta; both pass OpenSSL and the client's check.
    QCOMPARE(checkSignature(at.repo, u"stable"_s, u"tool/1.0.0"_s), at.serial);
    QCOMPARE(checkSignature(at.repo, u"beta"_s, u"tool/1.0.0"_s), at.serial);
    const QJsonObject stable = targetsOf(at.repo, u"stable"_s);
    QCOMPARE(targetsOf(at.repo, u"beta"_s).value(u"tool/1.0.0/manifest.json.p7s"_s),
        stable.value(u"tool/1.0.0/manifest.json.p7s"_s));

    // A release says what signed it.
    const ProgramRun second = release(at, u"tool"_s, u"1.1.0"_s, u"nightly"_s);
    UPKEEP_EXPECT_EXIT(second, 0);
    QVERIFY2(second.out.contains(u"Signed its manifest with the certificate %1 (build server)."_s.arg(at.serial)),
        qPrintable(second.out));
    QCOMPARE(checkSignature(at.repo, u"nightly"_s, u"tool/1.1.0"_s), at.serial);
    auto signer = ManifestSignature::signerOf(target(at.repo, u"nightly"_s, u"tool/1.1.0/manifest.json.p7s"_s));
    QVERIFY(signer);
    QCOMPARE(signer->subject(), u"CN=build server,O=Example GmbH"_s);

    // A repository without an identity releases without a signature, as before.
    const QString plain = m_dir.filePath(u"plain/repo"_s);
    const QString plainKeys = m_dir.filePath(u"plain/keys"_s);
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, plain, u"--keys"_s, plainKeys, u"--unencrypted-keys"_s}), 0);
    UPKEEP_EXPECT_EXIT(release({plain, plainKeys, {}}, u"tool"_s, u"1.0.0"_s, u"stable"_s), 0);
    QVERIFY(targetsOf(plain, u"stable"_s).contains(u"tool/1.0.0/manifest.json"_s));
    QVERIFY(!targetsOf(plain, u"stable"_s).contains(u"tool/1.0.0/manifest.json.p7s"_s));
}

void TestIdentityCommands::refusals_data()
{
    QTest::addColumn<QStringList>("arguments"); // {repo}, {keys}, {serial}, {src} replaced
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); // all of stderr after "upkeep-publish COMMAND: ", as a pattern

    const QStringList keys{u"--keys"_s, u"{keys}"_s, u"--unencrypted-keys"_s};
    QTest::newRow("ca init twice")
        << QStringList{u"ca"_s, u"init"_s, u"{repo}"_s, u"--name"_s, u"Other"_s} + keys << 2
        << u"ca init: {repo} already has a publisher identity, Example GmbH \\(CA serial [0-9A-F]+\\)\\. "
           "upkeep-publish does not replace one: its certificates and signatures would all have to change with it\\."_s;
    QTest::newRow("ca init without the root keys")
        << QStringList{u"ca"_s, u"init"_s, u"{other}"_s, u"--name"_s, kPublisher, u"--keys"_s, u"{othernoroot}"_s,
               u"--unencrypted-keys"_s}
        << 1
        << u"ca init: The CA goes into root metadata, which needs 1 of the root keys; the key folders given \\(.*\\) "
           "hold 0\\. Run ca init with the root keys\\."_s;
    QTest::newRow("ca init, unknown algorithm")
        << QStringList{u"ca"_s, u"init"_s, u"{repo}"_s, u"--name"_s, kPublisher, u"--algorithm"_s, u"rsa"_s} + keys << 2
        << u"ca init: --algorithm is p256 or ed25519, not \"rsa\"\\."_s;
    QTest::newRow("cert issue, ed25519 signer")
        << QStringList{u"cert"_s, u"issue"_s, u"{repo}"_s, u"--signer"_s, u"x"_s, u"--algorithm"_s, u"ed25519"_s} + keys
        << 2
        << u"cert issue: signer keys are P-256: OpenSSL 3\\.0 cannot make CMS signatures with ed25519 keys, so a "
           "release could not be signed with one \\(the CA may be ed25519\\)\\."_s;
    QTest::newRow("cert issue without the CA key")
        << QStringList{u"cert"_s, u"issue"_s, u"{repo}"_s, u"--signer"_s, u"x"_s, u"--keys"_s, u"{channelkeys}"_s} << 1
        << u"cert issue: This needs the publisher CA's key, publisher-ca\\.[0-9a-f]{64}\\.pem, and the key folders "
           "given \\(.*\\) do not hold it\\."_s;
    QTest::newRow("cert issue without an identity")
        << QStringList{u"cert"_s, u"issue"_s, u"{other}"_s, u"--signer"_s, u"x"_s, u"--keys"_s, u"{otherkeys}"_s} << 1
        << u"cert issue: {other} has no publisher identity; make one with \"upkeep-publish ca init\"\\."_s;
    QTest::newRow("release without a signer certificate")
        << QStringList{u"release"_s, u"{repo}"_s, u"--keys"_s, u"{channelkeys}"_s, u"--app"_s, u"tool"_s,
               u"--version"_s, u"9.0.0"_s, u"--channel"_s, u"stable"_s, u"--from"_s, u"{src}"_s}
        << 1
        << u"release: {repo} has a publisher identity \\(Example GmbH\\), so every release is signed, and the key "
           "folders given \\(.*\\) hold no valid signer certificate with its key\\. Make one with \"upkeep-publish "
           "cert issue {repo} --keys DIR --signer NAME\"\\."_s;
    QTest::newRow("sign without a signer certificate")
        << QStringList{u"sign"_s, u"{repo}"_s, u"--keys"_s, u"{channelkeys}"_s} << 1
        << u"sign: {repo} has a publisher identity \\(Example GmbH\\), so every release is signed, and the key "
           "folders given \\(.*\\) hold no valid signer certificate with its key\\. Make one with \"upkeep-publish "
           "cert issue {repo} --keys DIR --signer NAME\"\\."_s;
    QTest::newRow("sign without an identity")
        << QStringList{u"sign"_s, u"{other}"_s, u"--keys"_s, u"{otherkeys}"_s} << 1
        << u"sign: {other} has no publisher identity; make one with \"upkeep-publish ca init\"\\."_s;
    QTest::newRow("revoke, unknown reason")
        << QStringList{u"cert"_s, u"revoke"_s, u"{repo}"_s, u"{serial}"_s, u"--reason"_s, u"lost"_s} + keys << 2
        << u"cert revoke: \"lost\" is not a reason of RFC 5280; the reasons are unspecified, keyCompromise, "
           "cACompromise, affiliationChanged, superseded, cessationOfOperation, certificateHold, privilegeWithdrawn, "
           "aACompromise\\."_s;
    QTest::newRow("revoke, unknown serial")
        << QStringList{u"cert"_s, u"revoke"_s, u"{repo}"_s, u"0123ABCD"_s, u"--reason"_s, u"superseded"_s} + keys << 1
        << u"cert revoke: No certificate of Example GmbH has the serial 0123ABCD: none in the key folders' "
           "certificates/ \\(.*\\) and none among the signatures of the releases on offer\\."_s;
    QTest::newRow("revoke the only signer without --replace")
        << QStringList{u"cert"_s, u"revoke"_s, u"{repo}"_s, u"{serial}"_s, u"--reason"_s, u"keyCompromise"_s} + keys
        << 2
        << u"cert revoke: Revoking {serial} would leave tool/1\\.0\\.0 on offer without a valid signature, and no "
           "other valid signer certificate has its key in the key folders given\\. Add --replace to issue a "
           "replacement, or \"cert issue\" one first\\."_s;
    QTest::newRow("revoke without a serial")
        << QStringList{u"cert"_s, u"revoke"_s, u"{repo}"_s, u"--reason"_s, u"superseded"_s} + keys << 2
        << u"cert revoke: expected a repository folder and a serial; see --help\\."_s;
    QTest::newRow("ca alone") << QStringList{u"ca"_s} << 2
                              << u"\\b: \"ca\" is followed by one of: ca init, ca show\\."_s;
}

void TestIdentityCommands::refusals()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    const Published& at = m_refusals;
    const QString other = m_dir.filePath(u"refusals/other"_s);
    const QString otherKeys = m_dir.filePath(u"refusals/other-keys"_s);
    const QString channelKeys = m_dir.filePath(u"refusals/channel-keys"_s);
    const auto substitute = [&](QString text, bool pattern) {
        const auto quote = [pattern](const QString& s) { return pattern ? QRegularExpression::escape(s) : s; };
        return text.replace(u"{repo}"_s, quote(at.repo))
            .replace(u"{keys}"_s, quote(at.keys))
            .replace(u"{serial}"_s, quote(at.serial))
            .replace(u"{otherkeys}"_s, quote(otherKeys))
            .replace(u"{other}"_s, quote(other))
            .replace(u"{channelkeys}"_s, quote(channelKeys))
            .replace(u"{othernoroot}"_s, quote(otherKeys + u"-without-root"_s))
            .replace(u"{src}"_s, quote(m_source));
    };
    QStringList args;
    for (const QString& argument : arguments)
        args.append(substitute(argument, false));

    const auto repoBefore = contentsOf(at.repo);
    const auto otherBefore = contentsOf(other);
    const auto keysBefore = filesUnder(at.keys);
    const auto channelKeysBefore = filesUnder(channelKeys);
    const auto otherKeysBefore = filesUnder(otherKeys + u"-without-root"_s);
    const ProgramRun run = publish(args);
    UPKEEP_EXPECT_EXIT(run, exitCode);
    QCOMPARE(run.out, QString());
    const QRegularExpression expected(u"^upkeep-publish ?"_s + substitute(message, true) + u"\\n(\\n.*)?$"_s,
        QRegularExpression::DotMatchesEverythingOption);
    QVERIFY2(expected.match(run.err).hasMatch(), qPrintable(run.err));
    // Nothing written: the repositories, and no key or certificate made.
    QVERIFY(contentsOf(at.repo) == repoBefore);
    QVERIFY(contentsOf(other) == otherBefore);
    QCOMPARE(filesUnder(at.keys), keysBefore);
    QCOMPARE(filesUnder(channelKeys), channelKeysBefore);
    QCOMPARE(filesUnder(otherKeys + u"-without-root"_s), otherKeysBefore);
}

void TestIdentityCommands::certList()
{
    const Published at = published(u"list"_s);
    QVERIFY(!at.serial.isEmpty());
    const ProgramRun issued = publish(
        {u"cert"_s, u"issue"_s, at.repo, u"--keys"_s, at.keys, u"--signer"_s, u"laptop"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(issued, 0);
    const QString laptop = issuedSerial(issued.out);
    UPKEEP_EXPECT_EXIT(publish({u"cert"_s, u"revoke"_s, at.repo, laptop, u"--keys"_s, at.keys, u"--reason"_s,
                           u"affiliationChanged"_s}),
        0);
    const RevocationList list = crlOf(at.repo);
    auto ca = Certificate::fromDer(anchorOf(at.repo).certificate);
    QVERIFY(ca);

    const ProgramRun text = publish({u"cert"_s, u"list"_s, at.repo, u"--keys"_s, at.keys});
    UPKEEP_EXPECT_EXIT(text, 0);
    const QString today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
    const QString inAYear = QDateTime::currentDateTimeUtc().addDays(365).date().toString(Qt::ISODate);
    const QStringList lines = text.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0],
        u"Example GmbH: CA %1 (CN=Example GmbH Release CA,O=Example GmbH), valid %2 to %3; revocation list number "
        "2, valid until %4."_s.arg(ca->serial(), ca->notBefore().date().toString(Qt::ISODate),
            ca->notAfter().date().toString(Qt::ISODate), list.nextUpdate().date().toString(Qt::ISODate)));
    // Newest first: the laptop's, revoked, then the build server's, current.
    QCOMPARE(lines[1],
        u"%1  CN=laptop,O=Example GmbH  %2 to %3  revoked on %2 (affiliationChanged)  signed: nothing on offer"_s.arg(
            laptop, today, inAYear));
    QCOMPARE(lines[2],
        u"%1  CN=build server,O=Example GmbH  %2 to %3  valid, current  signed: tool/1.0.0 (stable, beta)"_s.arg(
            at.serial, today, inAYear));

    // --json: the same facts for scripts.
    const ProgramRun json = publish({u"cert"_s, u"list"_s, at.repo, u"--keys"_s, at.keys, u"--json"_s});
    UPKEEP_EXPECT_EXIT(json, 0);
    const QJsonObject document = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(document.value(u"publisher"_s).toString(), kPublisher);
    QCOMPARE(document.value(u"ca"_s).toObject().value(u"serial"_s).toString(), ca->serial());
    QCOMPARE(document.value(u"revocation_list"_s).toObject().value(u"number"_s).toInt(), 2);
    const QJsonArray certificates = document.value(u"certificates"_s).toArray();
    QCOMPARE(certificates.size(), 2);
    const QJsonObject revoked = certificates[0].toObject();
    QCOMPARE(revoked.value(u"serial"_s).toString(), laptop);
    QCOMPARE(revoked.value(u"status"_s).toString(), u"revoked"_s);
    QCOMPARE(revoked.value(u"revoked"_s).toObject().value(u"reason"_s).toString(), u"affiliationChanged"_s);
    QCOMPARE(revoked.value(u"current"_s).toBool(), false);
    const QJsonObject current = certificates[1].toObject();
    QCOMPARE(current.value(u"serial"_s).toString(), at.serial);
    QCOMPARE(current.value(u"status"_s).toString(), u"valid"_s);
    QCOMPARE(current.value(u"current"_s).toBool(), true);
    QCOMPARE(current.value(u"subject"_s).toString(), u"CN=build server,O=Example GmbH"_s);
    QCOMPARE(current.value(u"signed"_s).toArray(),
        QJsonArray(
            {QJsonObject{{u"release"_s, u"tool/1.0.0"_s}, {u"channels"_s, QJsonArray{u"stable"_s, u"beta"_s}}}}));

    // A key folder without the signer keys: the certificates are listed, their keys not at hand.
    const QString publicOnly = m_dir.filePath(u"list/public"_s);
    copyTestTree(at.keys + u"/certificates"_s, publicOnly + u"/certificates"_s);
    const ProgramRun elsewhere = publish({u"cert"_s, u"list"_s, at.repo, u"--keys"_s, publicOnly});
    UPKEEP_EXPECT_EXIT(elsewhere, 0);
    QVERIFY2(elsewhere.out.contains(
                 u"%1  CN=build server,O=Example GmbH  %2 to %3  key not at hand"_s.arg(at.serial, today, inAYear)),
        qPrintable(elsewhere.out));
}

void TestIdentityCommands::renew()
{
    const Published at = published(u"renew"_s);
    QVERIFY(!at.serial.isEmpty());
    const ProgramRun renewed = publish({u"cert"_s, u"renew"_s, at.repo, at.serial, u"--keys"_s, at.keys, u"--days"_s,
        u"90"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(renewed, 0);
    const QString serial = issuedSerial(renewed.out);
    QVERIFY2(!serial.isEmpty() && serial != at.serial, qPrintable(renewed.out));
    QVERIFY2(renewed.out.contains(u"It is now the current signer certificate; %1 stays valid until"_s.arg(at.serial)),
        qPrintable(renewed.out));
    auto certificate = Certificate::fromPem(readTestFile(at.keys + u"/certificates/%1.pem"_s.arg(serial)));
    QVERIFY(certificate);
    QCOMPARE(certificate->commonName(), u"build server"_s);
    QCOMPARE(certificate->notBefore().daysTo(certificate->notAfter()), 90);
    QVERIFY(crlOf(at.repo).entries().empty()); // the old one is not revoked

    // The next release is signed with the renewed certificate; the old signature stays as it is.
    UPKEEP_EXPECT_EXIT(release(at, u"tool"_s, u"1.1.0"_s, u"stable"_s), 0);
    QCOMPARE(checkSignature(at.repo, u"stable"_s, u"tool/1.1.0"_s), serial);
    QCOMPARE(checkSignature(at.repo, u"stable"_s, u"tool/1.0.0"_s), at.serial);
}

void TestIdentityCommands::revoke_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("replace"); // else a renewed certificate of the same signer signs again
    QTest::newRow("keyCompromise, replaced") << u"keyCompromise"_s << true;
    QTest::newRow("superseded, by the renewed one") << u"superseded"_s << false;
    QTest::newRow("cessationOfOperation, replaced") << u"cessationOfOperation"_s << true;
}

void TestIdentityCommands::revoke()
{
    QFETCH(QString, reason);
    QFETCH(bool, replace);
    const Published at = published(u"revoke-%1"_s.arg(reason));
    QVERIFY(!at.serial.isEmpty());
    // Three releases on offer by the old certificate (tool 1.0.0 on stable and beta), one yanked.
    UPKEEP_EXPECT_EXIT(release(at, u"tool"_s, u"1.1.0"_s, u"nightly"_s), 0);
    UPKEEP_EXPECT_EXIT(release(at, u"other"_s, u"3.0.0"_s, u"beta"_s), 0);
    QString renewedSerial;
    if (!replace) {
        const ProgramRun renewed
            = publish({u"cert"_s, u"renew"_s, at.repo, at.serial, u"--keys"_s, at.keys, u"--unencrypted-keys"_s});
        UPKEEP_EXPECT_EXIT(renewed, 0);
        renewedSerial = issuedSerial(renewed.out);
    }
    const qint64 timestamp = versionOf(at.repo + u"/metadata/timestamp.json"_s);
    const qint64 number = *crlOf(at.repo).number();

    QStringList arguments{u"cert"_s, u"revoke"_s, at.repo, at.serial, u"--keys"_s, at.keys, u"--reason"_s, reason,
        u"--unencrypted-keys"_s};
    if (replace)
        arguments.append(u"--replace"_s);
    const ProgramRun revoked = publish(arguments);
    UPKEEP_EXPECT_EXIT(revoked, 0);
    QCOMPARE(revoked.err, QString());
    const QString signer = replace ? issuedSerial(revoked.out) : renewedSerial;
    QVERIFY2(!signer.isEmpty() && signer != at.serial, qPrintable(revoked.out));
    QVERIFY2(revoked.out.contains(u"Signed again with %1: other/3.0.0, tool/1.0.0, tool/1.1.0."_s.arg(signer)),
        qPrintable(revoked.out));

    // One commit: one new timestamp; the CRL numbered one up revokes the serial for the reason.
    QCOMPARE(versionOf(at.repo + u"/metadata/timestamp.json"_s), timestamp + 1);
    const RevocationList list = crlOf(at.repo);
    QCOMPARE(*list.number(), number + 1);
    const auto entry = list.revocation(at.serial);
    QVERIFY(entry);
    QCOMPARE(RevocationList::toString(entry->reason), reason);
    QVERIFY(qAbs(entry->date.secsTo(QDateTime::currentDateTimeUtc())) < 300);
    // Every release on offer verifies against the new CRL, signed by the new certificate, on every channel.
    for (const auto& [channel, release] : {std::pair{u"stable"_s, u"tool/1.0.0"_s}, {u"beta"_s, u"tool/1.0.0"_s},
             {u"nightly"_s, u"tool/1.1.0"_s}, {u"beta"_s, u"other/3.0.0"_s}})
        QCOMPARE(checkSignature(at.repo, channel, release), signer);
    if (replace) {
        auto replacement = Certificate::fromPem(readTestFile(at.keys + u"/certificates/%1.pem"_s.arg(signer)));
        QVERIFY(replacement);
        QCOMPARE(replacement->commonName(), u"build server"_s);
    }
    // The next release signs with it too.
    UPKEEP_EXPECT_EXIT(release(at, u"tool"_s, u"1.2.0"_s, u"stable"_s), 0);
    QCOMPARE(checkSignature(at.repo, u"stable"_s, u"tool/1.2.0"_s), signer);
    UPKEEP_EXPECT_EXIT(publish({u"verify"_s, at.repo, u"--root"_s, at.repo + u"/metadata/1.root.json"_s}), 0);
}

void TestIdentityCommands::revocationListLivesAsChosen()
{
    // A publisher who takes the CA key out once a month chooses 90 days at ca init; every later list keeps it.
    const QString repo = m_dir.filePath(u"lifetime/repo"_s);
    const QStringList keys{u"--keys"_s, m_dir.filePath(u"lifetime/keys"_s), u"--unencrypted-keys"_s};
    UPKEEP_EXPECT_EXIT(publish(QStringList{u"init"_s, repo} + keys), 0);
    UPKEEP_EXPECT_EXIT(
        publish(QStringList{u"ca"_s, u"init"_s, repo, u"--name"_s, kPublisher, u"--crl-days"_s, u"90"_s} + keys), 0);
    QCOMPARE(crlOf(repo).thisUpdate().daysTo(crlOf(repo).nextUpdate()), 90);
    const ProgramRun issued
        = publish(QStringList{u"cert"_s, u"issue"_s, repo, u"--signer"_s, u"build server"_s} + keys);
    UPKEEP_EXPECT_EXIT(issued, 0);
    UPKEEP_EXPECT_EXIT(publish(QStringList{u"cert"_s, u"revoke"_s, repo, issuedSerial(issued.out), u"--reason"_s,
                                   u"superseded"_s, u"--replace"_s}
                           + keys),
        0);
    QCOMPARE(*crlOf(repo).number(), quint64(2));
    QCOMPARE(crlOf(repo).thisUpdate().daysTo(crlOf(repo).nextUpdate()), 90);
    const ProgramRun refused = publish(
        QStringList{u"ca"_s, u"init"_s, repo + u"-2"_s, u"--name"_s, kPublisher, u"--crl-days"_s, u"0"_s} + keys);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"--crl-days takes a number of days from 1 to 366."_s), qPrintable(refused.err));
}

void TestIdentityCommands::refreshRenewsRevocationList()
{
    const Published at = published(u"refresh"_s);
    QVERIFY(!at.serial.isEmpty());
    // Twenty days pass: the CRL has ten of its thirty days left. (The CA signs one dated then.)
    auto authority = authorityOf(at.repo, at.keys);
    QVERIFY(authority);
    const QDateTime then = QDateTime::currentDateTimeUtc().addDays(-20);
    auto old = authority->revocationList({}, 5, then);
    QVERIFY(old);
    {
        KeyRing keys({KeyStore(at.keys, KeyStore::NewKeys::Unencrypted)});
        auto writer = RepositoryWriter::open(at.repo, keys);
        QVERIFY(writer);
        QVERIFY(writer->replaceTarget(RepositoryPaths::revocationList(), old->der()));
        QVERIFY(writer->commit());
    }
    // Due: refresh renews it, with the same entries and the next number.
    const ProgramRun refresh = publish({u"refresh"_s, at.repo, u"--keys"_s, at.keys});
    UPKEEP_EXPECT_EXIT(refresh, 0);
    QCOMPARE(refresh.err, QString());
    const RevocationList renewed = crlOf(at.repo);
    QCOMPARE(renewed.number(), std::optional<quint64>(6));
    QVERIFY(qAbs(renewed.thisUpdate().secsTo(QDateTime::currentDateTimeUtc())) < 300);
    QVERIFY2(refresh.out.endsWith(u"\nAlso renewed the publisher's revocation list (number 6, valid until %1).\n"_s.arg(
                 renewed.nextUpdate().toString(Qt::ISODate))),
        qPrintable(refresh.out));
    QCOMPARE(checkSignature(at.repo, u"stable"_s, u"tool/1.0.0"_s), at.serial);

    // Renewed, it is not due again.
    const ProgramRun again = publish({u"refresh"_s, at.repo, u"--keys"_s, at.keys});
    UPKEEP_EXPECT_EXIT(again, 0);
    QVERIFY2(!again.out.contains(u"revocation list"_s), qPrintable(again.out));
    QCOMPARE(crlOf(at.repo).number(), std::optional<quint64>(6));
}

void TestIdentityCommands::refreshWarnsWithoutCaKey()
{
    const Published at = published(u"refresh-offline"_s);
    QVERIFY(!at.serial.isEmpty());
    const QString keyFile = caKeyFile(at.repo, at.keys);
    auto authority = authorityOf(at.repo, at.keys);
    QVERIFY(authority);
    auto old = authority->revocationList({}, 1, QDateTime::currentDateTimeUtc().addDays(-20));
    QVERIFY(old);
    {
        KeyRing keys({KeyStore(at.keys, KeyStore::NewKeys::Unencrypted)});
        auto writer = RepositoryWriter::open(at.repo, keys);
        QVERIFY(writer);
        QVERIFY(writer->replaceTarget(RepositoryPaths::revocationList(), old->der()));
        QVERIFY(writer->commit());
    }
    // The CA key kept offline: refresh signs the timestamp and warns with the date the list expires.
    const QString offline = m_dir.filePath(u"refresh-offline/ca-key.pem"_s);
    QVERIFY(QFile::rename(keyFile, offline));
    const qint64 timestamp = versionOf(at.repo + u"/metadata/timestamp.json"_s);
    const ProgramRun refresh = publish({u"refresh"_s, at.repo, u"--keys"_s, at.keys});
    UPKEEP_EXPECT_EXIT(refresh, 0);
    QCOMPARE(versionOf(at.repo + u"/metadata/timestamp.json"_s), timestamp + 1);
    QCOMPARE(crlOf(at.repo).number(), std::optional<quint64>(1));
    QVERIFY2(refresh.err.startsWith(
                 u"upkeep-publish refresh: warning: the publisher's revocation list expires %1, and "
                 "clients refuse every release of this repository once it has; it was not renewed "
                 "here: This needs the publisher CA's key"_s.arg(old->nextUpdate().toString(Qt::ISODate))),
        qPrintable(refresh.err));
    QVERIFY2(refresh.err.endsWith(u" Run refresh with the CA key before then.\n"_s), qPrintable(refresh.err));

    // --strict fails on it, after the timestamp is signed.
    const ProgramRun strict = publish({u"refresh"_s, at.repo, u"--keys"_s, at.keys, u"--strict"_s});
    UPKEEP_EXPECT_EXIT(strict, 1);
    QVERIFY2(
        strict.err.contains(u"--strict: the publisher's revocation list expires within"_s), qPrintable(strict.err));
}

void TestIdentityCommands::encryptedKeys()
{
    // The CA and signer keys encrypted under the key folder's passphrase, like the root keys.
    const QString repo = m_dir.filePath(u"encrypted/repo"_s);
    const QString keys = m_dir.filePath(u"encrypted/keys"_s);
    const auto run = [](const QStringList& arguments) {
        return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH), {.environment = {u"UPKEEP_PASSPHRASE=correct horse"_s}})
            .run(arguments);
    };
    UPKEEP_EXPECT_EXIT(run({u"init"_s, repo, u"--keys"_s, keys}), 0);
    UPKEEP_EXPECT_EXIT(run({u"ca"_s, u"init"_s, repo, u"--keys"_s, keys, u"--name"_s, kPublisher}), 0);
    UPKEEP_EXPECT_EXIT(run({u"cert"_s, u"issue"_s, repo, u"--keys"_s, keys, u"--signer"_s, u"ci"_s}), 0);
    for (const QString& file : QDir(keys).entryList({u"publisher-ca.*.pem"_s, u"signer.*.pem"_s}, QDir::Files))
        QVERIFY2(
            readTestFile(keys + u'/' + file).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), qPrintable(file));
    const QStringList made = QDir(keys).entryList({u"publisher-ca.*.pem"_s, u"signer.*.pem"_s}, QDir::Files);
    QVERIFY2(made.size() == 2, qPrintable(made.join(u", "_s)));
    // Without the passphrase, the signer key cannot be opened and nothing is released.
    const ProgramRun refused = publish({u"release"_s, repo, u"--keys"_s, keys, u"--app"_s, u"tool"_s, u"--version"_s,
        u"1.0.0"_s, u"--channel"_s, u"stable"_s, u"--from"_s, m_source});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(!QFileInfo::exists(repo + u"/bundles"_s));
}

void TestIdentityCommands::signReleasesFromBeforeCaInit()
{
    // Releases published before the repository had an identity: tool 1.0.0 on stable and beta, tool 1.1.0 on
    // nightly, other 2.0.0 on beta.
    const Published at{m_dir.filePath(u"late/repo"_s), m_dir.filePath(u"late/keys"_s), {}};
    const QStringList keys{u"--keys"_s, at.keys, u"--unencrypted-keys"_s};
    UPKEEP_EXPECT_EXIT(publish(QStringList{u"init"_s, at.repo} + keys), 0);
    UPKEEP_EXPECT_EXIT(release(at, u"tool"_s, u"1.0.0"_s, u"stable"_s), 0);
    UPKEEP_EXPECT_EXIT(publish({u"promote"_s, at.repo, u"--keys"_s, at.keys, u"--app"_s, u"tool"_s, u"--version"_s,
                           u"1.0.0"_s, u"--to"_s, u"beta"_s}),
        0);
    UPKEEP_EXPECT_EXIT(release(at, u"tool"_s, u"1.1.0"_s, u"nightly"_s), 0);
    UPKEEP_EXPECT_EXIT(release(at, u"other"_s, u"2.0.0"_s, u"beta"_s), 0);
    const ProgramRun plain = verify(at.repo);
    UPKEEP_EXPECT_EXIT(plain, 0);
    QVERIFY2(!plain.out.contains(u"publisher"_s), qPrintable(plain.out));

    // ca init counts them and names the command that signs them.
    const ProgramRun init = publish(QStringList{u"ca"_s, u"init"_s, at.repo, u"--name"_s, kPublisher} + keys);
    UPKEEP_EXPECT_EXIT(init, 0);
    QVERIFY2(init.out.contains(u"\n3 releases on offer have no signature; clients that check the publisher refuse "
                               "them until they are signed: after cert issue, run upkeep-publish sign %1 --keys "
                               "DIR."_s.arg(at.repo)),
        qPrintable(init.out));

    // verify checks what a client checks: each unsigned release fails, by name and channel.
    const ProgramRun unsigned_ = verify(at.repo);
    UPKEEP_EXPECT_EXIT(unsigned_, 1);
    for (const QString& line :
        {u"upkeep-publish verify: tool/1.0.0/manifest.json (stable, beta) is not signed by Example GmbH: no "
         "tool/1.0.0/manifest.json.p7s.\n"_s,
            u"upkeep-publish verify: tool/1.1.0/manifest.json (nightly) is not signed by Example GmbH: no "
            "tool/1.1.0/manifest.json.p7s.\n"_s,
            u"upkeep-publish verify: other/2.0.0/manifest.json (beta) is not signed by Example GmbH: no "
            "other/2.0.0/manifest.json.p7s.\n"_s,
            u"upkeep-publish verify: 3 of 3 release signatures of Example GmbH failed.\n"_s})
        QVERIFY2(unsigned_.err.contains(line), qPrintable(unsigned_.err));

    const ProgramRun issued
        = publish(QStringList{u"cert"_s, u"issue"_s, at.repo, u"--signer"_s, u"build server"_s} + keys);
    UPKEEP_EXPECT_EXIT(issued, 0);
    const QString serial = issuedSerial(issued.out);
    const qint64 timestamp = versionOf(at.repo + u"/metadata/timestamp.json"_s);
    const ProgramRun signedRun = publish({u"sign"_s, at.repo, u"--keys"_s, at.keys});
    UPKEEP_EXPECT_EXIT(signedRun, 0);
    QCOMPARE(signedRun.err, QString());
    QCOMPARE(signedRun.out,
        u"Signed 3 releases with %1 (build server): other/2.0.0, tool/1.0.0, tool/1.1.0.\n"_s.arg(serial));
    // One commit; every channel offering a release has its signature, and the client and stock OpenSSL accept it.
    QCOMPARE(versionOf(at.repo + u"/metadata/timestamp.json"_s), timestamp + 1);
    for (const auto& [channel, release] : {std::pair{u"stable"_s, u"tool/1.0.0"_s}, {u"beta"_s, u"tool/1.0.0"_s},
             {u"nightly"_s, u"tool/1.1.0"_s}, {u"beta"_s, u"other/2.0.0"_s}})
        QCOMPARE(checkSignature(at.repo, channel, release), serial);
    const ProgramRun passes = verify(at.repo);
    UPKEEP_EXPECT_EXIT(passes, 0);
    QVERIFY2(
        passes.out.contains(
            u"\nPublisher Example GmbH: 3 release signatures verified against revocation list number 1, valid until "_s),
        qPrintable(passes.out));

    // Run again, it has nothing to do and writes nothing.
    const ProgramRun again = publish({u"sign"_s, at.repo, u"--keys"_s, at.keys});
    UPKEEP_EXPECT_EXIT(again, 0);
    QCOMPARE(again.out, u"Every release on offer is signed; nothing to do.\n"_s);
    QCOMPARE(versionOf(at.repo + u"/metadata/timestamp.json"_s), timestamp + 1);
}

void TestIdentityCommands::signReplacesRefusedSignatures_data()
{
    QTest::addColumn<bool>("revoked"); // else the signature is another release's
    QTest::newRow("signature over another manifest") << false;
    QTest::newRow("signature by a revoked certificate") << true;
}

void TestIdentityCommands::signReplacesRefusedSignatures()
{
    QFETCH(bool, revoked);
    const Published at = published(revoked ? u"sign-revoked"_s : u"sign-mismatched"_s);
    QVERIFY(!at.serial.isEmpty());
    UPKEEP_EXPECT_EXIT(release(at, u"tool"_s, u"1.1.0"_s, u"nightly"_s), 0);
    QString signer = at.serial;
    if (revoked) {
        // The CA revokes the build server's certificate without signing anything again (a list made by hand,
        // or by an older upkeep-publish); a laptop's certificate is at hand and signs the next release.
        const ProgramRun issued = publish({u"cert"_s, u"issue"_s, at.repo, u"--keys"_s, at.keys, u"--signer"_s,
            u"laptop"_s, u"--unencrypted-keys"_s});
        UPKEEP_EXPECT_EXIT(issued, 0);
        signer = issuedSerial(issued.out);
        auto authority = authorityOf(at.repo, at.keys);
        QVERIFY(authority);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto list = authority->revocationList({{at.serial, now, RevocationList::Reason::KeyCompromise}}, 2, now);
        QVERIFY(list);
        replaceTarget(at.repo, at.keys, RepositoryPaths::revocationList(), list->der());
        UPKEEP_EXPECT_EXIT(release(at, u"other"_s, u"2.0.0"_s, u"beta"_s), 0);
    } else {
        // tool 1.1.0's signature replaced by tool 1.0.0's, with valid TUF metadata.
        replaceTarget(at.repo, at.keys, u"tool/1.1.0/manifest.json.p7s"_s,
            target(at.repo, u"stable"_s, u"tool/1.0.0/manifest.json.p7s"_s));
    }
    const ProgramRun refused = verify(at.repo);
    UPKEEP_EXPECT_EXIT(refused, 1);
    QVERIFY2(refused.err.contains(revoked ? u"verify: 2 of 3 release signatures of Example GmbH failed.\n"_s
                                          : u"verify: 1 of 2 release signatures of Example GmbH failed.\n"_s),
        qPrintable(refused.err));
    QVERIFY2(refused.err.contains(revoked ? u"was revoked on"_s : u"verify: tool/1.1.0/manifest.json"_s),
        qPrintable(refused.err));

    // sign replaces what a client refuses, on every channel, and leaves the good signatures as they are.
    const ProgramRun signedRun = publish({u"sign"_s, at.repo, u"--keys"_s, at.keys});
    UPKEEP_EXPECT_EXIT(signedRun, 0);
    QCOMPARE(signedRun.out,
        revoked ? u"Signed 2 releases with %1 (laptop): tool/1.0.0, tool/1.1.0.\n"_s.arg(signer)
                : u"Signed 1 release with %1 (build server): tool/1.1.0.\n"_s.arg(signer));
    QCOMPARE(checkSignature(at.repo, u"stable"_s, u"tool/1.0.0"_s), revoked ? signer : at.serial);
    QCOMPARE(checkSignature(at.repo, u"beta"_s, u"tool/1.0.0"_s), revoked ? signer : at.serial);
    QCOMPARE(checkSignature(at.repo, u"nightly"_s, u"tool/1.1.0"_s), signer);
    if (revoked)
        QCOMPARE(checkSignature(at.repo, u"beta"_s, u"other/2.0.0"_s), signer);
    UPKEEP_EXPECT_EXIT(verify(at.repo), 0);
}

QTEST_GUILESS_MAIN(TestIdentityCommands)
#include "tst_identitycommands.moc"
