// The publisher identity drill, end to end through the real programs: a publisher makes a CA and
// a signer, publishes, and a user installs with the CA pinned; the signer's key is lost, its
// certificate revoked with a replacement issued and every offered release re-signed in one step,
// and the next `upkeep update` installs the re-signed release. A mirror that replays the revoked
// signature (with a channel key that is still valid, or with the metadata from before the
// revocation) gets nothing installed. Stock OpenSSL agrees with Upkeep on the signatures and the
// revocation. The slots run in order, each on what the one before left.

#include "support/repositoryfiles.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The one file of the repository's `folder` (under targets/) whose name ends in `suffix`; empty
// when there is not exactly one.
QString onlyTarget(const QString& repository, const QString& folder, const QString& suffix)
{
    const QStringList names = QDir(repository + u"/targets/"_s + folder).entryList({u"*."_s + suffix}, QDir::Files);
    return names.size() == 1 ? repository + u"/targets/"_s + folder + u'/' + names.front() : QString();
}

QJsonArray jsonArray(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

} // namespace

class TestPublisherIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void publisherMakesAnIdentity();
    void userInstallsWithThePublisherPinned();
    void revocationReplacesTheSigner();
    void replayedSignatureIsRefused_data();
    void replayedSignatureIsRefused();

private:
    ProgramRun publish(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_PUBLISH), {.configHome = m_config}).run(arguments);
    }
    ProgramRun upkeep(const QStringList& arguments)
    {
        return TestProgram(QStringLiteral(UPKEEP_BINARY), {.configHome = m_config}).run(arguments);
    }
    ProgramRun openssl(const QStringList& arguments)
    {
        return TestProgram(u"openssl"_s, {.workingDirectory = m_dir.path()}).run(arguments);
    }
    void release(const QString& version);
    // The serial of the signer certificate `cert list --json` calls current.
    QString validSerial();
    // Whether stock `openssl cms -verify` accepts `signature` over `manifest` with the pinned CA.
    bool opensslAccepts(const QString& manifest, const QString& signature);
    // `upkeep add` of a new installation in `folder` with the CA pinned.
    ProgramRun add(const QString& folder);

    QTemporaryDir m_dir;
    QString m_config;
    QString m_repository;
    QString m_keys;
    QString m_caPem;
    QString m_install;
    QString m_revokedSerial;
    QString m_oldSignature;     // 1.1.0's signature by the revoked certificate
    QString m_beforeRevocation; // a copy of the repository before the revocation
};

void TestPublisherIdentity::release(const QString& version)
{
    const QString source = m_dir.filePath(u"source-"_s + version);
    writeTestFiles(source,
        {{u"bin/viewer"_s, "#!/bin/sh\necho viewer "_ba + version.toUtf8() + '\n'},
            {u"share/data.bin"_s, randomBytes(20000, quint32(qHash(version)))}});
    UPKEEP_EXPECT_EXIT(publish({u"release"_s, m_repository, u"--keys"_s, m_keys, u"--app"_s, u"viewer"_s,
                           u"--version"_s, version, u"--channel"_s, u"stable"_s, u"--from"_s, source}),
        0);
}

QString TestPublisherIdentity::validSerial()
{
    const ProgramRun listed = publish({u"cert"_s, u"list"_s, m_repository, u"--keys"_s, m_keys, u"--json"_s});
    if (listed.exitCode != 0)
        return {};
    const QJsonArray certificates
        = QJsonDocument::fromJson(listed.out.toUtf8()).object().value(u"certificates"_s).toArray();
    for (const QJsonValue& certificate : certificates) {
        if (certificate.toObject().value(u"current"_s).toBool())
            return certificate.toObject().value(u"serial"_s).toString();
    }
    return {};
}

bool TestPublisherIdentity::opensslAccepts(const QString& manifest, const QString& signature)
{
    return openssl({u"cms"_s, u"-verify"_s, u"-binary"_s, u"-inform"_s, u"DER"_s, u"-in"_s, signature, u"-content"_s,
                       manifest, u"-CAfile"_s, m_caPem, u"-purpose"_s, u"any"_s, u"-out"_s, u"/dev/null"_s})
               .exitCode
        == 0;
}

ProgramRun TestPublisherIdentity::add(const QString& folder)
{
    return upkeep(
        {u"add"_s, u"--repo"_s, u"file://"_s + m_repository, u"--trust"_s, m_repository + u"/metadata/1.root.json"_s,
            u"--app"_s, u"viewer"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, folder, u"--publisher-ca"_s, m_caPem});
}

void TestPublisherIdentity::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_config = m_dir.filePath(u"config"_s);
    m_repository = m_dir.filePath(u"publishing/repo"_s);
    m_keys = m_dir.filePath(u"publishing/keys"_s);
    m_caPem = m_dir.filePath(u"ca.pem"_s);
    m_install = m_dir.filePath(u"viewer"_s);
    m_beforeRevocation = m_dir.filePath(u"before-revocation"_s);
    UPKEEP_EXPECT_EXIT(publish({u"init"_s, m_repository, u"--keys"_s, m_keys, u"--unencrypted-keys"_s}), 0);
}

void TestPublisherIdentity::publisherMakesAnIdentity()
{
    UPKEEP_EXPECT_EXIT(publish({u"ca"_s, u"init"_s, m_repository, u"--keys"_s, m_keys, u"--name"_s, u"Example GmbH"_s,
                           u"--unencrypted-keys"_s}),
        0);
    UPKEEP_EXPECT_EXIT(publish({u"cert"_s, u"issue"_s, m_repository, u"--keys"_s, m_keys, u"--signer"_s,
                           u"build server"_s, u"--unencrypted-keys"_s}),
        0);
    release(u"1.0.0"_s);

    // The CA as anyone can fetch it from the repository, and stock OpenSSL's word on the release.
    const ProgramRun shown = publish({u"ca"_s, u"show"_s, m_repository});
    UPKEEP_EXPECT_EXIT(shown, 0);
    QVERIFY(shown.out.startsWith(u"-----BEGIN CERTIFICATE-----"_s));
    writeTestFile(m_caPem, shown.out.toUtf8());
    const QString manifest = onlyTarget(m_repository, u"viewer/1.0.0"_s, u"manifest.json"_s);
    const QString signature = onlyTarget(m_repository, u"viewer/1.0.0"_s, u"manifest.json.p7s"_s);
    QVERIFY(!manifest.isEmpty() && !signature.isEmpty());
    QVERIFY(opensslAccepts(manifest, signature));
    QVERIFY(!validSerial().isEmpty());
}

void TestPublisherIdentity::userInstallsWithThePublisherPinned()
{
    const ProgramRun added = add(m_install);
    UPKEEP_EXPECT_EXIT(added, 0);
    QCOMPARE(modeOf(m_install + u"/.upkeep/publisher-ca.pem"_s), 0644);

    const ProgramRun history = upkeep({u"history"_s, u"--dir"_s, m_install, u"--json"_s});
    UPKEEP_EXPECT_EXIT(history, 0);
    const QJsonObject installed
        = jsonArray(history.out).at(0).toObject().value(u"history"_s).toArray().last().toObject();
    QCOMPARE(installed.value(u"to"_s).toString(), u"1.0.0"_s);
    const QJsonObject signer = installed.value(u"signer"_s).toObject();
    QCOMPARE(signer.value(u"publisher"_s).toString(), u"Example GmbH"_s);
    QCOMPARE(signer.value(u"serial"_s).toString(), validSerial());
    QVERIFY(signer.value(u"subject"_s).toString().contains(u"CN=build server"_s));
}

void TestPublisherIdentity::revocationReplacesTheSigner()
{
    release(u"1.1.0"_s);
    m_revokedSerial = validSerial();
    QVERIFY(!m_revokedSerial.isEmpty());
    // What an attacker who took the build server's key keeps: 1.1.0's signature by its certificate.
    m_oldSignature = m_dir.filePath(u"old.p7s"_s);
    QVERIFY(QFile::copy(onlyTarget(m_repository, u"viewer/1.1.0"_s, u"manifest.json.p7s"_s), m_oldSignature));
    copyTestTree(m_repository, m_beforeRevocation);

    const ProgramRun revoked = publish({u"cert"_s, u"revoke"_s, m_repository, u"--keys"_s, m_keys, m_revokedSerial,
        u"--reason"_s, u"keyCompromise"_s, u"--replace"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(revoked, 0);
    const QString replacement = validSerial();
    QVERIFY(!replacement.isEmpty());
    QVERIFY(replacement != m_revokedSerial);

    // Stock OpenSSL sees the revocation in the published list.
    const QString crlPem = m_dir.filePath(u"crl.pem"_s);
    UPKEEP_EXPECT_EXIT(openssl({u"crl"_s, u"-inform"_s, u"DER"_s, u"-in"_s,
                           currentTargetFile(m_repository, u"targets"_s, u"publisher/ca.crl"_s), u"-out"_s, crlPem}),
        0);
    const ProgramRun verified = openssl({u"verify"_s, u"-crl_check"_s, u"-CAfile"_s, m_caPem, u"-CRLfile"_s, crlPem,
        m_keys + u"/certificates/"_s + m_revokedSerial + u".pem"_s});
    QVERIFY2(verified.exitCode != 0 && verified.out.contains(u"revoked"_s) + verified.err.contains(u"revoked"_s),
        qPrintable(verified.describe()));

    // The next check offers 1.1.0 signed by the replacement, and the update installs it.
    const ProgramRun checked = upkeep({u"check"_s, u"--dir"_s, m_install, u"--json"_s});
    UPKEEP_EXPECT_EXIT(checked, 0);
    const QJsonObject offer = jsonArray(checked.out).at(0).toObject();
    QCOMPARE(offer.value(u"available"_s).toString(), u"1.1.0"_s);
    QCOMPARE(offer.value(u"signer"_s).toObject().value(u"serial"_s).toString(), replacement);
    UPKEEP_EXPECT_EXIT(upkeep({u"update"_s, u"--dir"_s, m_install, u"--yes"_s}), 0);
    const ProgramRun history = upkeep({u"history"_s, u"--dir"_s, m_install, u"--json"_s});
    const QJsonObject installed
        = jsonArray(history.out).at(0).toObject().value(u"history"_s).toArray().last().toObject();
    QCOMPARE(installed.value(u"to"_s).toString(), u"1.1.0"_s);
    QCOMPARE(installed.value(u"signer"_s).toObject().value(u"serial"_s).toString(), replacement);
}

void TestPublisherIdentity::replayedSignatureIsRefused_data()
{
    QTest::addColumn<QString>("replay");
    QTest::newRow("old signature signed in with a channel key that is still valid") << u"channel key"_s;
    QTest::newRow("metadata from before the revocation") << u"old metadata"_s;
}

void TestPublisherIdentity::replayedSignatureIsRefused()
{
    QFETCH(QString, replay);
    const QString repository = m_dir.filePath(u"mirror-"_s + replay.section(u' ', 0, 0));
    if (replay == u"channel key"_s) {
        copyTestTree(m_repository, repository);
        // Someone with the stable channel's key (still valid) puts 1.1.0 back with its old signature.
        const QString manifestPath = u"viewer/1.1.0/manifest.json"_s;
        const QJsonObject custom
            = targetsOf(repository, u"stable"_s).value(manifestPath).toObject().value(u"custom"_s).toObject();
        const QString manifest = m_dir.filePath(u"manifest-1.1.0.json"_s);
        QVERIFY(QFile::copy(currentTargetFile(repository, u"stable"_s, manifestPath), manifest));
        UPKEEP_EXPECT_EXIT(publish({u"yank"_s, repository, u"--keys"_s, m_keys, u"--app"_s, u"viewer"_s, u"--version"_s,
                               u"1.1.0"_s, u"--channel"_s, u"stable"_s}),
            0);
        UPKEEP_EXPECT_EXIT(publish({u"add-target"_s, repository, u"--keys"_s, m_keys, u"--channel"_s, u"stable"_s,
                               u"--path"_s, manifestPath, u"--file"_s, manifest, u"--custom"_s,
                               QString::fromUtf8(QJsonDocument(custom).toJson(QJsonDocument::Compact))}),
            0);
        UPKEEP_EXPECT_EXIT(publish({u"add-target"_s, repository, u"--keys"_s, m_keys, u"--channel"_s, u"stable"_s,
                               u"--path"_s, manifestPath + u".p7s"_s, u"--file"_s, m_oldSignature}),
            0);
        // A new installation gets nothing, and is told why.
        const QString fresh = m_dir.filePath(u"fresh"_s);
        const ProgramRun added = upkeep(
            {u"add"_s, u"--repo"_s, u"file://"_s + repository, u"--trust"_s, repository + u"/metadata/1.root.json"_s,
                u"--app"_s, u"viewer"_s, u"--channel"_s, u"stable"_s, u"--dir"_s, fresh});
        QCOMPARE(added.exitCode, 1);
        QVERIFY2(added.err.contains(u"Example GmbH"_s) && added.err.contains(u"revoked"_s)
                && added.err.contains(u"key compromise"_s) && added.err.contains(m_revokedSerial),
            qPrintable(added.describe()));
        QVERIFY(!QFileInfo::exists(fresh));
    } else {
        copyTestTree(m_beforeRevocation, repository);
    }

    // A copy of the installation that saw the revocation, moved back to 1.0.0 and then asked to update from
    // this mirror, is not moved: it stays on 1.0.0.
    const QString install = m_dir.filePath(u"viewer-"_s + replay.section(u' ', 0, 0));
    copyTestTree(m_install, install);
    const QString configFile = install + u"/.upkeep/config.json"_s;
    const QString config = QString::fromUtf8(readTestFile(configFile));
    QVERIFY(config.contains(u"file://"_s + m_repository));
    writeTestFile(configFile, QString(config).replace(u"file://"_s + m_repository, u"file://"_s + repository).toUtf8());
    UPKEEP_EXPECT_EXIT(upkeep({u"rollback"_s, u"--dir"_s, install, u"--to"_s, u"1.0.0"_s}), 0);
    const ProgramRun updated = upkeep({u"update"_s, u"--dir"_s, install, u"--yes"_s});
    QVERIFY2(updated.exitCode != 0, qPrintable(updated.describe()));
    QVERIFY2(updated.err.contains(replay == u"channel key"_s ? u"revoked"_s : u"rollback"_s),
        qPrintable(updated.describe()));
    QVERIFY(QFileInfo(install + u"/current"_s).symLinkTarget().endsWith(u"/1.0.0"_s));
    // Nothing of the refused release waits in the cache for a later install.
    QCOMPARE(QDir(install + u"/.upkeep/cache"_s).entryList(QDir::Files | QDir::Hidden), QStringList());
}

QTEST_GUILESS_MAIN(TestPublisherIdentity)
#include "tst_publisheridentity.moc"
