// Each channel delegates each application's releases to a role of their own (CHANNEL.APP, paths
// APP/*/*). A client that follows one application loads that application's roles only, finds a
// target by TUF's pre-order search within every delegation's paths, and keeps working when a
// repository from before application roles moves an application into its role.

#include "net/directorysource.h"
#include "policy/channels.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/repositoryclient.h"
#include "json/jsonparser.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
const QDateTime kNow = kStart.addSecs(3600);

// An installation's client: following `channel` (and the more stable ones) for `app`.
struct Client {
    Client(const TestRepository& repository, const QString& app, const QString& channel = u"stable"_s)
        : stateFile(dir.filePath(u"trusted-metadata.json"_s))
        , client({std::make_shared<DirectorySource>(repository.path())}, stateFile)
    {
        if (!RepositoryClient::trustRoot(stateFile, repository.initialRoot()))
            qFatal("cannot trust the root");
        client.setRequiredRoles([channel](const TrustedSet& trusted, const QString& role) {
            return Channels(trusted).isFollowed(role, channel);
        });
        client.setTargetFolder(app);
    }

    [[nodiscard]] QStringList visible(const QString& channel = u"stable"_s)
    {
        QStringList paths;
        auto targets = Channels(**client.trusted()).visibleTargets(channel);
        if (!targets)
            qFatal("%s", qPrintable(targets.error().message));
        for (const auto& [path, target] : *targets)
            paths.append(path);
        return paths;
    }

    QTemporaryDir dir;
    QString stateFile;
    RepositoryClient client;
};

void addRelease(RepositoryWriter& writer, const QString& channel, const QString& app, const QString& version)
{
    const QString path = app + u'/' + version + u"/manifest.json"_s;
    auto added = writer.addTarget(channel, path, (u"{\"app\":\"%1\",\"v\":\"%2\"}"_s.arg(app, version)).toUtf8(),
        JsonObject{{"version", version.toStdString()}});
    if (!added)
        qFatal("%s", qPrintable(added.error().message));
}

// The role's own target list, signed again by the role's keys with `path` added (what a holder of
// that role's key could do).
TestRepository::Edit listing(const QString& path, const QByteArray& content)
{
    return [path, content](JsonObject& part) {
        JsonObject targets = part.at("targets").toObject();
        targets.insert_or_assign(path.toStdString(), TargetFileInfo::describe(content, {}).toJson());
        part.insert_or_assign("targets", targets);
    };
}

} // namespace

class TestAppRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void releasesGoToTheApplicationsRole();
    void aClientLoadsOnlyItsApplicationsRoles();
    void manyApplicationsDoNotReachTheLimit();
    void aRoleCannotSignOutsideItsPaths();
    void aDelegatedRoleCannotOverrideItsDelegator();
    void aRepositoryFromBeforeApplicationRolesMigrates();
    void anApplicationKeySignsThatApplicationOnly();
    void rotatingTheChannelKeyMovesItsApplications();
};

void TestAppRoles::releasesGoToTheApplicationsRole()
{
    TestRepository repository(kStart);
    QCOMPARE(repository.version(u"stable.demo"_s), 1);
    repository.publish(kNow, [](RepositoryWriter& writer) { addRelease(writer, u"stable"_s, u"other"_s, u"1.0.0"_s); });
    const qint64 stable = repository.version(u"stable"_s);
    // A release of an application that has its role changes that role alone (and snapshot, timestamp).
    repository.publish(kNow, [](RepositoryWriter& writer) { addRelease(writer, u"stable"_s, u"other"_s, u"1.1.0"_s); });
    QCOMPARE(repository.version(u"stable"_s), stable);
    QCOMPARE(repository.version(u"stable.demo"_s), 1);
    QCOMPARE(repository.version(u"stable.other"_s), 2);
    QVERIFY(!QFile::exists(repository.metadataPath(u"%1.stable.json"_s.arg(stable + 1))));
    QVERIFY(!QFile::exists(repository.metadataPath(u"2.stable.demo.json"_s)));

    KeyRing noKeys(std::vector<KeyStore>{});
    auto writer = RepositoryWriter::open(repository.path(), noKeys);
    UPKEEP_VERIFY_OK(writer);
    QCOMPARE(writer->appRoles(u"stable"_s), (QStringList{u"stable.demo"_s, u"stable.other"_s}));
    QVERIFY(writer->role(u"stable"_s)->targets.empty());
    QCOMPARE(writer->channelTargets(u"stable"_s).size(), size_t(3));
    const DelegatedRole* delegation = writer->role(u"stable"_s)->delegatedRole(u"stable.other"_s);
    QCOMPARE(*delegation->paths, QStringList{u"other/*/*"_s});
    // The snapshot names delegated roles by version alone.
    const JsonValue snapshot
        = *JsonParser()
               .parse(repository.metadata(u"%1.snapshot.json"_s.arg(repository.version(u"snapshot"_s))))
               ->find("signed");
    QCOMPARE(snapshot.find("meta")->find("stable.other.json")->toObject().size(), size_t(1));
    QVERIFY(snapshot.find("meta")->find("targets.json")->find("hashes") != nullptr);
}

void TestAppRoles::aClientLoadsOnlyItsApplicationsRoles()
{
    TestRepository repository(kStart);
    repository.publish(kNow, [](RepositoryWriter& writer) {
        addRelease(writer, u"stable"_s, u"other"_s, u"1.0.0"_s);
        addRelease(writer, u"beta"_s, u"demo"_s, u"1.1.0-beta.1"_s);
        addRelease(writer, u"nightly"_s, u"demo"_s, u"1.2.0-dev.1"_s);
    });
    Client demo(repository, u"demo"_s, u"beta"_s);
    UPKEEP_VERIFY_OK(demo.client.refresh(kNow));
    // Nightly is not followed but loads when it can, within the folder too.
    QCOMPARE((*demo.client.trusted())->targetsRoles(),
        (QStringList{
            u"beta"_s, u"beta.demo"_s, u"nightly"_s, u"nightly.demo"_s, u"stable"_s, u"stable.demo"_s, u"targets"_s}));
    QCOMPARE(
        demo.visible(u"beta"_s), (QStringList{u"demo/1.0.0/manifest.json"_s, u"demo/1.1.0-beta.1/manifest.json"_s}));
    UPKEEP_VERIFY_OK((*demo.client.trusted())->findTarget(u"demo/1.2.0-dev.1/manifest.json"_s));
    UPKEEP_VERIFY_OK(demo.client.fetchTarget(u"demo/1.1.0-beta.1/manifest.json"_s));

    // Another application's release: the snapshot and timestamp change, nothing this client loads.
    const QByteArray before = readTestFile(demo.stateFile);
    repository.publish(kNow, [](RepositoryWriter& writer) { addRelease(writer, u"stable"_s, u"other"_s, u"1.1.0"_s); });
    UPKEEP_VERIFY_OK(demo.client.refresh(kNow));
    QCOMPARE((*demo.client.trusted())->targets(u"stable.demo"_s)->header.version, 1);
    QVERIFY(readTestFile(demo.stateFile) != before);

    Client other(repository, u"other"_s);
    UPKEEP_VERIFY_OK(other.client.refresh(kNow));
    QCOMPARE(other.visible(), (QStringList{u"other/1.0.0/manifest.json"_s, u"other/1.1.0/manifest.json"_s}));
    QVERIFY(!(*other.client.trusted())->targets(u"stable.demo"_s));
}

void TestAppRoles::manyApplicationsDoNotReachTheLimit()
{
    // More applications than a lookup may load roles: each client loads its own; a full check all.
    TestRepository repository(kStart);
    repository.publish(kNow, [](RepositoryWriter& writer) {
        for (int i = 0; i < 40; ++i)
            addRelease(writer, u"stable"_s, u"app%1"_s.arg(i), u"1.0.0"_s);
    });
    Client app(repository, u"app39"_s);
    UPKEEP_VERIFY_OK(app.client.refresh(kNow));
    QCOMPARE(app.visible(), QStringList{u"app39/1.0.0/manifest.json"_s});
    QVERIFY((*app.client.trusted())->targetsRoles().size() <= 6);

    QTemporaryDir dir;
    RepositoryClient full({std::make_shared<DirectorySource>(repository.path())}, dir.filePath(u"state.json"_s));
    UPKEEP_VERIFY_OK(RepositoryClient::trustRoot(dir.filePath(u"state.json"_s), repository.initialRoot()));
    UPKEEP_VERIFY_OK(full.refresh(kNow));
    QCOMPARE((*full.trusted())->targetsRoles().size(), qsizetype(4 + 41));
    auto audit = full.verifyAllTargets();
    UPKEEP_VERIFY_OK(audit);
    QCOMPARE(audit->verified, 41);
}

void TestAppRoles::aRoleCannotSignOutsideItsPaths()
{
    // stable.demo's key lists a release of "other": no client takes it, from that role or at all.
    TestRepository repository(kStart);
    repository.publish(kNow, [](RepositoryWriter& writer) { addRelease(writer, u"stable"_s, u"other"_s, u"1.0.0"_s); });
    repository.resign(u"stable.demo"_s, listing(u"other/6.6.6/manifest.json"_s, "evil"));
    Client other(repository, u"other"_s);
    UPKEEP_VERIFY_OK(other.client.refresh(kNow));
    QCOMPARE(other.visible(), QStringList{u"other/1.0.0/manifest.json"_s});
    Client demo(repository, u"demo"_s);
    UPKEEP_VERIFY_OK(demo.client.refresh(kNow));
    QCOMPARE(demo.visible(), QStringList{u"demo/1.0.0/manifest.json"_s});
    UPKEEP_VERIFY_ERROR((*demo.client.trusted())->findTarget(u"other/6.6.6/manifest.json"_s), Error::Code::NotFound);
}

void TestAppRoles::aDelegatedRoleCannotOverrideItsDelegator()
{
    // The channel lists demo/1.0.0 itself, and its application role another file of that name: the
    // search meets the channel's entry first.
    TestRepository repository(kStart);
    const QByteArray original = R"({"files":[]})";
    repository.resign(u"stable"_s, listing(u"demo/1.0.0/manifest.json"_s, original));
    repository.resign(u"stable.demo"_s, listing(u"demo/1.0.0/manifest.json"_s, "replaced"));
    Client demo(repository, u"demo"_s);
    UPKEEP_VERIFY_OK(demo.client.refresh(kNow));
    const auto found = (*demo.client.trusted())->findTarget(u"demo/1.0.0/manifest.json"_s);
    UPKEEP_VERIFY_OK(found);
    QCOMPARE(found->role, u"stable"_s);
    UPKEEP_VERIFY_OK(found->info.verify(original, u"manifest"_s));
    auto visible = Channels(**demo.client.trusted()).targetsOf(u"stable"_s);
    UPKEEP_VERIFY_OK(visible.at(u"demo/1.0.0/manifest.json"_s).verify(original, u"manifest"_s));
}

void TestAppRoles::aRepositoryFromBeforeApplicationRolesMigrates()
{
    // "legacy" as a repository from before application roles has it: in the channel's own targets.
    TestRepository repository(kStart);
    const QByteArray content = R"({"app":"legacy","v":"1.0.0"})";
    repository.resign(u"stable"_s, listing(u"legacy/1.0.0/manifest.json"_s, content));
    Client legacy(repository, u"legacy"_s);
    UPKEEP_VERIFY_OK(legacy.client.refresh(kNow));
    QCOMPARE(legacy.visible(), QStringList{u"legacy/1.0.0/manifest.json"_s});
    const qint64 stable = repository.version(u"stable"_s);

    // Its next release moves its releases into stable.legacy, with the channel re-signed once.
    repository.publish(
        kNow, [](RepositoryWriter& writer) { addRelease(writer, u"stable"_s, u"legacy"_s, u"2.0.0"_s); });
    QCOMPARE(repository.version(u"stable"_s), stable + 1);
    QCOMPARE(repository.version(u"stable.legacy"_s), 1);
    UPKEEP_VERIFY_OK(legacy.client.refresh(kNow));
    QCOMPARE(legacy.visible(), (QStringList{u"legacy/1.0.0/manifest.json"_s, u"legacy/2.0.0/manifest.json"_s}));
    QCOMPARE((*legacy.client.trusted())->findTarget(u"legacy/1.0.0/manifest.json"_s)->role, u"stable.legacy"_s);
    QVERIFY((*legacy.client.trusted())->targets(u"stable"_s)->targets.empty());

    // And the one after changes stable.legacy alone.
    repository.publish(
        kNow, [](RepositoryWriter& writer) { addRelease(writer, u"stable"_s, u"legacy"_s, u"2.1.0"_s); });
    QCOMPARE(repository.version(u"stable"_s), stable + 1);
    UPKEEP_VERIFY_OK(legacy.client.refresh(kNow));
    QCOMPARE(legacy.visible().size(), 3);
}

void TestAppRoles::anApplicationKeySignsThatApplicationOnly()
{
    TestRepository repository(kStart);
    repository.publish(kNow, [](RepositoryWriter& writer) {
        addRelease(writer, u"stable"_s, u"other"_s, u"1.0.0"_s);
        auto added = writer.rotateKey(u"stable.demo"_s);
        UPKEEP_VERIFY_OK(added);
        // The channel's key stays the channel's.
        QVERIFY(!writer.role(u"stable"_s)
                     ->delegatedRole(u"stable.demo"_s)
                     ->keys.keyIds.contains(
                         writer.role(u"stable"_s)->delegatedRole(u"stable.other"_s)->keys.keyIds.first()));
    });
    QCOMPARE(repository.keysOf(u"stable"_s, true).size(), size_t(0));

    // Without the channel's key, the team holding demo's key publishes demo and nothing else.
    QTemporaryDir teamFolder;
    for (const SigningKey& key : repository.keysOf(u"stable.demo"_s))
        QVERIFY(QFile::copy(repository.keysPath() + u"/stable.demo.%1.pem"_s.arg(key.publicKey().keyId()),
            teamFolder.filePath(u"stable.demo.%1.pem"_s.arg(key.publicKey().keyId()))));
    for (const QString& role : {u"snapshot"_s, u"timestamp"_s}) {
        for (const SigningKey& key : repository.keysOf(role))
            QVERIFY(QFile::copy(repository.keysPath() + u"/%1.%2.pem"_s.arg(role, key.publicKey().keyId()),
                teamFolder.filePath(u"%1.%2.pem"_s.arg(role, key.publicKey().keyId()))));
    }
    KeyRing team({KeyStore(teamFolder.path(), KeyStore::NewKeys::Unencrypted)});
    {
        auto writer = RepositoryWriter::open(repository.path(), team);
        UPKEEP_VERIFY_OK(writer);
        addRelease(*writer, u"stable"_s, u"demo"_s, u"2.0.0"_s);
        UPKEEP_VERIFY_OK(writer->commit(kNow));
    }
    {
        auto writer = RepositoryWriter::open(repository.path(), team);
        UPKEEP_VERIFY_OK(writer);
        addRelease(*writer, u"stable"_s, u"other"_s, u"2.0.0"_s);
        UPKEEP_VERIFY_ERROR(writer->commit(kNow), Error::Code::NotFound);
    }
    Client demo(repository, u"demo"_s);
    UPKEEP_VERIFY_OK(demo.client.refresh(kNow));
    QCOMPARE(demo.visible(), (QStringList{u"demo/1.0.0/manifest.json"_s, u"demo/2.0.0/manifest.json"_s}));
}

void TestAppRoles::rotatingTheChannelKeyMovesItsApplications()
{
    // Application roles signed by the channel's key follow the channel to its new key.
    TestRepository repository(kStart);
    repository.publish(kNow, [](RepositoryWriter& writer) { UPKEEP_VERIFY_OK(writer.rotateKey(u"stable"_s)); });
    repository.publish(kNow, [](RepositoryWriter& writer) { addRelease(writer, u"stable"_s, u"demo"_s, u"2.0.0"_s); });
    Client demo(repository, u"demo"_s);
    UPKEEP_VERIFY_OK(demo.client.refresh(kNow));
    QCOMPARE(demo.visible().size(), 2);
}

QTEST_GUILESS_MAIN(TestAppRoles)
#include "tst_approles.moc"
