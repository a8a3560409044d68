// upkeep-publish end to end: the real binary, run in a temporary folder as a publisher would run
// it, checked by its exit code, what it prints and the files it leaves on disk. Its stdin is
// /dev/null, so it never prompts (but where a test gives it a terminal to answer on), and
// UPKEEP_PASSPHRASE and UPKEEP_ONLINE_PASSPHRASE are set only where a test sets them.

#include "publish/signingkey.h"
#include "release/objectdecoder.h"
#include "support/repositoryfiles.h"
#include "support/testarchive.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "support/testprogram.h"
#include "trust/signedmetadata.h"
#include "upkeepversion.h"
#include "json/jsonparser.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// What QFile reports for mode 0600 when we are the owner.
constexpr QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
const QStringList kDefaultChannels{u"stable"_s, u"beta"_s, u"nightly"_s};
const QRegularExpression kKeyId(u"^[0-9a-f]{64}$"_s);

// Environment variables for one run, as NAME=VALUE.
using Variables = QStringList;

ProgramRun publishWith(const QStringList& arguments, const Variables& variables)
{
    return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH), {.environment = variables}).run(arguments);
}

ProgramRun publish(const QStringList& arguments, const std::optional<QByteArray>& passphrase = std::nullopt)
{
    return publishWith(
        arguments, passphrase ? Variables{u"UPKEEP_PASSPHRASE="_s + QString::fromUtf8(*passphrase)} : Variables{});
}

// Runs the tool with a terminal as its stdin, answering each prompt as it appears on stderr.
// Prompts and answers are kept in `err` as the tool wrote them.
ProgramRun publishOnTerminal(const QStringList& arguments, const QList<TestProgram::Exchange>& dialogue)
{
    return TestProgram(QString::fromUtf8(UPKEEP_PUBLISH)).run(arguments, dialogue);
}

// Changes the signed part of a metadata file and keeps its signatures, which then no longer match:
// what someone who can write to the repository's folder, but holds no key, can do.
bool editSigned(const QString& path, const std::function<void(QJsonObject&)>& edit)
{
    QJsonObject document = QJsonDocument::fromJson(readTestFile(path)).object();
    QJsonObject part = document.value(u"signed"_s).toObject();
    edit(part);
    document.insert(u"signed"_s, part);
    return tryWriteTestFile(path, QJsonDocument(document).toJson());
}

// Signs metadata file `path` anew, with the expiry `expires`, by the private keys in `keyFiles`, as a
// publisher would have signed it long enough ago for it to expire at that time.
bool resignExpiring(const QString& path, const QDateTime& expires, const QStringList& keyFiles)
{
    auto document = JsonParser().parse(readTestFile(path));
    if (!document || !document->find("signed"))
        return false;
    JsonObject part = document->find("signed")->toObject();
    part.insert_or_assign("expires", expires.toString(Qt::ISODate).toStdString());
    SignedMetadata metadata = SignedMetadata::wrap(part);
    for (const QString& keyFile : keyFiles) {
        auto key = SigningKey::load(keyFile);
        if (!key || !key->sign(metadata))
            return false;
    }
    return tryWriteTestFile(path, metadata.toBytes());
}

QStringList keyIdsOfSignatures(const QString& path)
{
    QStringList ids;
    for (const QJsonValue& signature :
        QJsonDocument::fromJson(readTestFile(path)).object().value(u"signatures"_s).toArray())
        ids.append(signature.toObject().value(u"keyid"_s).toString());
    ids.sort();
    return ids;
}

QStringList strings(const QJsonValue& array)
{
    QStringList list;
    for (const QJsonValue& value : array.toArray())
        list.append(value.toString());
    return list;
}

QStringList rootKeyIds(const QString& repo, const QString& role)
{
    const QJsonObject root = signedPart(repo + u"/metadata/root.json"_s);
    return strings(root.value(u"roles"_s).toObject().value(role).toObject().value(u"keyids"_s));
}

QStringList channelKeyIds(const QString& repo, const QString& channel)
{
    const QJsonObject targets = signedPart(newestMetadataFile(repo, u"targets"_s));
    for (const QJsonValue& role : targets.value(u"delegations"_s).toObject().value(u"roles"_s).toArray()) {
        if (role.toObject().value(u"name"_s).toString() == channel)
            return strings(role.toObject().value(u"keyids"_s));
    }
    return {};
}

// The files of a small application at `version`: a program, a library and its symlink, an empty
// file and an empty folder.
ArchiveItems releaseFiles(const QString& version)
{
    return {ArchiveItem::folder(u"bin"_s),
        ArchiveItem::file(u"bin/editor"_s, "#!/bin/sh\necho editor "_ba + version.toUtf8() + '\n', 0755),
        ArchiveItem::folder(u"lib"_s), ArchiveItem::file(u"lib/libcore.so.1"_s, QByteArray(20000, 'L'), 0644),
        ArchiveItem::symlink(u"lib/libcore.so"_s, u"libcore.so.1"_s), ArchiveItem::file(u"empty"_s, {}, 0600),
        ArchiveItem::folder(u"cache"_s, 0700)};
}

} // namespace

class TestPublish : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void workflow();
    void release();
    void retention();
    void revokeOneOfTwoRootKeys();
    void overview();
    void commandHelp_data();
    void commandHelp();
    void misuse_data();
    void misuse();
    void passphrases();
    void newKeysNeedPassphrase_data();
    void newKeysNeedPassphrase();
    void terminalPrompt_data();
    void terminalPrompt();
    void onlineKeysApart();
    void refreshExpiring_data();
    void refreshExpiring();
    void hostileMetadata_data();
    void hostileMetadata();
    void symlinkedKeys_data();
    void symlinkedKeys();
    void tampering_data();
    void tampering();

private:
    // `verify REPO --root REPO/metadata/1.root.json`: valid, at this root version, with this many targets.
    void expectValid(const QString& repo, int rootVersion, int targets, int roles = 4);
    // ROLE.KEYID.pem: there, readable by its owner only, and no longer in retired/.
    void expectKeyFile(const QString& keys, const QString& role, const QString& keyId, const QByteArray& pemHeader);
    // The replaced key moved from KEYS to KEYS/retired/.
    void expectRetired(const QString& keys, const QString& role, const QString& keyId);
    void expectNoPrivateKeyIn(const QString& repo);
    // A repository with `app/1.0/setup.bin` on beta, in a new folder under the test's temporary one.
    QString publishedRepository(const QString& name, QByteArray* content = nullptr);

    QTemporaryDir m_dir;
    // A repository with two root keys and app 1.0 on beta, which the misuse rows must leave untouched.
    QString m_repo;
    QString m_keys;
    QString m_payload;
};

void TestPublish::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(QString::fromUtf8(UPKEEP_PUBLISH)).isExecutable(), UPKEEP_PUBLISH);
    m_repo = m_dir.filePath(u"shared/repo"_s);
    m_keys = m_dir.filePath(u"shared/keys"_s);
    m_payload = m_dir.filePath(u"setup-1.0.bin"_s);
    writeTestFile(m_payload, "Upkeep demo 1.0\n"_ba);
    writeTestFile(m_dir.filePath(u"plain/notes.txt"_s), "not a repository\n"_ba);
    const ProgramRun init
        = publish({u"init"_s, m_repo, u"--keys"_s, m_keys, u"--root-keys"_s, u"2"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(init, 0);
    const ProgramRun add = publish({u"add-target"_s, m_repo, u"--keys"_s, m_keys, u"--channel"_s, u"beta"_s,
        u"--path"_s, u"app/1.0/setup.bin"_s, u"--file"_s, m_payload});
    UPKEEP_EXPECT_EXIT(add, 0);

    // Release sources for the release rows of misuse(), and tool 1.0.0 on beta, which they must not replace.
    QVERIFY(writeFolder(m_dir.filePath(u"release-src"_s), releaseFiles(u"1.0.0"_s)).isEmpty());
    QVERIFY(QDir().mkpath(m_dir.filePath(u"release-empty"_s)));
    QVERIFY(writeArchive(m_dir.filePath(u"hostile.tar.gz"_s),
        {ArchiveItem::file(u"readme.txt"_s, "x"_ba), ArchiveItem::symlink(u"passwd"_s, u"../../../etc/passwd"_s)})
                .isEmpty());
    const ProgramRun release = publish({u"release"_s, m_repo, u"--keys"_s, m_keys, u"--app"_s, u"tool"_s,
        u"--version"_s, u"1.0.0"_s, u"--channel"_s, u"beta"_s, u"--from"_s, m_dir.filePath(u"release-src"_s)});
    UPKEEP_EXPECT_EXIT(release, 0);
}

void TestPublish::expectValid(const QString& repo, int rootVersion, int targets, int roles)
{
    const ProgramRun verify = publish({u"verify"_s, repo, u"--root"_s, repo + u"/metadata/1.root.json"_s});
    UPKEEP_EXPECT_EXIT(verify, 0);
    QCOMPARE(verify.err, QString());
    const QRegularExpression expected(
        u"^%1: valid\\. Root version %2, %3 roles, %4 targets verified; the timestamp expires \\S+Z\\.\\n$"_s
            .arg(QRegularExpression::escape(repo))
            .arg(rootVersion)
            .arg(roles)
            .arg(targets));
    QVERIFY2(expected.match(verify.out).hasMatch(), qPrintable(verify.out));
}

void TestPublish::expectKeyFile(
    const QString& keys, const QString& role, const QString& keyId, const QByteArray& pemHeader)
{
    QVERIFY2(kKeyId.match(keyId).hasMatch(), qPrintable(keyId));
    const QString path = keys + u"/%1.%2.pem"_s.arg(role, keyId);
    QVERIFY2(QFileInfo::exists(path), qPrintable(path));
    QCOMPARE(QFile::permissions(path), kOwnerOnly);
    QVERIFY2(readTestFile(path).startsWith(pemHeader), qPrintable(path));
}

void TestPublish::expectRetired(const QString& keys, const QString& role, const QString& keyId)
{
    const QString name = u"%1.%2.pem"_s.arg(role, keyId);
    QVERIFY2(!QFileInfo::exists(keys + u'/' + name), qPrintable(name));
    QVERIFY2(QFileInfo::exists(keys + u"/retired/"_s + name), qPrintable(name));
}

void TestPublish::expectNoPrivateKeyIn(const QString& repo)
{
    for (const QString& file : filesUnder(repo)) {
        QVERIFY2(!file.endsWith(u".pem"_s), qPrintable(file));
        QVERIFY2(!readTestFile(repo + u'/' + file).contains("PRIVATE KEY"), qPrintable(file));
    }
}

QString TestPublish::publishedRepository(const QString& name, QByteArray* content)
{
    const QString repo = m_dir.filePath(name + u"/repo"_s);
    const QString keys = m_dir.filePath(name + u"/keys"_s);
    const ProgramRun init = publish({u"init"_s, repo, u"--keys"_s, keys, u"--unencrypted-keys"_s});
    const ProgramRun add = publish({u"add-target"_s, repo, u"--keys"_s, keys, u"--channel"_s, u"beta"_s, u"--path"_s,
        u"app/1.0/setup.bin"_s, u"--file"_s, m_payload});
    if (init.exitCode != 0 || add.exitCode != 0) {
        qWarning().noquote() << init.describe() << add.describe();
        return {};
    }
    if (content)
        *content = readTestFile(m_payload);
    return repo;
}

void TestPublish::workflow()
{
    const QString repo = m_dir.filePath(u"workflow/repo"_s);
    const QString keys = m_dir.filePath(u"workflow/keys"_s);
    const QStringList withKeys{repo, u"--keys"_s, keys};

    // init: every role at version 1, one key file per role outside the repository, unencrypted as asked.
    ProgramRun run = publish(QStringList{u"init"_s} + withKeys + QStringList{u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.out,
        u"Created the repository %1 with the channels stable, beta, nightly.\n"
        "Clients trust it through %1/metadata/1.root.json.\n"
        "The private keys are in %2; keep the root keys offline.\n"
        "The private keys are not encrypted (--unencrypted-keys): whoever can read them can sign for this "
        "repository.\n"_s.arg(repo, keys));
    QCOMPARE(filesUnder(repo),
        QStringList({u"metadata/1.beta.json"_s, u"metadata/1.nightly.json"_s, u"metadata/1.root.json"_s,
            u"metadata/1.snapshot.json"_s, u"metadata/1.stable.json"_s, u"metadata/1.targets.json"_s,
            u"metadata/root.json"_s, u"metadata/timestamp.json"_s}));
    QCOMPARE(readTestFile(repo + u"/metadata/root.json"_s), readTestFile(repo + u"/metadata/1.root.json"_s));
    QStringList expectedKeyFiles;
    for (const QString& role : {u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s}) {
        const QStringList ids = rootKeyIds(repo, role);
        QCOMPARE(ids.size(), 1);
        expectKeyFile(keys, role, ids.first(), "-----BEGIN PRIVATE KEY-----\n");
        expectedKeyFiles.append(u"%1.%2.pem"_s.arg(role, ids.first()));
    }
    for (const QString& channel : kDefaultChannels) {
        const QStringList ids = channelKeyIds(repo, channel);
        QCOMPARE(ids.size(), 1);
        expectKeyFile(keys, channel, ids.first(), "-----BEGIN PRIVATE KEY-----\n");
        expectedKeyFiles.append(u"%1.%2.pem"_s.arg(channel, ids.first()));
    }
    expectedKeyFiles.sort();
    QCOMPARE(filesUnder(keys), expectedKeyFiles);
    QCOMPARE(QFile::permissions(keys), kOwnerOnly | QFile::ExeOwner | QFile::ExeUser); // 0700
    expectNoPrivateKeyIn(repo);
    expectValid(repo, 1, 0);

    // add-target: the file under its hash-prefixed name, and its entry with the custom facts.
    const QByteArray first = "Upkeep demo 1.0, the first release\n"_ba;
    const QString firstFile = m_dir.filePath(u"workflow/app-1.0.tar"_s);
    writeTestFile(firstFile, first);
    run = publish(QStringList{u"add-target"_s} + withKeys
        + QStringList{u"--channel"_s, u"beta"_s, u"--path"_s, u"app/1.0/app.tar"_s, u"--file"_s, firstFile,
            u"--custom"_s, u"{\"notes\": \"First release\", \"critical\": false}"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Signed app/1.0/app.tar (%1 bytes) into beta.\n"_s.arg(first.size()));
    QCOMPARE(readTestFile(repo + u"/targets/app/1.0/%1.app.tar"_s.arg(sha256(first))), first);
    QVERIFY(QFileInfo::exists(repo + u"/metadata/2.beta.json"_s));
    const QJsonObject entry = targetsOf(repo, u"beta"_s).value(u"app/1.0/app.tar"_s).toObject();
    QCOMPARE(entry.value(u"length"_s).toInt(), first.size());
    QCOMPARE(entry.value(u"hashes"_s).toObject().value(u"sha256"_s).toString(), sha256(first));
    QCOMPARE(
        entry.value(u"custom"_s).toObject(), QJsonObject({{u"notes"_s, u"First release"_s}, {u"critical"_s, false}}));
    expectValid(repo, 1, 1, 5);

    // promote: the same entry on stable.
    run = publish(QStringList{u"promote"_s} + withKeys
        + QStringList{u"--app"_s, u"app"_s, u"--version"_s, u"1.0"_s, u"--to"_s, u"stable"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Promoted app 1.0 to stable (1 file).\n"_s);
    QCOMPARE(newestMetadataFile(repo, u"stable"_s), repo + u"/metadata/2.stable.json"_s);
    QCOMPARE(targetsOf(repo, u"stable"_s).value(u"app/1.0/app.tar"_s).toObject(), entry);
    expectValid(repo, 1, 1, 6);

    // A second version on nightly, promoted to beta, so that a yank from every channel removes two entries.
    const QByteArray second = "Upkeep demo 2.0\n"_ba;
    const QString secondFile = m_dir.filePath(u"workflow/app-2.0.tar"_s);
    writeTestFile(secondFile, second);
    run = publish(QStringList{u"add-target"_s} + withKeys
        + QStringList{u"--channel"_s, u"nightly"_s, u"--path"_s, u"app/2.0/app.tar"_s, u"--file"_s, secondFile});
    UPKEEP_EXPECT_EXIT(run, 0);
    run = publish(QStringList{u"promote"_s} + withKeys
        + QStringList{u"--app"_s, u"app"_s, u"--version"_s, u"2.0"_s, u"--to"_s, u"beta"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    expectValid(repo, 1, 2, 7);

    // yank from one channel: the others keep it, and the file stays for them.
    run = publish(QStringList{u"yank"_s} + withKeys
        + QStringList{u"--app"_s, u"app"_s, u"--version"_s, u"1.0"_s, u"--channel"_s, u"beta"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Yanked app 1.0 from beta (1 entry).\n"_s);
    QVERIFY(!targetsOf(repo, u"beta"_s).contains(u"app/1.0/app.tar"_s));
    QVERIFY(targetsOf(repo, u"beta"_s).contains(u"app/2.0/app.tar"_s));
    QVERIFY(targetsOf(repo, u"stable"_s).contains(u"app/1.0/app.tar"_s));
    QVERIFY(QFileInfo::exists(repo + u"/targets/app/1.0/%1.app.tar"_s.arg(sha256(first))));
    expectValid(repo, 1, 2, 7);

    // yank from every channel.
    run = publish(QStringList{u"yank"_s} + withKeys + QStringList{u"--app"_s, u"app"_s, u"--version"_s, u"2.0"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Yanked app 2.0 from every channel (2 entries).\n"_s);
    for (const QString& channel : kDefaultChannels)
        QVERIFY2(!targetsOf(repo, channel).contains(u"app/2.0/app.tar"_s), qPrintable(channel));
    expectValid(repo, 1, 1, 7);

    // refresh: a new timestamp that expires in the days asked for.
    const qint64 timestampVersion = signedPart(repo + u"/metadata/timestamp.json"_s).value(u"version"_s).toInteger();
    run = publish(QStringList{u"refresh"_s} + withKeys + QStringList{u"--expires-days"_s, u"3"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Re-signed the timestamp (valid 3 days) and the snapshot (valid 30 days).\n"_s);
    const QJsonObject timestamp = signedPart(repo + u"/metadata/timestamp.json"_s);
    QCOMPARE(timestamp.value(u"version"_s).toInteger(), timestampVersion + 1);
    const QDateTime expires = QDateTime::fromString(timestamp.value(u"expires"_s).toString(), Qt::ISODate);
    QVERIFY2(expires.isValid(), qPrintable(timestamp.value(u"expires"_s).toString()));
    const qint64 fromNow = QDateTime::currentDateTimeUtc().secsTo(expires);
    QVERIFY2(fromNow > 3 * 86400 - 600 && fromNow <= 3 * 86400, qPrintable(expires.toString(Qt::ISODate)));
    expectValid(repo, 1, 1, 7);

    // rotate-key timestamp: a new root names the new key; the old one is retired.
    QString old = rootKeyIds(repo, u"timestamp"_s).first();
    const QRegularExpression rotated(u"^Rotated the (\\S+) role's key\\. Its new key is ([0-9a-f]{64})\\.\\n"
                                     "The new key is not encrypted \\(--unencrypted-keys\\)\\.\\n$"_s);
    const QStringList unencrypted{u"--unencrypted-keys"_s};
    run = publish(QStringList{u"rotate-key"_s} + withKeys + QStringList{u"--role"_s, u"timestamp"_s} + unencrypted);
    UPKEEP_EXPECT_EXIT(run, 0);
    auto match = rotated.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    QCOMPARE(match.captured(1), u"timestamp"_s);
    QString added = match.captured(2);
    QVERIFY(added != old);
    QVERIFY(QFileInfo::exists(repo + u"/metadata/2.root.json"_s));
    QCOMPARE(readTestFile(repo + u"/metadata/root.json"_s), readTestFile(repo + u"/metadata/2.root.json"_s));
    QCOMPARE(rootKeyIds(repo, u"timestamp"_s), QStringList{added});
    QCOMPARE(keyIdsOfSignatures(repo + u"/metadata/timestamp.json"_s), QStringList{added});
    expectKeyFile(keys, u"timestamp"_s, added, "-----BEGIN PRIVATE KEY-----\n");
    expectRetired(keys, u"timestamp"_s, old);
    expectValid(repo, 2, 1, 7);

    // rotate-key of a channel: the top-level targets role delegates to the new key; no new root.
    old = channelKeyIds(repo, u"stable"_s).first();
    run = publish(QStringList{u"rotate-key"_s} + withKeys + QStringList{u"--role"_s, u"stable"_s} + unencrypted);
    UPKEEP_EXPECT_EXIT(run, 0);
    match = rotated.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    QCOMPARE(match.captured(1), u"stable"_s);
    added = match.captured(2);
    QCOMPARE(channelKeyIds(repo, u"stable"_s), QStringList{added});
    QCOMPARE(keyIdsOfSignatures(newestMetadataFile(repo, u"stable"_s)), QStringList{added});
    QVERIFY(!QFileInfo::exists(repo + u"/metadata/3.root.json"_s));
    expectKeyFile(keys, u"stable"_s, added, "-----BEGIN PRIVATE KEY-----\n");
    expectRetired(keys, u"stable"_s, old);
    expectValid(repo, 2, 1, 7);

    // rotate-key root: the new root is signed by the old key and by the new one.
    old = rootKeyIds(repo, u"root"_s).first();
    run = publish(QStringList{u"rotate-key"_s} + withKeys + QStringList{u"--role"_s, u"root"_s} + unencrypted);
    UPKEEP_EXPECT_EXIT(run, 0);
    match = rotated.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    added = match.captured(2);
    QVERIFY(QFileInfo::exists(repo + u"/metadata/3.root.json"_s));
    QCOMPARE(rootKeyIds(repo, u"root"_s), QStringList{added});
    QStringList bothRootKeys{old, added};
    bothRootKeys.sort();
    QCOMPARE(keyIdsOfSignatures(repo + u"/metadata/3.root.json"_s), bothRootKeys);
    expectKeyFile(keys, u"root"_s, added, "-----BEGIN PRIVATE KEY-----\n");
    expectRetired(keys, u"root"_s, old);
    expectValid(repo, 3, 1, 7);

    // revoke-key of the snapshot role's only key: a new one takes its place.
    old = rootKeyIds(repo, u"snapshot"_s).first();
    run = publish(QStringList{u"revoke-key"_s} + withKeys + QStringList{u"--role"_s, u"snapshot"_s, u"--keyid"_s, old}
        + unencrypted);
    UPKEEP_EXPECT_EXIT(run, 0);
    match = QRegularExpression(u"^Revoked %1 from the snapshot role\\. Its new key is ([0-9a-f]{64})\\.\\n"
                               "The new key is not encrypted \\(--unencrypted-keys\\)\\.\\n$"_s.arg(old))
                .match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    added = match.captured(1);
    QVERIFY(QFileInfo::exists(repo + u"/metadata/4.root.json"_s));
    QCOMPARE(rootKeyIds(repo, u"snapshot"_s), QStringList{added});
    expectKeyFile(keys, u"snapshot"_s, added, "-----BEGIN PRIVATE KEY-----\n");
    expectRetired(keys, u"snapshot"_s, old);
    expectValid(repo, 4, 1, 7);

    expectNoPrivateKeyIn(repo);
}

void TestPublish::retention()
{
    // 1.3.0 takes installations from 1.2.0 on and 1.2.0 from 1.1.0 on: keeping one release keeps the
    // steps an installation of 1.0.0 goes through, and drops 1.0.0 from the metadata, not its files.
    const QString repo = m_dir.filePath(u"retention/repo"_s);
    const QString keys = m_dir.filePath(u"retention/keys"_s);
    const QString source = m_dir.filePath(u"retention/source"_s);
    const QStringList withKeys{repo, u"--keys"_s, keys};
    UPKEEP_EXPECT_EXIT(publish(QStringList{u"init"_s} + withKeys + QStringList{u"--unencrypted-keys"_s}), 0);
    const std::vector<std::pair<QString, QString>> releases{
        {u"1.0.0"_s, {}}, {u"1.1.0"_s, {}}, {u"1.2.0"_s, u"1.1.0"_s}};
    for (const auto& [version, minimum] : releases) {
        writeTestFile(source + u"/bin/tool"_s, "#!/bin/sh\necho " + version.toUtf8() + "\n", true);
        QStringList arguments = QStringList{u"release"_s} + withKeys
            + QStringList{
                u"--app"_s, u"tool"_s, u"--version"_s, version, u"--channel"_s, u"stable"_s, u"--from"_s, source};
        if (!minimum.isEmpty())
            arguments += QStringList{u"--min-from"_s, minimum};
        UPKEEP_EXPECT_EXIT(publish(arguments), 0);
    }
    writeTestFile(source + u"/bin/tool"_s, "#!/bin/sh\necho 1.3.0\n", true);
    ProgramRun run = publish(QStringList{u"release"_s} + withKeys
        + QStringList{u"--app"_s, u"tool"_s, u"--version"_s, u"1.3.0"_s, u"--channel"_s, u"stable"_s, u"--from"_s,
            source, u"--min-from"_s, u"1.2.0"_s, u"--keep-releases"_s, u"1"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY2(run.out.endsWith(u"\nDropped 1 older releases from the metadata (1.0.0); their files stay.\n"_s),
        qPrintable(run.out));
    const QJsonObject stable = targetsOf(repo, u"stable"_s);
    QVERIFY(!stable.contains(u"tool/1.0.0/manifest.json"_s));
    for (const QString& version : {u"1.1.0"_s, u"1.2.0"_s, u"1.3.0"_s})
        QVERIFY2(stable.contains(u"tool/%1/manifest.json"_s.arg(version)), qPrintable(version));
    QVERIFY(QFileInfo::exists(repo + u"/bundles/tool-1.0.0.tar.zst"_s));
    expectValid(repo, 1, 3, 5);

    run = publish(QStringList{u"prune"_s} + withKeys
        + QStringList{u"--app"_s, u"tool"_s, u"--channel"_s, u"stable"_s, u"--keep-releases"_s, u"5"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"tool on stable has no release beyond the 5 kept.\n"_s);
    run = publish(QStringList{u"prune"_s} + withKeys + QStringList{u"--app"_s, u"tool"_s, u"--channel"_s, u"stable"_s});
    UPKEEP_EXPECT_EXIT(run, 2);
}

void TestPublish::release()
{
    const QString repo = m_dir.filePath(u"release/repo"_s);
    const QString keys = m_dir.filePath(u"release/keys"_s);
    const QStringList withKeys{repo, u"--keys"_s, keys};
    ProgramRun run = publish(QStringList{u"init"_s} + withKeys + QStringList{u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    const QRegularExpression released(
        u"^Released editor (\\S+) on (\\w+): 3 files, 20028 bytes \\((\\d+) bytes "
        "compressed in (\\d+) objects; (\\d+) patches from earlier releases, (\\d+) "
        "bytes; bundle (\\d+) bytes\\)\\.\\nTook \\d+\\.\\d s on \\d+ cores?; peak memory \\d+ MB "
        "\\(limit [\\d.]+ [MG]B\\)\\.\\n$"_s);
    const QRegularExpression isoTime(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s);
    // The signed manifest of a release, as a client would fetch it, with the tables of its tables
    // file (format 2, an object named by its sha256) where a format-1 manifest holds them.
    const auto manifestOf = [&](const QString& channel, const QString& version) {
        const QJsonObject entry = targetsOf(repo, channel).value(u"editor/%1/manifest.json"_s.arg(version)).toObject();
        const QString sha = entry.value(u"hashes"_s).toObject().value(u"sha256"_s).toString();
        QJsonObject manifest
            = QJsonDocument::fromJson(readTestFile(repo + u"/targets/editor/%1/%2.manifest.json"_s.arg(version, sha)))
                  .object();
        const QJsonObject tables = manifest.take(u"tables"_s).toObject();
        if (manifest.value(u"format"_s).toInt() != 2 || tables.isEmpty())
            return QJsonObject();
        const QString made = m_dir.filePath(u"tables-"_s + version);
        QFile::remove(made);
        const QString tablesSha = tables.value(u"sha256"_s).toString();
        if (QFileInfo(repo + u"/objects/"_s + tablesSha + u".zst"_s).size() != tables.value(u"object"_s).toInteger()
            || !decodeObject(repo + u"/objects/"_s + tablesSha + u".zst"_s, made, tables.value(u"size"_s).toInteger(),
                tablesSha, 0600))
            return QJsonObject();
        const QJsonObject content = QJsonDocument::fromJson(readTestFile(made)).object();
        for (auto it = content.begin(); it != content.end(); ++it)
            manifest.insert(it.key(), it.value());
        return manifest;
    };
    // The total compressed size of the objects a manifest lists, each checked against the file.
    const auto objectBytes = [&](const QJsonObject& manifest) {
        qint64 total = 0;
        const QJsonObject objects = manifest.value(u"objects"_s).toObject();
        for (auto it = objects.begin(); it != objects.end(); ++it) {
            const QByteArray object = readTestFile(repo + u"/objects/"_s + it.key() + u".zst"_s);
            // Named by the sha256 of what it decompresses to; the manifest gives its size.
            if (object.size() != it.value().toObject().value(u"size"_s).toInteger())
                return qint64(-1);
            total += object.size();
        }
        return total;
    };
    // The count and total size of the patches a manifest lists, as "N patches, M bytes" reports them.
    const auto patchTotals = [](const QJsonObject& manifest) {
        qint64 count = 0;
        qint64 bytes = 0;
        const QJsonObject patches = manifest.value(u"patches"_s).toObject();
        for (auto it = patches.begin(); it != patches.end(); ++it) {
            for (const QJsonValue& patch : it.value().toArray()) {
                ++count;
                bytes += patch.toObject().value(u"size"_s).toInteger();
            }
        }
        return std::pair{QString::number(count), QString::number(bytes)};
    };

    // From a folder, with release notes.
    const QString folder = m_dir.filePath(u"release/editor-1.0.0"_s);
    QVERIFY(writeFolder(folder, releaseFiles(u"1.0.0"_s)).isEmpty());
    const QString notes = m_dir.filePath(u"release/notes-1.0.0.md"_s);
    const QByteArray notesText = "# Editor 1.0.0\n\nThe first release.\n"_ba;
    writeTestFile(notes, notesText);
    run = publish(QStringList{u"release"_s} + withKeys
        + QStringList{u"--app"_s, u"editor"_s, u"--version"_s, u"1.0.0"_s, u"--channel"_s, u"beta"_s, u"--from"_s,
            folder, u"--notes"_s, notes});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.err, QString());
    QRegularExpressionMatch match = released.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    QCOMPARE(match.captured(1), u"1.0.0"_s);
    QCOMPARE(match.captured(2), u"beta"_s);
    QCOMPARE(match.captured(4), u"2"_s); // the program and the library; the empty file needs none
    // Their objects and the manifest's tables file (format 2), an object too.
    QCOMPARE(QDir(repo + u"/objects"_s).entryList(QDir::Files).size(), 3);
    const QString firstBundle = repo + u"/bundles/editor-1.0.0.tar.zst"_s;
    QCOMPARE(QFileInfo(firstBundle).size(), match.captured(7).toLongLong());

    QJsonObject beta = targetsOf(repo, u"beta"_s);
    QCOMPARE(beta.keys(), QStringList({u"editor/1.0.0/CHANGELOG.md"_s, u"editor/1.0.0/manifest.json"_s}));
    QJsonObject custom = beta.value(u"editor/1.0.0/manifest.json"_s).toObject().value(u"custom"_s).toObject();
    QVERIFY2(isoTime.match(custom.take(u"released"_s).toString()).hasMatch(), qPrintable(run.out));
    QCOMPARE(custom,
        QJsonObject({{u"version"_s, u"1.0.0"_s}, {u"critical"_s, false}, {u"rollout"_s, 100}, {u"size"_s, 20028},
            {u"bundle_size"_s, QFileInfo(firstBundle).size()}}));
    const QJsonObject changelog = beta.value(u"editor/1.0.0/CHANGELOG.md"_s).toObject();
    QCOMPARE(changelog.value(u"custom"_s).toObject(), QJsonObject({{u"version"_s, u"1.0.0"_s}}));
    QCOMPARE(readTestFile(repo + u"/targets/editor/1.0.0/%1.CHANGELOG.md"_s.arg(sha256(notesText))), notesText);

    QJsonObject manifest = manifestOf(u"beta"_s, u"1.0.0"_s);
    QCOMPARE(manifest.value(u"app"_s).toString(), u"editor"_s);
    QCOMPARE(manifest.value(u"version"_s).toString(), u"1.0.0"_s);
    QCOMPARE(manifest.value(u"files"_s).toArray().size(), 7);
    QVERIFY(!manifest.contains(u"health_check"_s));
    QCOMPARE(objectBytes(manifest), match.captured(3).toLongLong());
    QCOMPARE(std::pair(match.captured(5), match.captured(6)), std::pair(u"0"_s, u"0"_s)); // nothing earlier
    QCOMPARE(manifest.value(u"bundle"_s).toObject().value(u"sha256"_s).toString(), sha256(readTestFile(firstBundle)));

    // From a .tar.zst onto stable: critical, to half, from 1.0.0 on, with a health check. The library
    // is unchanged, so only the program makes a new object.
    const QString archive = m_dir.filePath(u"release/editor-1.1.0.tar.zst"_s);
    QVERIFY(writeArchive(archive, releaseFiles(u"1.1.0"_s)).isEmpty());
    run = publish(QStringList{u"release"_s} + withKeys
        + QStringList{u"--app"_s, u"editor"_s, u"--version"_s, u"1.1.0"_s, u"--channel"_s, u"stable"_s, u"--from"_s,
            archive, u"--critical"_s, u"--rollout"_s, u"50"_s, u"--min-from"_s, u"1.0.0"_s, u"--health-check"_s,
            u"bin/editor --check \"all of it\""_s, u"--health-timeout"_s, u"20"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.err, QString());
    match = released.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    QCOMPARE(match.captured(1), u"1.1.0"_s);
    QCOMPARE(match.captured(2), u"stable"_s);
    QCOMPARE(match.captured(4), u"2"_s);
    QCOMPARE(QDir(repo + u"/objects"_s).entryList(QDir::Files).size(), 5); // one changed file, new tables

    QCOMPARE(QDir(repo + u"/bundles"_s).entryList(QDir::Files),
        QStringList({u"editor-1.0.0.tar.zst"_s, u"editor-1.1.0.tar.zst"_s}));

    const QJsonObject stable = targetsOf(repo, u"stable"_s);
    QCOMPARE(stable.keys(), QStringList{u"editor/1.1.0/manifest.json"_s});
    custom = stable.value(u"editor/1.1.0/manifest.json"_s).toObject().value(u"custom"_s).toObject();
    QVERIFY(isoTime.match(custom.take(u"released"_s).toString()).hasMatch());
    // The manifest comes as a patch from 1.0.0's (of another channel, but an earlier release).
    const QJsonArray manifestPatches = custom.take(u"manifest_patches"_s).toArray();
    QCOMPARE(manifestPatches.size(), 1);
    const QJsonObject manifestPatch = manifestPatches[0].toObject();
    QVERIFY(QFileInfo(repo + u"/patches/"_s + manifestPatch.value(u"from"_s).toString() + u'-'
        + stable.value(u"editor/1.1.0/manifest.json"_s)
              .toObject()
              .value(u"hashes"_s)
              .toObject()
              .value(u"sha256"_s)
              .toString())
                .isFile());
    // The changed file also comes in a pack from 1.0.0, signed here by its sha256 and size.
    const QJsonArray packs = custom.take(u"packs"_s).toArray();
    QCOMPARE(packs.size(), 1);
    const QJsonObject pack = packs[0].toObject();
    QCOMPARE(pack.value(u"from"_s).toString(), u"1.0.0"_s);
    QCOMPARE(pack.value(u"format"_s).toString(), u"zstd-solid-2"_s); // it carries the manifest
    // The manifest's tables come as a frame against 1.0.0's manifest and this one.
    const QJsonArray tablesPatches = custom.take(u"tables_patches"_s).toArray();
    QCOMPARE(tablesPatches.size(), 1);
    QCOMPARE(tablesPatches[0].toObject().value(u"from"_s), manifestPatch.value(u"from"_s));
    QCOMPARE(pack.value(u"entries"_s).toInt(), 1);
    QCOMPARE(
        QFileInfo(repo + u"/packs/"_s + pack.value(u"sha256"_s).toString()).size(), pack.value(u"size"_s).toInteger());
    QCOMPARE(custom,
        QJsonObject({{u"version"_s, u"1.1.0"_s}, {u"critical"_s, true}, {u"rollout"_s, 50}, {u"size"_s, 20028},
            {u"bundle_size"_s, QFileInfo(repo + u"/bundles/editor-1.1.0.tar.zst"_s).size()},
            {u"min_from"_s, u"1.0.0"_s}}));
    manifest = manifestOf(u"stable"_s, u"1.1.0"_s);
    QCOMPARE(manifest.value(u"health_check"_s).toObject(),
        QJsonObject({{u"command"_s, QJsonArray{u"bin/editor"_s, u"--check"_s, u"all of it"_s}}, {u"timeout"_s, 20}}));
    QCOMPARE(objectBytes(manifest), match.captured(3).toLongLong());
    QCOMPARE(std::pair(match.captured(5), match.captured(6)), patchTotals(manifest));
    // The same files as the folder release, but for the program.
    const QJsonArray firstFiles = manifestOf(u"beta"_s, u"1.0.0"_s).value(u"files"_s).toArray();
    const QJsonArray secondFiles = manifest.value(u"files"_s).toArray();
    QCOMPARE(secondFiles.size(), firstFiles.size());
    for (qsizetype i = 0; i < firstFiles.size(); ++i) {
        const QString path = firstFiles[i].toObject().value(u"path"_s).toString();
        QCOMPARE(secondFiles[i].toObject().value(u"path"_s).toString(), path);
        if (path != u"bin/editor"_s)
            QCOMPARE(secondFiles[i].toObject(), firstFiles[i].toObject());
    }

    // Three targets, and a client's check of the whole repository passes.
    expectValid(repo, 1, 3, 6);
    expectNoPrivateKeyIn(repo);

    // A version once published is never published again, on any channel.
    run = publish(QStringList{u"release"_s} + withKeys
        + QStringList{u"--app"_s, u"editor"_s, u"--version"_s, u"1.1.0+rebuild"_s, u"--channel"_s, u"nightly"_s,
            u"--from"_s, folder});
    UPKEEP_EXPECT_EXIT(run, 2);
    QCOMPARE(run.err,
        u"upkeep-publish release: editor 1.1.0+rebuild is already published (on stable, as 1.1.0); a release is "
        "never replaced. Publish a new version, or promote this one.\n"_s);
    expectValid(repo, 1, 3, 6);

    // --patch-depth 0: no patches at all, where the default would make them from both earlier releases.
    const QString third = m_dir.filePath(u"release/editor-1.2.0"_s);
    QVERIFY(writeFolder(third, releaseFiles(u"1.2.0"_s)).isEmpty());
    run = publish(QStringList{u"release"_s} + withKeys
        + QStringList{u"--app"_s, u"editor"_s, u"--version"_s, u"1.2.0"_s, u"--channel"_s, u"nightly"_s, u"--from"_s,
            third, u"--patch-depth"_s, u"0"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.err, QString());
    match = released.match(run.out);
    QVERIFY2(match.hasMatch(), qPrintable(run.out));
    QCOMPARE(std::pair(match.captured(5), match.captured(6)), std::pair(u"0"_s, u"0"_s));
    QVERIFY(!manifestOf(u"nightly"_s, u"1.2.0"_s).contains(u"patches"_s));
    custom
        = targetsOf(repo, u"nightly"_s).value(u"editor/1.2.0/manifest.json"_s).toObject().value(u"custom"_s).toObject();
    QCOMPARE(custom.value(u"version"_s).toString(), u"1.2.0"_s);
    QVERIFY(!custom.contains(u"manifest_patches"_s));
    expectValid(repo, 1, 4, 7);
}

void TestPublish::revokeOneOfTwoRootKeys()
{
    const QString repo = m_dir.filePath(u"two-roots/repo"_s);
    const QString keys = m_dir.filePath(u"two-roots/keys"_s);
    ProgramRun run = publish({u"init"_s, repo, u"--keys"_s, keys, u"--root-keys"_s, u"2"_s, u"--channels"_s,
        u"stable"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    const QStringList roots = rootKeyIds(repo, u"root"_s);
    QCOMPARE(roots.size(), 2);

    // The threshold (1) is still met by the other key, so no new key is made.
    run = publish({u"revoke-key"_s, repo, u"--keys"_s, keys, u"--role"_s, u"root"_s, u"--keyid"_s, roots[0]});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Revoked %1 from the root role.\n"_s.arg(roots[0]));
    QCOMPARE(rootKeyIds(repo, u"root"_s), QStringList{roots[1]});
    QVERIFY(keyIdsOfSignatures(repo + u"/metadata/2.root.json"_s).contains(roots[0]));
    expectRetired(keys, u"root"_s, roots[0]);
    QCOMPARE(QDir(keys).entryList({u"root.*.pem"_s}, QDir::Files), QStringList{u"root.%1.pem"_s.arg(roots[1])});
    expectValid(repo, 2, 0, 2);
}

void TestPublish::overview()
{
    const ProgramRun help = publish({u"--help"_s});
    UPKEEP_EXPECT_EXIT(help, 0);
    QCOMPARE(help.err, QString());
    QVERIFY2(help.out.startsWith(u"Usage: upkeep-publish COMMAND REPO [options]\n"_s), qPrintable(help.out));
    for (const char* command :
        {"init", "add-target", "release", "promote", "yank", "refresh", "rotate-key", "revoke-key", "verify", "ca init",
            "ca show", "cert issue", "cert list", "cert renew", "cert revoke", "rollout"}) {
        QVERIFY2(help.out.contains(u"\n  %1 "_s.arg(QLatin1StringView(command))), command);
    }
    QVERIFY(help.out.contains(
        u"Exit codes: 0 success, 1 failure (nothing or only complete steps written), 2 misuse, 3 a rollout halted."_s));
    QVERIFY(help.out.contains(u"never from a flag"_s));

    // No arguments: the same overview, as an error.
    const ProgramRun nothing = publish({});
    UPKEEP_EXPECT_EXIT(nothing, 2);
    QCOMPARE(nothing.out, QString());
    QCOMPARE(nothing.err, help.out);

    const ProgramRun unknown = publish({u"publish-everything"_s, m_repo});
    UPKEEP_EXPECT_EXIT(unknown, 2);
    QCOMPARE(unknown.out, QString());
    QCOMPARE(unknown.err, u"upkeep-publish: unknown command \"publish-everything\".\n\n"_s + help.out);

    const ProgramRun version = publish({u"--version"_s});
    UPKEEP_EXPECT_EXIT(version, 0);
    QVERIFY2(QRegularExpression(u"^upkeep-publish \\d+\\.\\d+\\.\\d+\\n$"_s).match(version.out).hasMatch(),
        qPrintable(version.out));
    // The version upkeep and the User-Agent give: the project's.
    QCOMPARE(version.out, u"upkeep-publish %1\n"_s.arg(QLatin1StringView(UPKEEP_VERSION)));
}

void TestPublish::commandHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("options");

    const QString keys = u"--keys <DIR>"_s;
    const QString online = u"--online-keys <DIR>"_s;
    const QString unencrypted = u"--unencrypted-keys"_s;
    QTest::newRow("init") << u"init"_s
                          << QStringList{keys, online, unencrypted, u"--root-keys <N>"_s, u"--root-threshold <M>"_s,
                                 u"--channels <LIST>"_s};
    QTest::newRow("add-target") << u"add-target"_s
                                << QStringList{keys, online, u"--channel <CHANNEL>"_s, u"--path <PATH>"_s,
                                       u"--file <FILE>"_s, u"--custom <JSON>"_s};
    QTest::newRow("promote") << u"promote"_s
                             << QStringList{
                                    keys, online, u"--app <APP>"_s, u"--version <VERSION>"_s, u"--to <CHANNEL>"_s};
    QTest::newRow("yank") << u"yank"_s
                          << QStringList{
                                 keys, online, u"--app <APP>"_s, u"--version <VERSION>"_s, u"--channel <CHANNEL>"_s};
    QTest::newRow("refresh") << u"refresh"_s << QStringList{keys, online, u"--expires-days <N>"_s, u"--strict"_s};
    QTest::newRow("rotate-key") << u"rotate-key"_s
                                << QStringList{keys, online, unencrypted, u"--role <ROLE>"_s, u"--keyid <ID>"_s};
    QTest::newRow("revoke-key") << u"revoke-key"_s
                                << QStringList{keys, online, unencrypted, u"--role <ROLE>"_s, u"--keyid <ID>"_s};
    QTest::newRow("release") << u"release"_s
                             << QStringList{keys, online, u"--app <APP>"_s, u"--version <VERSION>"_s,
                                    u"--channel <CHANNEL>"_s, u"--from <PATH>"_s, u"--notes <FILE.md>"_s,
                                    u"--critical"_s, u"--rollout <PERCENT>"_s, u"--min-from <VERSION>"_s,
                                    u"--health-check <CMD ARGS>"_s, u"--health-timeout <SECONDS>"_s,
                                    u"--patch-depth <K>"_s};
    QTest::newRow("verify") << u"verify"_s << QStringList{u"--root <ROOT.json>"_s};
    QTest::newRow("ca init") << u"ca init"_s
                             << QStringList{keys, online, unencrypted, u"--name <NAME>"_s, u"--algorithm <ALGORITHM>"_s,
                                    u"--days <N>"_s};
    QTest::newRow("ca show") << u"ca show"_s << QStringList{};
    QTest::newRow("cert issue") << u"cert issue"_s
                                << QStringList{keys, online, unencrypted, u"--signer <NAME>"_s, u"--days <N>"_s,
                                       u"--algorithm <ALGORITHM>"_s};
    QTest::newRow("cert list") << u"cert list"_s << QStringList{keys, online, u"--json"_s};
}

void TestPublish::commandHelp()
{
    QFETCH(QString, command);
    QFETCH(QStringList, options);

    // --help wins over everything else on the line, and touches nothing.
    for (const QString& flag : {u"--help"_s, u"-h"_s}) {
        const ProgramRun help = publish(command.split(u' ') + QStringList{flag, m_dir.filePath(u"no-such-repo"_s)});
        UPKEEP_EXPECT_EXIT(help, 0);
        QCOMPARE(help.err, QString());
        QVERIFY2(
            help.out.startsWith(u"Usage: upkeep-publish %1 [options] REPO\n"_s.arg(command)), qPrintable(help.out));
        for (const QString& option : options + QStringList{u"-h, --help"_s})
            QVERIFY2(help.out.contains(u"  "_s + option + u' '), qPrintable(option + u"\n"_s + help.out));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"no-such-repo"_s)));
    }
}

void TestPublish::misuse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); // all of stderr, after "upkeep-publish COMMAND: "

    // In both columns: {repo} and {keys} are the shared repository, {new} a folder that must stay absent,
    // {tmp} the test's temporary folder, {plain} a folder that is not a repository, {other} a file whose
    // content differs from app 1.0's.
    const QString rootIds = rootKeyIds(m_repo, u"root"_s).join(u", "_s);
    const QString timestampId = rootKeyIds(m_repo, u"timestamp"_s).first();
    const QStringList keys{u"--keys"_s, u"{keys}"_s};
    const QStringList addTarget = QStringList{u"add-target"_s, u"{repo}"_s} + keys;
    const QStringList app = {u"--app"_s, u"app"_s, u"--version"_s, u"1.0"_s};
    const QString notForm = u"The target path \"%1\" is not of the form APP/VERSION/FILE."_s;
    const QString unsafe
        = u"The target path \"%1\" must be relative, without empty, \".\" or \"..\" parts or backslashes."_s;

    // The keys folder.
    QTest::newRow("init without --keys") << QStringList{u"init"_s, u"{new}"_s} << 2 << u"--keys DIR is required."_s;
    QTest::newRow("add-target without --keys") << QStringList{u"add-target"_s, u"{repo}"_s, u"--channel"_s, u"beta"_s,
        u"--path"_s, u"app/2.0/setup.bin"_s, u"--file"_s, u"{other}"_s}
                                               << 2 << u"--keys DIR is required."_s;
    const QString inside = u"the keys folder %1 is inside the repository %2; private keys must never be published. "
                           "Keep them elsewhere."_s;
    QTest::newRow("init with the keys inside the repository") << QStringList{u"init"_s, u"{new}"_s, u"--keys"_s,
        u"{new}/keys"_s} << 2 << inside.arg(u"{new}/keys"_s, u"{new}"_s);
    QTest::newRow("init with the repository as the keys folder") << QStringList{u"init"_s, u"{new}"_s, u"--keys"_s,
        u"{new}/sub/.."_s} << 2 << inside.arg(u"{new}"_s, u"{new}"_s);
    QTest::newRow("refresh with the keys inside the repository") << QStringList{u"refresh"_s, u"{repo}"_s, u"--keys"_s,
        u"{repo}/metadata"_s} << 2 << inside.arg(u"{repo}/metadata"_s, u"{repo}"_s);
    QTest::newRow("refresh with the online keys inside the repository")
        << QStringList{u"refresh"_s, u"{repo}"_s, u"--keys"_s, u"{keys}"_s, u"--online-keys"_s, u"{repo}/online"_s} << 2
        << inside.arg(u"{repo}/online"_s, u"{repo}"_s);
    QTest::newRow("init with one folder for the offline and the online keys")
        << QStringList{u"init"_s, u"{new}/repo"_s, u"--keys"_s, u"{new}/keys"_s, u"--online-keys"_s, u"{new}/keys/"_s,
               u"--unencrypted-keys"_s}
        << 2
        << u"--keys and --online-keys name the same folder, {new}/keys; the online keys need a folder of their own."_s;

    // init.
    QTest::newRow("init over an existing repository") << QStringList{u"init"_s, u"{repo}"_s, u"--keys"_s,
        u"{new}"_s} << 2 << u"{repo} already holds a repository; refusing to replace its keys."_s;
    QTest::newRow("--root-threshold larger than --root-keys") << QStringList{u"init"_s, u"{new}/repo"_s, u"--keys"_s,
        u"{new}/keys"_s, u"--root-keys"_s, u"2"_s, u"--root-threshold"_s,
        u"3"_s} << 2 << u"The root threshold must be between 1 and the number of root keys (2)."_s;
    QTest::newRow("--root-keys 0") << QStringList{u"init"_s, u"{new}/repo"_s, u"--keys"_s, u"{new}/keys"_s,
        u"--root-keys"_s, u"0"_s} << 2
                                   << u"The root threshold must be between 1 and the number of root keys (0)."_s;
    QTest::newRow("--root-keys not a number") << QStringList{u"init"_s, u"{new}/repo"_s, u"--keys"_s, u"{new}/keys"_s,
        u"--root-keys"_s, u"two"_s} << 2 << u"--root-keys and --root-threshold take whole numbers."_s;
    QTest::newRow("a channel named after a role")
        << QStringList{u"init"_s, u"{new}/repo"_s, u"--keys"_s, u"{new}/keys"_s, u"--channels"_s, u"stable,targets"_s}
        << 2 << u"\"targets\" cannot name a channel."_s;
    QTest::newRow("a channel twice") << QStringList{u"init"_s, u"{new}/repo"_s, u"--keys"_s, u"{new}/keys"_s,
        u"--channels"_s, u"beta,beta"_s}
                                     << 2 << u"\"beta\" cannot name a channel."_s;
    QTest::newRow("no channel") << QStringList{u"init"_s, u"{new}/repo"_s, u"--keys"_s, u"{new}/keys"_s,
        u"--channels"_s, u","_s} << 2
                                << u"A repository needs at least one channel."_s;

    // add-target.
    QTest::newRow("add-target to a channel that does not exist") << addTarget
            + QStringList{u"--channel"_s, u"candidate"_s, u"--path"_s, u"app/2.0/setup.bin"_s, u"--file"_s,
                u"{other}"_s} << 2 << u"There is no channel \"candidate\"; the channels are: stable, beta, nightly."_s;
    for (const QString& path : {u"setup.bin"_s, u"app/setup.bin"_s, u"app/2.0/bin/setup"_s}) {
        QTest::addRow("target path %s", qPrintable(path))
            << addTarget + QStringList{u"--channel"_s, u"beta"_s, u"--path"_s, path, u"--file"_s, u"{other}"_s} << 2
            << notForm.arg(path);
    }
    for (const QString& path : {u"app/../setup.bin"_s, u"../2.0/setup.bin"_s, u"app/./setup.bin"_s,
             u"/app/2.0/setup.bin"_s, u"app//setup.bin"_s, u"app\\2.0\\setup.bin"_s}) {
        QTest::addRow("target path %s", qPrintable(path))
            << addTarget + QStringList{u"--channel"_s, u"beta"_s, u"--path"_s, path, u"--file"_s, u"{other}"_s} << 2
            << unsafe.arg(path);
    }
    QTest::newRow("add-target without --file")
        << addTarget + QStringList{u"--channel"_s, u"beta"_s, u"--path"_s, u"app/2.0/setup.bin"_s} << 2
        << u"--file is required."_s;
    QTest::newRow("add-target of a file that does not exist") << addTarget
            + QStringList{u"--channel"_s, u"beta"_s, u"--path"_s, u"app/2.0/setup.bin"_s, u"--file"_s,
                u"{tmp}/absent.bin"_s} << 1 << u"cannot read {tmp}/absent.bin: No such file or directory."_s;
    QTest::newRow("add-target without --path")
        << addTarget + QStringList{u"--channel"_s, u"beta"_s, u"--file"_s, u"{other}"_s} << 2
        << u"--path is required."_s;
    QTest::newRow("add-target without --channel")
        << addTarget + QStringList{u"--path"_s, u"app/2.0/setup.bin"_s, u"--file"_s, u"{other}"_s} << 2
        << u"--channel is required."_s;
    const QStringList add20 = addTarget
        + QStringList{u"--channel"_s, u"beta"_s, u"--path"_s, u"app/2.0/setup.bin"_s, u"--file"_s, u"{other}"_s};
    QTest::newRow("--custom an array") << add20 + QStringList{u"--custom"_s, u"[\"notes\"]"_s} << 2
                                       << u"--custom must be a JSON object."_s;
    QTest::newRow("--custom a string") << add20 + QStringList{u"--custom"_s, u"\"notes\""_s} << 2
                                       << u"--custom must be a JSON object."_s;
    QTest::newRow("--custom not JSON") << add20 + QStringList{u"--custom"_s, u"{notes: 1}"_s} << 2
                                       << u"--custom: Invalid JSON at byte 1: a member name in quotes expected"_s;
    QTest::newRow("replacing a published file")
        << addTarget
            + QStringList{u"--channel"_s, u"nightly"_s, u"--path"_s, u"app/1.0/setup.bin"_s, u"--file"_s, u"{other}"_s}
        << 2
        << u"app/1.0/setup.bin is already published (on beta) with other content; a published file is never "
           "replaced. Publish a new version instead."_s;

    // promote and yank.
    QTest::newRow("promote a version no channel has") << QStringList{u"promote"_s, u"{repo}"_s} + keys
            + QStringList{u"--app"_s, u"app"_s, u"--version"_s, u"9.9"_s, u"--to"_s, u"stable"_s}
                                                      << 1 << u"No channel has app 9.9."_s;
    QTest::newRow("promote onto a channel that has it") << QStringList{u"promote"_s, u"{repo}"_s} + keys + app
            + QStringList{u"--to"_s, u"beta"_s} << 2 << u"app 1.0 is already on beta."_s;
    QTest::newRow("promote onto a channel that does not exist") << QStringList{u"promote"_s, u"{repo}"_s} + keys + app
            + QStringList{u"--to"_s, u"candidate"_s} << 2 << u"There is no channel \"candidate\"."_s;
    QTest::newRow("promote without --to")
        << QStringList{u"promote"_s, u"{repo}"_s} + keys + app << 2 << u"--to is required."_s;
    QTest::newRow("yank a version no channel has")
        << QStringList{u"yank"_s, u"{repo}"_s} + keys + QStringList{u"--app"_s, u"app"_s, u"--version"_s, u"9.9"_s} << 1
        << u"No channel has app 9.9."_s;
    QTest::newRow("yank from a channel that does not have it") << QStringList{u"yank"_s, u"{repo}"_s} + keys + app
            + QStringList{u"--channel"_s, u"stable"_s} << 1 << u"stable has no app 1.0."_s;
    QTest::newRow("yank from a channel that does not exist")
        << QStringList{u"yank"_s, u"{repo}"_s} + keys + app + QStringList{u"--channel"_s, u"candidate"_s} << 2
        << u"There is no channel \"candidate\"."_s;
    QTest::newRow("yank without --version")
        << QStringList{u"yank"_s, u"{repo}"_s} + keys + QStringList{u"--app"_s, u"app"_s} << 2
        << u"--version is required."_s;

    // release. {release} is a sound release folder.
    const QStringList release = QStringList{u"release"_s, u"{repo}"_s} + keys;
    const auto releaseOf = [&](const QString& name, const QString& version, const QString& channel,
                               const QString& from = u"{release}"_s) {
        return release
            + QStringList{u"--app"_s, name, u"--version"_s, version, u"--channel"_s, channel, u"--from"_s, from};
    };
    const QStringList tool2 = releaseOf(u"tool"_s, u"2.0.0"_s, u"beta"_s);
    QTest::newRow("release without --app")
        << release + QStringList{u"--version"_s, u"2.0.0"_s, u"--channel"_s, u"beta"_s, u"--from"_s, u"{release}"_s}
        << 2 << u"--app is required."_s;
    QTest::newRow("release without --version")
        << release + QStringList{u"--app"_s, u"tool"_s, u"--channel"_s, u"beta"_s, u"--from"_s, u"{release}"_s} << 2
        << u"--version is required."_s;
    QTest::newRow("release without --channel")
        << release + QStringList{u"--app"_s, u"tool"_s, u"--version"_s, u"2.0.0"_s, u"--from"_s, u"{release}"_s} << 2
        << u"--channel is required."_s;
    QTest::newRow("release without --from")
        << release + QStringList{u"--app"_s, u"tool"_s, u"--version"_s, u"2.0.0"_s, u"--channel"_s, u"beta"_s} << 2
        << u"--from is required."_s;
    QTest::newRow("release without --keys") << QStringList{u"release"_s, u"{repo}"_s, u"--app"_s, u"tool"_s,
        u"--version"_s, u"2.0.0"_s, u"--channel"_s, u"beta"_s, u"--from"_s, u"{release}"_s}
                                            << 2 << u"--keys DIR is required."_s;
    QTest::newRow("release with a bad app name") << releaseOf(u"../tool"_s, u"2.0.0"_s,
        u"beta"_s) << 2 << u"\"../tool\" cannot name an application: use letters, digits, \".\", \"_\" and \"-\"."_s;
    QTest::newRow("release of a version that is not semantic")
        << releaseOf(u"tool"_s, u"2.0"_s, u"beta"_s) << 2
        << u"\"2.0\" is not a semantic version (such as 1.4.2 or 2.0.0-beta.1): it needs three numbers, "
           "MAJOR.MINOR.PATCH."_s;
    QTest::newRow("release onto a channel that does not exist") << releaseOf(u"tool"_s, u"2.0.0"_s,
        u"candidate"_s) << 2 << u"There is no channel \"candidate\"; the channels are: stable, beta, nightly."_s;
    const QString again = u"tool %1 is already published (on beta, as 1.0.0); a release is never replaced. Publish "
                          "a new version, or promote this one."_s;
    QTest::newRow("release of a published version")
        << releaseOf(u"tool"_s, u"1.0.0"_s, u"beta"_s) << 2 << again.arg(u"1.0.0"_s);
    QTest::newRow("release of a published version onto another channel")
        << releaseOf(u"tool"_s, u"1.0.0"_s, u"stable"_s) << 2 << again.arg(u"1.0.0"_s);
    QTest::newRow("release of a published version with build metadata")
        << releaseOf(u"tool"_s, u"1.0.0+build2"_s, u"beta"_s) << 2 << again.arg(u"1.0.0+build2"_s);
    for (const QString& rollout : {u"0"_s, u"101"_s, u"-1"_s}) {
        QTest::addRow("release --rollout %s", qPrintable(rollout))
            << tool2 + QStringList{u"--rollout"_s, rollout} << 2 << u"The rollout is a percentage from 1 to 100."_s;
    }
    for (const QString& depth : {u"-1"_s, u"21"_s}) {
        QTest::addRow("release --patch-depth %s", qPrintable(depth))
            << tool2 + QStringList{u"--patch-depth"_s, depth} << 2
            << u"The patch depth is a number of earlier releases from 0 to 20."_s;
    }
    QTest::newRow("release --patch-depth three") << tool2 + QStringList{u"--patch-depth"_s, u"three"_s} << 2
                                                 << u"--patch-depth takes a number of earlier releases."_s;
    for (const QString& rollout : {u"fifty"_s, u"50%"_s}) {
        QTest::addRow("release --rollout %s", qPrintable(rollout))
            << tool2 + QStringList{u"--rollout"_s, rollout} << 2 << u"--rollout takes a percentage from 1 to 100."_s;
    }
    QTest::newRow("release --min-from the same version")
        << tool2 + QStringList{u"--min-from"_s, u"2.0.0"_s} << 2
        << u"The minimum version to update from (2.0.0) must be older than 2.0.0."_s;
    QTest::newRow("release --min-from a newer version")
        << tool2 + QStringList{u"--min-from"_s, u"2.1.0"_s} << 2
        << u"The minimum version to update from (2.1.0) must be older than 2.0.0."_s;
    QTest::newRow("release --min-from not a version")
        << tool2 + QStringList{u"--min-from"_s, u"1.x"_s} << 2
        << u"\"1.x\" is not a semantic version (such as 1.4.2 or 2.0.0-beta.1): it needs three numbers, "
           "MAJOR.MINOR.PATCH."_s;
    QTest::newRow("release --notes missing")
        << tool2 + QStringList{u"--notes"_s, u"{tmp}/absent.md"_s} << 2
        << u"Cannot read the release notes {tmp}/absent.md: No such file or directory."_s;
    QTest::newRow("release --health-timeout not a number")
        << tool2 + QStringList{u"--health-check"_s, u"bin/editor"_s, u"--health-timeout"_s, u"soon"_s} << 2
        << u"--health-timeout takes a number of seconds."_s;
    QTest::newRow("release --health-timeout 0")
        << tool2 + QStringList{u"--health-check"_s, u"bin/editor"_s, u"--health-timeout"_s, u"0"_s} << 2
        << u"The health check's time-out is from 1 to 3600 seconds."_s;
    QTest::newRow("release --health-check of a program not in the release")
        << tool2 + QStringList{u"--health-check"_s, u"editor --check"_s} << 2
        << u"The health check runs \"editor\", which is not a file of the release; name it relative to the "
           "release's top folder."_s;
    QTest::newRow("release --health-check empty of words")
        << tool2 + QStringList{u"--health-check"_s, u" "_s} << 2 << u"The health check \" \" names no program."_s;
    QTest::newRow("release from an empty folder") << releaseOf(u"tool"_s, u"2.0.0"_s, u"beta"_s,
        u"{tmp}/release-empty"_s) << 2 << u"{tmp}/release-empty holds no files."_s;
    QTest::newRow("release from a path that does not exist") << releaseOf(u"tool"_s, u"2.0.0"_s, u"beta"_s,
        u"{tmp}/absent.tar.zst"_s) << 1 << u"{tmp}/absent.tar.zst does not exist."_s;
    QTest::newRow("release from a file that is not an archive")
        << releaseOf(u"tool"_s, u"2.0.0"_s, u"beta"_s, u"{other}"_s) << 2
        << u"{other} is neither a folder nor an archive Upkeep reads (.tar, .tar.gz, .tar.xz, .tar.zst, .zip)."_s;
    QTest::newRow("release from a hostile archive")
        << releaseOf(u"tool"_s, u"2.0.0"_s, u"beta"_s, u"{tmp}/hostile.tar.gz"_s) << 1
        << u"{tmp}/hostile.tar.gz: Refused the entry \"passwd\": a symlink to \"../../../etc/passwd\", outside the "
           "release."_s;
    QTest::newRow("release in a folder that is not a repository")
        << QStringList{u"release"_s, u"{plain}"_s, u"--keys"_s, u"{keys}"_s, u"--app"_s, u"tool"_s, u"--version"_s,
               u"2.0.0"_s, u"--channel"_s, u"beta"_s, u"--from"_s, u"{release}"_s}
        << 1
        << u"{plain} is not an Upkeep repository (no metadata/root.json); create one with \"upkeep-publish init\"."_s;

    // refresh.
    for (const QString& days : {u"0"_s, u"367"_s, u"three"_s}) {
        QTest::addRow("refresh --expires-days %s", qPrintable(days))
            << QStringList{u"refresh"_s, u"{repo}"_s} + keys + QStringList{u"--expires-days"_s, days} << 2
            << u"--expires-days takes a number of days from 1 to 366."_s;
    }

    // rotate-key and revoke-key.
    QTest::newRow("rotate-key of an unknown role")
        << QStringList{u"rotate-key"_s, u"{repo}"_s} + keys + QStringList{u"--role"_s, u"release"_s} << 2
        << u"There is no role \"release\"; roles are root, timestamp, snapshot, targets and the channels stable, "
           "beta, nightly."_s;
    QTest::newRow("rotate-key root of two without --keyid")
        << QStringList{u"rotate-key"_s, u"{repo}"_s} + keys + QStringList{u"--role"_s, u"root"_s} << 2
        << u"The root role has 2 keys; name the one to replace with --keyid (one of %1)."_s.arg(rootIds);
    QTest::newRow("rotate-key with a key the role does not have") << QStringList{u"rotate-key"_s, u"{repo}"_s} + keys
            + QStringList{u"--role"_s, u"timestamp"_s, u"--keyid"_s,
                u"0123abcd"_s} << 2 << u"The timestamp role has no key 0123abcd; its keys are %1."_s.arg(timestampId);
    QTest::newRow("rotate-key without --role")
        << QStringList{u"rotate-key"_s, u"{repo}"_s} + keys << 2 << u"--role is required."_s;
    QTest::newRow("revoke-key without --keyid")
        << QStringList{u"revoke-key"_s, u"{repo}"_s} + keys + QStringList{u"--role"_s, u"timestamp"_s} << 2
        << u"Name the key to revoke with --keyid."_s;

    // The repository folder.
    const QString notRepository = u"{plain} is not an Upkeep repository (no metadata/root.json); create one with "
                                  "\"upkeep-publish init\"."_s;
    QTest::newRow("add-target in a folder that is not a repository")
        << QStringList{u"add-target"_s, u"{plain}"_s} + keys
            + QStringList{u"--channel"_s, u"beta"_s, u"--path"_s, u"app/2.0/setup.bin"_s, u"--file"_s, u"{other}"_s}
        << 1 << notRepository;
    QTest::newRow("refresh in a folder that is not a repository")
        << QStringList{u"refresh"_s, u"{plain}"_s} + keys << 1 << notRepository;
    QTest::newRow("refresh of a repository that does not exist")
        << QStringList{u"refresh"_s, u"{new}"_s} + keys << 1
        << u"{new} is not an Upkeep repository (no metadata/root.json); create one with \"upkeep-publish init\"."_s;
    QTest::newRow("no repository folder")
        << QStringList{u"refresh"_s} + keys << 2 << u"expected one repository folder; see --help."_s;
    QTest::newRow("two repository folders") << QStringList{u"refresh"_s, u"{repo}"_s, u"{tmp}"_s} + keys << 2
                                            << u"expected one repository folder; see --help."_s;
    QTest::newRow("an unknown option") << QStringList{u"refresh"_s, u"{repo}"_s, u"--force"_s} + keys << 2
                                       << u"Unknown option 'force'."_s;
    QTest::newRow("an option without its value")
        << QStringList{u"refresh"_s, u"{repo}"_s, u"--keys"_s} << 2 << u"Missing value after '--keys'."_s;

    // verify.
    QTest::newRow("verify without --root") << QStringList{u"verify"_s, u"{repo}"_s} << 2 << u"--root is required."_s;
    QTest::newRow("verify with a --root that does not exist") << QStringList{u"verify"_s, u"{repo}"_s, u"--root"_s,
        u"{tmp}/absent.json"_s} << 1 << u"cannot read {tmp}/absent.json: No such file or directory."_s;
    QTest::newRow("verify with a --root that is not root metadata")
        << QStringList{u"verify"_s, u"{repo}"_s, u"--root"_s, u"{repo}/metadata/timestamp.json"_s} << 1
        << u"{repo}/metadata/timestamp.json: root.json: the metadata is of type \"timestamp\" where \"root\" was expected"_s;
    QTest::newRow("verify of a folder that is not a repository") << QStringList{u"verify"_s, u"{plain}"_s, u"--root"_s,
        u"{repo}/metadata/1.root.json"_s} << 1 << u"{plain} has no file metadata/timestamp.json."_s;
}

void TestPublish::misuse()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    const QString fresh = m_dir.filePath(u"fresh"_s);
    const QString other = m_dir.filePath(u"setup-other.bin"_s);
    writeTestFile(other, "Not Upkeep demo 1.0\n"_ba);
    const auto expand = [&](QString text) {
        return text.replace(u"{repo}"_s, m_repo)
            .replace(u"{keys}"_s, m_keys)
            .replace(u"{new}"_s, fresh)
            .replace(u"{plain}"_s, m_dir.filePath(u"plain"_s))
            .replace(u"{tmp}"_s, m_dir.path())
            .replace(u"{other}"_s, other)
            .replace(u"{release}"_s, m_dir.filePath(u"release-src"_s));
    };
    for (QString& argument : arguments)
        argument = expand(argument);
    const QStringList metadataBefore = filesUnder(m_repo);
    const QByteArray timestampBefore = readTestFile(m_repo + u"/metadata/timestamp.json"_s);
    const QStringList keysBefore = filesUnder(m_keys);

    const ProgramRun run = publish(arguments);
    UPKEEP_EXPECT_EXIT(run, exitCode);
    QCOMPARE(run.out, QString());
    const QString command = arguments.value(0);
    QCOMPARE(run.err, u"upkeep-publish %1: %2\n"_s.arg(command, expand(message)));

    // A refused command writes nothing.
    QVERIFY2(!QFileInfo::exists(fresh), qPrintable(fresh));
    QCOMPARE(filesUnder(m_repo), metadataBefore);
    QCOMPARE(readTestFile(m_repo + u"/metadata/timestamp.json"_s), timestampBefore);
    QCOMPARE(filesUnder(m_keys), keysBefore);
}

void TestPublish::passphrases()
{
    const QString repo = m_dir.filePath(u"encrypted/repo"_s);
    const QString keys = m_dir.filePath(u"encrypted/keys"_s);
    const QByteArray passphrase = "correct horse battery staple"_ba;

    ProgramRun run = publish({u"init"_s, repo, u"--keys"_s, keys, u"--channels"_s, u"stable"_s}, passphrase);
    UPKEEP_EXPECT_EXIT(run, 0);
    const QStringList keyFiles = filesUnder(keys);
    QCOMPARE(keyFiles.size(), 5);
    for (const QString& file : keyFiles) {
        const QByteArray pem = readTestFile(keys + u'/' + file);
        QVERIFY2(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), qPrintable(file));
        QVERIFY(!pem.contains(passphrase));
    }
    const QString stableKey = keys + u"/stable.%1.pem"_s.arg(channelKeyIds(repo, u"stable"_s).first());
    const QStringList metadataBefore = filesUnder(repo + u"/metadata"_s);
    const QStringList addTarget{u"add-target"_s, repo, u"--keys"_s, keys, u"--channel"_s, u"stable"_s, u"--path"_s,
        u"app/1.0/setup.bin"_s, u"--file"_s, m_payload};

    // No passphrase, and stdin is not a terminal to ask on.
    run = publish(addTarget);
    UPKEEP_EXPECT_EXIT(run, 1);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.err,
        u"upkeep-publish add-target: %1: The private key is encrypted; its passphrase is needed. Set "
        "UPKEEP_PASSPHRASE, or run upkeep-publish on a terminal to be asked for it.\n"_s.arg(stableKey));
    QCOMPARE(filesUnder(repo + u"/metadata"_s), metadataBefore);

    run = publish(addTarget, "correct horse battery"_ba);
    UPKEEP_EXPECT_EXIT(run, 1);
    QCOMPARE(run.err,
        u"upkeep-publish add-target: %1: The passphrase does not open this private key (or the key file is "
        "damaged).\n"_s.arg(stableKey));
    QCOMPARE(filesUnder(repo + u"/metadata"_s), metadataBefore);

    // There is no flag for it: a passphrase on a command line ends up in shell history and in ps.
    run = publish(addTarget + QStringList{u"--passphrase"_s, QString::fromUtf8(passphrase)});
    UPKEEP_EXPECT_EXIT(run, 2);
    QCOMPARE(run.err, u"upkeep-publish add-target: Unknown option 'passphrase'.\n"_s);

    run = publish(addTarget, passphrase);
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.out, u"Signed app/1.0/setup.bin (16 bytes) into stable.\n"_s);
    QVERIFY(QFileInfo::exists(repo + u"/metadata/2.stable.json"_s));
    expectValid(repo, 1, 1, 3);

    // A new key needs the passphrase of the keys beside it: without it, or with a wrong one, no key is
    // made (an unencrypted one would sit among encrypted ones) and nothing changes.
    const QStringList keysBefore = filesUnder(keys);
    const QStringList metadataBeforeRotation = filesUnder(repo + u"/metadata"_s);
    const QString rootKey = keys + u"/root.%1.pem"_s.arg(rootKeyIds(repo, u"root"_s).first());
    const QStringList rotateTimestamp{u"rotate-key"_s, repo, u"--keys"_s, keys, u"--role"_s, u"timestamp"_s};
    run = publish(rotateTimestamp);
    UPKEEP_EXPECT_EXIT(run, 1);
    QCOMPARE(run.err,
        u"upkeep-publish rotate-key: The keys in %1 are encrypted, and so is a new key beside them. Set "
        "UPKEEP_PASSPHRASE, or run upkeep-publish on a terminal to be asked for it.\n"_s.arg(keys));
    QCOMPARE(filesUnder(keys), keysBefore);
    // Asked for, an unencrypted key is still never put among encrypted ones.
    run = publish(rotateTimestamp + QStringList{u"--unencrypted-keys"_s}, passphrase);
    UPKEEP_EXPECT_EXIT(run, 2);
    QCOMPARE(run.err,
        u"upkeep-publish rotate-key: The keys in %1 are encrypted; a new key is not written unencrypted beside "
        "them.\n"_s.arg(keys));
    QCOMPARE(filesUnder(keys), keysBefore);
    run = publish(rotateTimestamp, "Correct horse battery staple"_ba);
    UPKEEP_EXPECT_EXIT(run, 1);
    QCOMPARE(run.err,
        u"upkeep-publish rotate-key: %1: The passphrase does not open this private key (or the key file is "
        "damaged).\n"_s.arg(rootKey));
    QCOMPARE(filesUnder(keys), keysBefore);
    QCOMPARE(filesUnder(repo + u"/metadata"_s), metadataBeforeRotation);

    // With it, the new key is encrypted like the others.
    run = publish(rotateTimestamp, passphrase);
    UPKEEP_EXPECT_EXIT(run, 0);
    const QString added = rootKeyIds(repo, u"timestamp"_s).first();
    expectKeyFile(keys, u"timestamp"_s, added, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
    expectValid(repo, 2, 1, 3);
}

void TestPublish::newKeysNeedPassphrase_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("variables"); // NAME=VALUE
    QTest::addColumn<QString>("message");       // all of stderr after "upkeep-publish COMMAND: "

    // {new} is a folder that must end up without a file in it; {repo} and {keys} the shared repository.
    const QString noPassphrase
        = u"No passphrase to encrypt the new keys in %1 with. Set %2, or run upkeep-publish on a terminal to be "
          "asked for one; to write unencrypted keys on purpose, pass --unencrypted-keys."_s;
    const QStringList init{u"init"_s, u"{new}/repo"_s, u"--keys"_s, u"{new}/keys"_s};
    QTest::newRow("init") << init << QStringList{} << noPassphrase.arg(u"{new}/keys"_s, u"UPKEEP_PASSPHRASE"_s);
    QTest::newRow("init with UPKEEP_PASSPHRASE empty")
        << init << QStringList{u"UPKEEP_PASSPHRASE="_s}
        << u"UPKEEP_PASSPHRASE is empty, and an empty passphrase does not leave the new keys in {new}/keys "
           "unencrypted. Set a passphrase, or pass --unencrypted-keys to write unencrypted keys on purpose."_s;
    // The root key, already encrypted in the offline folder, goes again when the online folder cannot follow.
    QTest::newRow("init with the online keys apart and no passphrase for them")
        << init + QStringList{u"--online-keys"_s, u"{new}/online"_s, u"--channels"_s, u"stable"_s}
        << QStringList{u"UPKEEP_PASSPHRASE=offline secret"_s}
        << noPassphrase.arg(u"{new}/online"_s, u"UPKEEP_ONLINE_PASSPHRASE"_s);
    QTest::newRow("rotate-key") << QStringList{u"rotate-key"_s, u"{repo}"_s, u"--keys"_s, u"{keys}"_s, u"--role"_s,
        u"timestamp"_s} << QStringList{}
                                << noPassphrase.arg(u"{keys}"_s, u"UPKEEP_PASSPHRASE"_s);
    QTest::newRow("revoke-key of a role's only key")
        << QStringList{u"revoke-key"_s, u"{repo}"_s, u"--keys"_s, u"{keys}"_s, u"--role"_s, u"snapshot"_s, u"--keyid"_s,
               rootKeyIds(m_repo, u"snapshot"_s).value(0)}
        << QStringList{} << noPassphrase.arg(u"{keys}"_s, u"UPKEEP_PASSPHRASE"_s);
}

void TestPublish::newKeysNeedPassphrase()
{
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, variables);
    QFETCH(QString, message);

    static int row = 0;
    const QString fresh = m_dir.filePath(u"no-passphrase-%1"_s.arg(++row));
    const auto expand = [&](QString text) {
        return text.replace(u"{new}"_s, fresh).replace(u"{repo}"_s, m_repo).replace(u"{keys}"_s, m_keys);
    };
    for (QString& argument : arguments)
        argument = expand(argument);
    const QStringList repoBefore = filesUnder(m_repo);
    const QByteArray timestampBefore = readTestFile(m_repo + u"/metadata/timestamp.json"_s);
    const QStringList keysBefore = filesUnder(m_keys);

    // No terminal to ask on (stdin is /dev/null), and no --unencrypted-keys.
    const ProgramRun run = publishWith(arguments, variables);
    UPKEEP_EXPECT_EXIT(run, 1);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.err, u"upkeep-publish %1: %2\n"_s.arg(arguments.first(), expand(message)));

    // No key file is left behind, encrypted or not, and the shared repository is as it was.
    QCOMPARE(filesUnder(fresh), QStringList());
    QCOMPARE(filesUnder(m_repo), repoBefore);
    QCOMPARE(readTestFile(m_repo + u"/metadata/timestamp.json"_s), timestampBefore);
    QCOMPARE(filesUnder(m_keys), keysBefore);
}

void TestPublish::terminalPrompt_data()
{
    QTest::addColumn<QByteArrayList>("answers"); // typed in turn at the prompts
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); // the last line on stderr when it fails; {keys} the keys folder

    QTest::newRow("an empty answer")
        << QByteArrayList{""} << 1
        << u"upkeep-publish init: No passphrase was typed for the new keys in {keys}; an empty one does not leave "
           "them unencrypted. Type one, or pass --unencrypted-keys to write unencrypted keys on purpose.\n"_s;
    QTest::newRow("two answers that differ")
        << QByteArrayList{"correct horse", "correct hrose"} << 1
        << u"upkeep-publish init: The two passphrases typed for the new keys in {keys} differ.\n"_s;
    QTest::newRow("the same passphrase twice") << QByteArrayList{"correct horse", "correct horse"} << 0 << QString();
}

void TestPublish::terminalPrompt()
{
    QFETCH(QByteArrayList, answers);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    static int row = 0;
    const QString folder = m_dir.filePath(u"terminal-%1"_s.arg(++row));
    const QString repo = folder + u"/repo"_s;
    const QString keys = folder + u"/keys"_s;
    const QStringList prompts{u"Passphrase for the new keys in %1: "_s.arg(keys), u"The same passphrase again: "_s};
    QList<TestProgram::Exchange> dialogue;
    for (qsizetype i = 0; i < answers.size(); ++i)
        dialogue.append({prompts[i], answers[i]});

    const ProgramRun run
        = publishOnTerminal({u"init"_s, repo, u"--keys"_s, keys, u"--channels"_s, u"stable"_s}, dialogue);
    UPKEEP_EXPECT_EXIT(run, exitCode);
    QString asked;
    for (const QString& prompt : prompts.first(answers.size()))
        asked += prompt + u'\n';
    if (exitCode != 0) {
        // An empty answer never means "unencrypted": nothing is written at all.
        QCOMPARE(run.err, asked + QString(message).replace(u"{keys}"_s, keys));
        QCOMPARE(filesUnder(folder), QStringList());
        return;
    }
    QCOMPARE(run.err, asked);
    const QStringList files = filesUnder(keys);
    QCOMPARE(files.size(), 5);
    for (const QString& file : files)
        QVERIFY2(
            readTestFile(keys + u'/' + file).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), qPrintable(file));
    const QString rootKey = keys + u"/root.%1.pem"_s.arg(rootKeyIds(repo, u"root"_s).value(0));
    QVERIFY(SigningKey::load(rootKey, answers.first()).has_value());
}

void TestPublish::onlineKeysApart()
{
    const QString repo = m_dir.filePath(u"apart/repo"_s);
    const QString offline = m_dir.filePath(u"apart/offline"_s);
    const QString online = m_dir.filePath(u"apart/online"_s);
    const QString offlineSecret = u"offline secret"_s;
    const QString onlineSecret = u"online secret"_s;
    const QStringList both{u"UPKEEP_PASSPHRASE="_s + offlineSecret, u"UPKEEP_ONLINE_PASSPHRASE="_s + onlineSecret};

    ProgramRun run = publishWith(
        {u"init"_s, repo, u"--keys"_s, offline, u"--online-keys"_s, online, u"--channels"_s, u"stable"_s}, both);
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.out,
        u"Created the repository %1 with the channels stable.\n"
        "Clients trust it through %1/metadata/1.root.json.\n"
        "The offline keys (root, targets and the channels) are in %2; keep them offline.\n"
        "The online keys (timestamp and snapshot) are in %3; refresh needs only these.\n"_s.arg(repo, offline, online));
    const QByteArray encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n";
    for (const QString& role : {u"root"_s, u"targets"_s})
        expectKeyFile(offline, role, rootKeyIds(repo, role).value(0), encrypted);
    expectKeyFile(offline, u"stable"_s, channelKeyIds(repo, u"stable"_s).value(0), encrypted);
    for (const QString& role : {u"timestamp"_s, u"snapshot"_s})
        expectKeyFile(online, role, rootKeyIds(repo, role).value(0), encrypted);
    QCOMPARE(filesUnder(offline).size(), 3);
    QCOMPARE(filesUnder(online).size(), 2);
    // Each folder under its own passphrase.
    const QString timestampKey = online + u"/timestamp.%1.pem"_s.arg(rootKeyIds(repo, u"timestamp"_s).value(0));
    QVERIFY(SigningKey::load(timestampKey, onlineSecret.toUtf8()).has_value());
    QVERIFY(!SigningKey::load(timestampKey, offlineSecret.toUtf8()).has_value());

    // A server's cron job: the online keys and their passphrase only, the offline keys not on the machine.
    QVERIFY(QDir().rename(offline, offline + u"-away"_s));
    const qint64 timestampVersion = signedPart(repo + u"/metadata/timestamp.json"_s).value(u"version"_s).toInteger();
    run = publishWith(
        {u"refresh"_s, repo, u"--online-keys"_s, online}, {u"UPKEEP_ONLINE_PASSPHRASE="_s + onlineSecret});
    UPKEEP_EXPECT_EXIT(run, 0);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.out, u"Re-signed the timestamp (valid 7 days) and the snapshot (valid 30 days).\n"_s);
    QCOMPARE(signedPart(repo + u"/metadata/timestamp.json"_s).value(u"version"_s).toInteger(), timestampVersion + 1);
    QCOMPARE(keyIdsOfSignatures(repo + u"/metadata/timestamp.json"_s), rootKeyIds(repo, u"timestamp"_s));
    expectValid(repo, 1, 0, 2);

    // Publishing takes both folders, each opened with its own passphrase.
    QVERIFY(QDir().rename(offline + u"-away"_s, offline));
    run = publishWith({u"add-target"_s, repo, u"--keys"_s, offline, u"--online-keys"_s, online, u"--channel"_s,
                          u"stable"_s, u"--path"_s, u"app/1.0/setup.bin"_s, u"--file"_s, m_payload},
        both);
    UPKEEP_EXPECT_EXIT(run, 0);
    expectValid(repo, 1, 1, 3);

    // Without the online folder the snapshot cannot be signed, and nothing at all is written.
    const QStringList before = filesUnder(repo);
    run = publishWith({u"add-target"_s, repo, u"--keys"_s, offline, u"--channel"_s, u"stable"_s, u"--path"_s,
                          u"app/1.1/setup.bin"_s, u"--file"_s, m_payload},
        both);
    UPKEEP_EXPECT_EXIT(run, 1);
    QCOMPARE(run.err,
        u"upkeep-publish add-target: Signing snapshot needs 1 of its keys, and the key folders given (%1) hold "
        "0.\n"_s.arg(offline));
    QCOMPARE(filesUnder(repo), before);
    expectValid(repo, 1, 1, 3);
}

void TestPublish::refreshExpiring_data()
{
    QTest::addColumn<QString>("role");        // the role about to expire: root, targets or stable
    QTest::addColumn<QStringList>("folders"); // the key folders given to refresh: {offline}, {second}, {online}
    QTest::addColumn<bool>("strict");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("err"); // all of stderr; {expires} is the role's expiry
    QTest::addColumn<bool>("renewed");

    // Root has three keys and a threshold of two: one in the offline folder, two in a second one.
    const QString warning
        = u"upkeep-publish refresh: warning: %1 expires {expires}, within 7 days, and cannot be re-signed here: it "
          "needs %2 of its keys, and the key folders given hold %3. Run refresh with its keys before then.\n"_s;
    const QString strict = u"upkeep-publish refresh: --strict: %1 expires within 7 days and cannot be re-signed "
                           "here.\n"_s;
    const QStringList online{u"--online-keys"_s, u"{online}"_s};
    const QStringList offline{u"--keys"_s, u"{offline}"_s};
    const QStringList second{u"--keys"_s, u"{second}"_s};
    QTest::newRow("root, online keys only")
        << u"root"_s << online << false << 0 << warning.arg(u"root"_s).arg(2).arg(0) << false;
    QTest::newRow("root, online keys only, --strict")
        << u"root"_s << online << true << 1 << warning.arg(u"root"_s).arg(2).arg(0) + strict.arg(u"root"_s) << false;
    QTest::newRow("root, one of the two keys it needs, --strict")
        << u"root"_s << offline + online << true << 1 << warning.arg(u"root"_s).arg(2).arg(1) + strict.arg(u"root"_s)
        << false;
    QTest::newRow("root, its keys in two folders, --strict")
        << u"root"_s << offline + second + online << true << 0 << QString() << true;
    QTest::newRow("targets, online keys only, --strict")
        << u"targets"_s << online << true << 1 << warning.arg(u"targets"_s).arg(1).arg(0) + strict.arg(u"targets"_s)
        << false;
    QTest::newRow("stable, online keys only")
        << u"stable"_s << online << false << 0 << warning.arg(u"stable"_s).arg(1).arg(0) << false;
    QTest::newRow("stable, offline keys too, --strict")
        << u"stable"_s << offline + online << true << 0 << QString() << true;
}

void TestPublish::refreshExpiring()
{
    QFETCH(QString, role);
    QFETCH(QStringList, folders);
    QFETCH(bool, strict);
    QFETCH(int, exitCode);
    QFETCH(QString, err);
    QFETCH(bool, renewed);

    static int row = 0;
    const QString base = m_dir.filePath(u"expiring-%1"_s.arg(++row));
    const QString repo = base + u"/repo"_s;
    const QString offline = base + u"/offline"_s;
    const QString second = base + u"/second"_s;
    const QString online = base + u"/online"_s;
    ProgramRun run = publish({u"init"_s, repo, u"--keys"_s, offline, u"--online-keys"_s, online, u"--root-keys"_s,
        u"3"_s, u"--root-threshold"_s, u"2"_s, u"--channels"_s, u"stable"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    const QStringList rootIds = rootKeyIds(repo, u"root"_s);
    QCOMPARE(rootIds.size(), 3);
    QVERIFY(QDir().mkpath(second));
    for (const QString& id : rootIds.mid(1)) {
        const QString name = u"/root.%1.pem"_s.arg(id);
        QVERIFY(QFile::rename(offline + name, second + name));
    }

    // The role was signed long enough ago that it expires in three days.
    const QDateTime expires = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch() + 3 * 86400, Qt::UTC);
    const QString file = repo + u"/metadata/1.%1.json"_s.arg(role);
    if (role == u"root"_s) {
        QVERIFY(resignExpiring(
            file, expires, {offline + u"/root.%1.pem"_s.arg(rootIds[0]), second + u"/root.%1.pem"_s.arg(rootIds[1])}));
        QFile::remove(repo + u"/metadata/root.json"_s);
        QVERIFY(QFile::copy(file, repo + u"/metadata/root.json"_s));
    } else {
        QVERIFY(editSigned(file, [&](QJsonObject& part) { part.insert(u"expires"_s, expires.toString(Qt::ISODate)); }));
    }

    QStringList arguments{u"refresh"_s, repo};
    for (const QString& folder : folders) {
        arguments.append(QString(folder)
                             .replace(u"{offline}"_s, offline)
                             .replace(u"{second}"_s, second)
                             .replace(u"{online}"_s, online));
    }
    if (strict)
        arguments.append(u"--strict"_s);
    run = publish(arguments);
    UPKEEP_EXPECT_EXIT(run, exitCode);
    QCOMPARE(run.err, QString(err).replace(u"{expires}"_s, expires.toString(Qt::ISODate)));
    QString out = u"Re-signed the timestamp (valid 7 days) and the snapshot (valid 30 days).\n"_s;
    if (renewed)
        out += u"Also re-signed %1, which would have expired within 7 days.\n"_s.arg(role);
    QCOMPARE(run.out, out);

    // The timestamp is renewed all the same: clients keep working until the role itself expires.
    QCOMPARE(signedPart(repo + u"/metadata/timestamp.json"_s).value(u"version"_s).toInteger(), 2);
    QCOMPARE(QFileInfo::exists(repo + u"/metadata/2.%1.json"_s.arg(role)), renewed);
    if (!renewed)
        return;
    const QString newest = repo + u"/metadata/2.%1.json"_s.arg(role);
    const QDateTime renewedUntil
        = QDateTime::fromString(signedPart(newest).value(u"expires"_s).toString(), Qt::ISODate);
    QVERIFY2(renewedUntil > QDateTime::currentDateTimeUtc().addDays(80), qPrintable(renewedUntil.toString()));
    if (role == u"root"_s) {
        QCOMPARE(readTestFile(repo + u"/metadata/root.json"_s), readTestFile(newest));
        QStringList signers = rootIds;
        signers.sort();
        QCOMPARE(keyIdsOfSignatures(newest), signers);
    }
    expectValid(repo, role == u"root"_s ? 2 : 1, 0, 2);
}

void TestPublish::hostileMetadata_data()
{
    QTest::addColumn<QString>("file"); // the metadata file changed, its signatures left as they were
    QTest::addColumn<QString>("role"); // whose key ids get `value` added, or, for "name", the channel renamed
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("arguments"); // {repo} and {keys}
    QTest::addColumn<QString>("message");       // all of stderr after "upkeep-publish COMMAND: "

    const QStringList keys{u"--keys"_s, u"{keys}"_s};
    const QStringList refresh = QStringList{u"refresh"_s, u"{repo}"_s} + keys;
    const QString notKeyId = u"%1: the %2 role names the key \"%3\", which is not a key id (64 lowercase hexadecimal "
                             "digits); the metadata is damaged or was tampered with."_s;
    QTest::newRow("a timestamp key id that climbs out of the key folder")
        << u"root.json"_s << u"timestamp"_s << u"../../../outside"_s << refresh
        << notKeyId.arg(u"root.json"_s, u"timestamp"_s, u"../../../outside"_s);
    QTest::newRow("a snapshot key id with a slash") << u"root.json"_s << u"snapshot"_s << u"0123/4567"_s << refresh
                                                    << notKeyId.arg(u"root.json"_s, u"snapshot"_s, u"0123/4567"_s);
    QTest::newRow("a channel's key id that climbs out of the key folder")
        << u"1.targets.json"_s << u"stable"_s << u"../../x"_s
        << QStringList{u"add-target"_s, u"{repo}"_s} + keys
            + QStringList{u"--channel"_s, u"stable"_s, u"--path"_s, u"app/1.0/setup.bin"_s, u"--file"_s, u"{payload}"_s}
        << notKeyId.arg(u"1.targets.json"_s, u"stable"_s, u"../../x"_s);
    QTest::newRow("a channel named to climb out of the key folder")
        << u"1.targets.json"_s << u"name"_s << u"../../escaped"_s
        << QStringList{u"rotate-key"_s, u"{repo}"_s} + keys
            + QStringList{u"--role"_s, u"../../escaped"_s, u"--unencrypted-keys"_s}
        << u"1.targets.json delegates to \"../../escaped\", which cannot name a channel; the metadata is damaged or "
           "was tampered with."_s;
}

void TestPublish::hostileMetadata()
{
    QFETCH(QString, file);
    QFETCH(QString, role);
    QFETCH(QString, value);
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    static int row = 0;
    const QString base = m_dir.filePath(u"hostile-%1"_s.arg(++row));
    const QString repo = base + u"/repo"_s;
    const QString keys = base + u"/keys"_s;
    ProgramRun run
        = publish({u"init"_s, repo, u"--keys"_s, keys, u"--channels"_s, u"stable"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(run, 0);

    // Someone who can write to the repository's folder (a shared mount, a mirror synced back) but holds no key.
    QVERIFY(editSigned(repo + u"/metadata/"_s + file, [&](QJsonObject& part) {
        if (file == u"root.json"_s) {
            QJsonObject roles = part.value(u"roles"_s).toObject();
            QJsonObject entry = roles.value(role).toObject();
            QJsonArray ids = entry.value(u"keyids"_s).toArray();
            ids.append(value);
            entry.insert(u"keyids"_s, ids);
            roles.insert(role, entry);
            part.insert(u"roles"_s, roles);
            return;
        }
        QJsonObject delegations = part.value(u"delegations"_s).toObject();
        QJsonArray delegated = delegations.value(u"roles"_s).toArray();
        QJsonObject stable = delegated[0].toObject();
        if (role == u"name"_s) {
            stable.insert(u"name"_s, value);
        } else {
            QJsonArray ids = stable.value(u"keyids"_s).toArray();
            ids.append(value);
            stable.insert(u"keyids"_s, ids);
        }
        delegated[0] = stable;
        delegations.insert(u"roles"_s, delegated);
        part.insert(u"delegations"_s, delegations);
    }));

    for (QString& argument : arguments)
        argument.replace(u"{repo}"_s, repo).replace(u"{keys}"_s, keys).replace(u"{payload}"_s, m_payload);
    const QStringList everywhereBefore = filesUnder(m_dir.path());
    run = publish(arguments);
    UPKEEP_EXPECT_EXIT(run, 1);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.err, u"upkeep-publish %1: %2\n"_s.arg(arguments.first(), message));
    // Nothing is read or written by a name the metadata gave: no file appeared anywhere.
    QCOMPARE(filesUnder(m_dir.path()), everywhereBefore);
}

void TestPublish::symlinkedKeys_data()
{
    QTest::addColumn<QStringList>("arguments"); // paths under {base}; see symlinkedKeys() for the links
    QTest::addColumn<QString>("message");       // all of stderr after "upkeep-publish COMMAND: "; empty when it works

    const QString inside = u"the keys folder %1 is inside the repository %2; private keys must never be published. "
                           "Keep them elsewhere."_s;
    QTest::newRow("init with the keys under a symlink to the repository's folder") << QStringList{u"init"_s,
        u"{base}/new-repo"_s, u"--keys"_s, u"{base}/to-new-repo/keys"_s,
        u"--unencrypted-keys"_s} << inside.arg(u"{base}/new-repo/keys"_s, u"{base}/new-repo"_s);
    QTest::newRow("init with the keys under a symlink to the repository, in a folder yet to be made") << QStringList{
        u"init"_s, u"{base}/new-repo"_s, u"--keys"_s, u"{base}/to-new-repo/a/b/../keys"_s,
        u"--unencrypted-keys"_s} << inside.arg(u"{base}/new-repo/a/keys"_s, u"{base}/new-repo"_s);
    QTest::newRow("refresh with a keys folder that is a symlink into the repository")
        << QStringList{u"refresh"_s, u"{base}/repo"_s, u"--keys"_s, u"{base}/to-metadata"_s}
        << inside.arg(u"{base}/repo/metadata"_s, u"{base}/repo"_s);
    QTest::newRow("refresh of a repository named through a symlink, with the keys inside it")
        << QStringList{u"refresh"_s, u"{base}/to-repo"_s, u"--keys"_s, u"{base}/repo/metadata"_s}
        << inside.arg(u"{base}/repo/metadata"_s, u"{base}/repo"_s);
    QTest::newRow("refresh with the online keys through a symlink into the repository") << QStringList{u"refresh"_s,
        u"{base}/repo"_s, u"--keys"_s, u"{base}/keys"_s, u"--online-keys"_s,
        u"{base}/to-repo/online"_s} << inside.arg(u"{base}/repo/online"_s, u"{base}/repo"_s);
    QTest::newRow("init with the keys through a symlink to a folder outside the repository") << QStringList{u"init"_s,
        u"{base}/new-repo"_s, u"--keys"_s, u"{base}/to-outside"_s, u"--unencrypted-keys"_s, u"--channels"_s,
        u"stable"_s} << QString();
}

void TestPublish::symlinkedKeys()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    static int row = 0;
    const QString base = m_dir.filePath(u"links-%1"_s.arg(++row));
    ProgramRun run = publish({u"init"_s, base + u"/repo"_s, u"--keys"_s, base + u"/keys"_s, u"--channels"_s,
        u"stable"_s, u"--unencrypted-keys"_s});
    UPKEEP_EXPECT_EXIT(run, 0);
    QVERIFY(QDir().mkpath(base + u"/new-repo"_s));
    QVERIFY(QDir().mkpath(base + u"/outside"_s));
    QVERIFY(QFile::link(base + u"/new-repo"_s, base + u"/to-new-repo"_s));
    QVERIFY(QFile::link(base + u"/repo"_s, base + u"/to-repo"_s));
    QVERIFY(QFile::link(base + u"/repo/metadata"_s, base + u"/to-metadata"_s));
    QVERIFY(QFile::link(base + u"/outside"_s, base + u"/to-outside"_s));
    const QString real = QFileInfo(base).canonicalFilePath();

    for (QString& argument : arguments)
        argument.replace(u"{base}"_s, base);
    const QStringList before = filesUnder(base);
    const QByteArray timestampBefore = readTestFile(base + u"/repo/metadata/timestamp.json"_s);
    run = publish(arguments);
    if (message.isEmpty()) {
        UPKEEP_EXPECT_EXIT(run, 0);
        QCOMPARE(filesUnder(base + u"/outside"_s).size(), 5);
        expectNoPrivateKeyIn(base + u"/new-repo"_s);
        return;
    }
    UPKEEP_EXPECT_EXIT(run, 2);
    QCOMPARE(run.out, QString());
    QCOMPARE(run.err, u"upkeep-publish %1: %2\n"_s.arg(arguments.first(), QString(message).replace(u"{base}"_s, real)));
    QCOMPARE(filesUnder(base), before);
    QCOMPARE(readTestFile(base + u"/repo/metadata/timestamp.json"_s), timestampBefore);
}

void TestPublish::tampering_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("message"); // all of stderr; {repo} is the repository, {sha256} the file's hash

    QTest::newRow("a byte of the target file flipped")
        << u"flip-target"_s
        << u"upkeep-publish verify: app/1.0/setup.bin does not match its signed sha256 hash: the "
           "file was changed or damaged.\n"
           "upkeep-publish verify: 1 of 1 targets failed.\n"_s;
    QTest::newRow("the target file deleted")
        << u"delete-target"_s
        << u"upkeep-publish verify: app/1.0/setup.bin: {repo} has no file targets/app/1.0/{sha256}.setup.bin.\n"
           "upkeep-publish verify: 1 of 1 targets failed.\n"_s;
    QTest::newRow("timestamp version edited, not re-signed")
        << u"edit-timestamp"_s
        << u"upkeep-publish verify: timestamp.json: timestamp metadata has 0 valid signature(s) of the 1 its "
           "trusted keys require.\n"_s;
    QTest::newRow("the newest snapshot deleted")
        << u"delete-snapshot"_s << u"upkeep-publish verify: {repo} has no file metadata/2.snapshot.json.\n"_s;
    // A client that does not follow nightly does without it; the publisher's check needs every role.
    QTest::newRow("the nightly channel's metadata deleted")
        << u"delete-nightly"_s << u"upkeep-publish verify: {repo} has no file metadata/1.nightly.json.\n"_s;
}

void TestPublish::tampering()
{
    QFETCH(QString, change);
    QFETCH(QString, message);

    QByteArray content;
    const QString repo = publishedRepository(u"tampered-"_s + change, &content);
    QVERIFY(!repo.isEmpty());
    expectValid(repo, 1, 1, 5);
    const QString target = repo + u"/targets/app/1.0/%1.setup.bin"_s.arg(sha256(content));
    QVERIFY(QFileInfo::exists(target));

    if (change == u"flip-target"_s) {
        flipTestFileByte(target, 3);
    } else if (change == u"delete-target"_s) {
        QVERIFY(QFile::remove(target));
    } else if (change == u"edit-timestamp"_s) {
        QJsonObject document = QJsonDocument::fromJson(readTestFile(repo + u"/metadata/timestamp.json"_s)).object();
        QJsonObject timestamp = document.value(u"signed"_s).toObject();
        timestamp.insert(u"version"_s, timestamp.value(u"version"_s).toInteger() + 1);
        document.insert(u"signed"_s, timestamp);
        writeTestFile(repo + u"/metadata/timestamp.json"_s, QJsonDocument(document).toJson());
    } else if (change == u"delete-snapshot"_s) {
        QCOMPARE(signedPart(repo + u"/metadata/timestamp.json"_s)
                     .value(u"meta"_s)
                     .toObject()
                     .value(u"snapshot.json"_s)
                     .toObject()
                     .value(u"version"_s)
                     .toInt(),
            2);
        QVERIFY(QFile::remove(repo + u"/metadata/2.snapshot.json"_s));
    } else if (change == u"delete-nightly"_s) {
        QVERIFY(QFile::remove(repo + u"/metadata/1.nightly.json"_s));
    }

    const ProgramRun verify = publish({u"verify"_s, repo, u"--root"_s, repo + u"/metadata/1.root.json"_s});
    UPKEEP_EXPECT_EXIT(verify, 1);
    QCOMPARE(verify.out, QString());
    QCOMPARE(verify.err,
        QString(message).replace(u"{repo}"_s, repo).replace(u"{sha256}"_s, sha256(readTestFile(m_payload))));
}

QTEST_GUILESS_MAIN(TestPublish)
#include "tst_publish.moc"
