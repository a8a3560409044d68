// The writer's changes that carry the publisher's identity: the anchor in a new root version signed
// by the old root's keys, which a client refreshing across it trusts; the revocation list as a target
// of the top-level role, found before the channels' `*/*/*`; and targets that change (a manifest's
// signature, the list) replaced on every role that lists them; and a release's rollout changed on one
// channel, as a staged rollout advances or halts.

#include "net/directorysource.h"
#include "release/repositorypaths.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/repositoryclient.h"
#include "trust/signedmetadata.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const PublisherAnchor kAnchor{u"Example GmbH"_s, QByteArray::fromHex("3082010a0201")};
const QString kSignature = u"demo/1.0.0/manifest.json.p7s"_s;

// A client that trusts the repository's first root, as `upkeep add` leaves one.
class Client
{
public:
    explicit Client(const TestRepository& repository)
    {
        if (auto trusted = RepositoryClient::trustRoot(stateFile(), repository.initialRoot()); !trusted)
            qFatal("%s", qPrintable(trusted.error().message));
        m_client = std::make_unique<RepositoryClient>(
            std::vector<std::shared_ptr<RepositorySource>>{std::make_shared<DirectorySource>(repository.path())},
            stateFile());
    }
    RepositoryClient& operator*() { return *m_client; }
    RepositoryClient* operator->() { return m_client.get(); }

private:
    [[nodiscard]] QString stateFile() const { return m_state.filePath(u"trusted.json"_s); }

    QTemporaryDir m_state;
    std::unique_ptr<RepositoryClient> m_client;
};

} // namespace

class TestRepositoryWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publisherInNewRootSignedByOldKeys();
    void unchangedPublisherSignsNoRoot();
    void publisherRemoved();
    void revocationListOnTopLevelRole();
    void topLevelRoleRefusesReleasePaths_data();
    void topLevelRoleRefusesReleasePaths();
    void replaceTargetOnEveryChannel();
    void replaceUnknownTarget();
    void targetsListsEveryRole();
    void rolloutSetOnOneChannel();
    void promotionLeavesTheRolloutBehind();
    void rolloutRefused_data();
    void rolloutRefused();
    void releaseFactSetAndRemoved();
    void pruneKeepsTheNewestAndTheirSteps();
    void pruneRefused_data();
    void pruneRefused();

private:
    const QDateTime m_now = QDateTime::currentDateTimeUtc();
};

void TestRepositoryWriter::publisherInNewRootSignedByOldKeys()
{
    TestRepository repository(m_now);
    const RootMetadata first = *RootMetadata::fromSigned(
        SignedMetadata::parse(repository.initialRoot(), u"1.root.json"_s)->signedPart(), u"1.root.json"_s);
    Client client(repository);
    UPKEEP_VERIFY_OK(client->refresh(m_now));

    // The anchor comes with a root key rotation, so that the old and the new keys differ.
    repository.publish(m_now, [](RepositoryWriter& writer) {
        writer.setPublisher(kAnchor);
        UPKEEP_VERIFY_OK(writer.rotateKey(u"root"_s));
    });
    QCOMPARE(repository.version(u"root"_s), 2);

    auto second = SignedMetadata::parse(repository.metadata(u"2.root.json"_s), u"2.root.json"_s);
    UPKEEP_VERIFY_OK(second);
    auto secondRoot = RootMetadata::fromSigned(second->signedPart(), u"2.root.json"_s);
    UPKEEP_VERIFY_OK(secondRoot);
    QVERIFY(secondRoot->publisher == kAnchor);
    QVERIFY(secondRoot->role(u"root"_s).keyIds != first.role(u"root"_s).keyIds);
    UPKEEP_VERIFY_OK(second->verify(first.keys, first.role(u"root"_s), u"root"_s));
    UPKEEP_VERIFY_OK(second->verify(secondRoot->keys, secondRoot->role(u"root"_s), u"root"_s));

    UPKEEP_VERIFY_OK(client->refresh(m_now));
    auto trusted = client->trusted();
    UPKEEP_VERIFY_OK(trusted);
    QCOMPARE((*trusted)->root().header.version, 2);
    QVERIFY((*trusted)->root().publisher == kAnchor);

    // A client that starts from the first root follows the chain to the anchor as well.
    Client fresh(repository);
    UPKEEP_VERIFY_OK(fresh->refresh(m_now));
    QVERIFY((*fresh->trusted())->root().publisher == kAnchor);
}

void TestRepositoryWriter::unchangedPublisherSignsNoRoot()
{
    TestRepository repository(m_now);
    repository.publish(m_now, [](RepositoryWriter& writer) { writer.setPublisher(kAnchor); });
    QCOMPARE(repository.version(u"root"_s), 2);
    repository.publish(m_now, [](RepositoryWriter& writer) { writer.setPublisher(kAnchor); });
    QCOMPARE(repository.version(u"root"_s), 2);
    repository.publish(m_now, [](RepositoryWriter& writer) { writer.setPublisher(std::nullopt); });
    QCOMPARE(repository.version(u"root"_s), 3);
}

void TestRepositoryWriter::publisherRemoved()
{
    TestRepository repository(m_now);
    repository.publish(m_now, [](RepositoryWriter& writer) { writer.setPublisher(kAnchor); });
    repository.publish(m_now, [](RepositoryWriter& writer) {
        QVERIFY(writer.root().publisher == kAnchor);
        writer.setPublisher(std::nullopt);
    });
    QVERIFY(!repository.metadata(u"3.root.json"_s).contains("upkeep_publisher"));
    Client client(repository);
    UPKEEP_VERIFY_OK(client->refresh(m_now));
    QCOMPARE((*client->trusted())->root().header.version, 3);
    QVERIFY(!(*client->trusted())->root().publisher);
}

void TestRepositoryWriter::revocationListOnTopLevelRole()
{
    TestRepository repository(m_now);
    const QString path = RepositoryPaths::revocationList();
    const QByteArray first = "first list"_ba;
    const QByteArray second = "second list, number 2"_ba;
    repository.publish(
        m_now, [&](RepositoryWriter& writer) { UPKEEP_VERIFY_OK(writer.addTarget(u"targets"_s, path, first, {})); });

    Client client(repository);
    UPKEEP_VERIFY_OK(client->refresh(m_now));
    auto trusted = client->trusted();
    UPKEEP_VERIFY_OK(trusted);
    QCOMPARE((*trusted)->targets()->delegations->roles.front().paths, QStringList{u"*/*/*"_s});
    auto found = (*trusted)->findTarget(path);
    UPKEEP_VERIFY_OK(found);
    QCOMPARE(found->role, u"targets"_s);
    auto bytes = client->fetchTarget(path);
    UPKEEP_VERIFY_OK(bytes);
    QCOMPARE(*bytes, first);

    // The same content again changes nothing; other content goes through replaceTarget.
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.addTarget(u"targets"_s, path, first, {}));
        UPKEEP_VERIFY_ERROR(writer.addTarget(u"targets"_s, path, second, {}), Error::Code::Usage);
        auto replaced = writer.replaceTarget(path, second);
        UPKEEP_VERIFY_OK(replaced);
        QCOMPARE(*replaced, 1);
    });
    UPKEEP_VERIFY_OK(client->refresh(m_now));
    bytes = client->fetchTarget(path);
    UPKEEP_VERIFY_OK(bytes);
    QCOMPARE(*bytes, second);
    auto audit = client->verifyAllTargets();
    UPKEEP_VERIFY_OK(audit);
    QVERIFY(audit->problems.empty());
}

void TestRepositoryWriter::topLevelRoleRefusesReleasePaths_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    QTest::newRow("a release's file") << u"targets"_s << u"demo/2.0.0/manifest.json"_s
                                      << u"The target path \"demo/2.0.0/manifest.json\" belongs to the channels "
                                         "(stable); the top-level targets role lists only files outside releases."_s;
    QTest::newRow("leaves the repository")
        << u"targets"_s << u"../ca.crl"_s
        << u"The target path \"../ca.crl\" must be relative, without empty, \".\" or \"..\" parts or backslashes."_s;
    QTest::newRow("no such role") << u"timestamp"_s << u"publisher/ca.crl"_s
                                  << u"There is no channel \"timestamp\"; the channels are: stable, beta, nightly."_s;
    QTest::newRow("the list on a channel")
        << u"stable"_s << u"publisher/ca.crl"_s
        << u"The target path \"publisher/ca.crl\" is not of the form APP/VERSION/FILE."_s;
}

void TestRepositoryWriter::topLevelRoleRefusesReleasePaths()
{
    QFETCH(QString, role);
    QFETCH(QString, path);
    QFETCH(QString, message);

    TestRepository repository(m_now);
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    auto added = writer->addTarget(role, path, "content"_ba, {});
    QVERIFY2(!added, "accepted");
    QCOMPARE(added.error().message, message);
}

void TestRepositoryWriter::replaceTargetOnEveryChannel()
{
    TestRepository repository(m_now);
    const JsonObject custom{{"kind", "signature"}};
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.addTarget(u"stable"_s, kSignature, "signed by the old certificate"_ba, custom));
        UPKEEP_VERIFY_OK(writer.promote(u"demo"_s, u"1.0.0"_s, u"beta"_s));
    });
    const QByteArray resigned = "signed by the replacement certificate"_ba;
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        auto replaced = writer.replaceTarget(kSignature, resigned);
        UPKEEP_VERIFY_OK(replaced);
        QCOMPARE(*replaced, 2);
    });

    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    const TargetFileInfo expected = TargetFileInfo::describe(resigned, custom);
    for (const QString& channel : {u"stable"_s, u"beta"_s}) {
        const std::map<QString, TargetFileInfo> targets = writer->channelTargets(channel);
        const auto it = targets.find(kSignature);
        QVERIFY(it != targets.end());
        QVERIFY(it->second.hashes == expected.hashes);
        QCOMPARE(it->second.custom, expected.custom);
    }
    QVERIFY(!writer->channelTargets(u"nightly"_s).contains(kSignature));

    Client client(repository);
    UPKEEP_VERIFY_OK(client->refresh(m_now));
    auto bytes = client->fetchTarget(kSignature);
    UPKEEP_VERIFY_OK(bytes);
    QCOMPARE(*bytes, resigned);
}

void TestRepositoryWriter::replaceUnknownTarget()
{
    TestRepository repository(m_now);
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    auto replaced = writer->replaceTarget(kSignature, "x"_ba);
    UPKEEP_VERIFY_ERROR(replaced, Error::Code::NotFound);
    QCOMPARE(replaced.error().message, u"No role lists %1; there is nothing to replace."_s.arg(kSignature));
}

void TestRepositoryWriter::targetsListsEveryRole()
{
    TestRepository repository(m_now);
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.addTarget(u"targets"_s, RepositoryPaths::revocationList(), "list"_ba, {}));
        UPKEEP_VERIFY_OK(writer.addTarget(u"stable"_s, kSignature, "signature"_ba, {}));
        UPKEEP_VERIFY_OK(writer.promote(u"demo"_s, u"1.0.0"_s, u"nightly"_s));
    });
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    QStringList listed;
    for (const RepositoryWriter::Target& target : writer->targets())
        listed.append(target.role + u' ' + target.path);
    QCOMPARE(listed,
        (QStringList{u"targets publisher/ca.crl"_s, u"stable demo/1.0.0/manifest.json"_s, u"stable "_s + kSignature,
            u"nightly demo/1.0.0/manifest.json"_s, u"nightly "_s + kSignature}));
}

void TestRepositoryWriter::rolloutSetOnOneChannel()
{
    TestRepository repository(m_now);
    const QString manifest = u"demo/1.0.0/manifest.json"_s;
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.promote(u"demo"_s, u"1.0.0"_s, u"beta"_s));
        auto before = writer.setRollout(u"demo"_s, u"1.0.0"_s, u"stable"_s, 25);
        UPKEEP_VERIFY_OK(before);
        QCOMPARE(*before, 100); // none set: offered to all
    });
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        auto before = writer.setRollout(u"demo"_s, u"1.0.0"_s, u"stable"_s, 0); // halted
        UPKEEP_VERIFY_OK(before);
        QCOMPARE(*before, 25);
    });

    // Signed into the channel for clients, the release's other facts kept, the other channel untouched.
    Client client(repository);
    UPKEEP_VERIFY_OK(client->refresh(m_now));
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    const JsonValue stable = writer->channelTargets(u"stable"_s).at(manifest).custom;
    QCOMPARE(stable, JsonValue(JsonObject{{"rollout", 0}, {"version", "1.0.0"}}));
    QCOMPARE(writer->channelTargets(u"beta"_s).at(manifest).custom, JsonValue(JsonObject{{"version", "1.0.0"}}));
    auto bytes = client->fetchTarget(manifest);
    UPKEEP_VERIFY_OK(bytes);
}

void TestRepositoryWriter::promotionLeavesTheRolloutBehind()
{
    TestRepository repository(m_now);
    const QString manifest = u"demo/1.0.0/manifest.json"_s;
    const JsonValue plan(JsonObject{{"steps", JsonArray{5, 100}}, {"halted", true}});
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.setRollout(u"demo"_s, u"1.0.0"_s, u"stable"_s, 0));
        UPKEEP_VERIFY_OK(writer.setReleaseFact(u"demo"_s, u"1.0.0"_s, u"stable"_s, "rollout_plan", plan));
        UPKEEP_VERIFY_OK(writer.promote(u"demo"_s, u"1.0.0"_s, u"beta"_s));
    });
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    QCOMPARE(writer->channelTargets(u"stable"_s).at(manifest).custom,
        JsonValue(JsonObject{{"rollout", 0}, {"rollout_plan", plan}, {"version", "1.0.0"}}));
    QCOMPARE(writer->channelTargets(u"beta"_s).at(manifest).custom, JsonValue(JsonObject{{"version", "1.0.0"}}));
}

void TestRepositoryWriter::releaseFactSetAndRemoved()
{
    TestRepository repository(m_now);
    const QString manifest = u"demo/1.0.0/manifest.json"_s;
    const JsonValue plan(JsonObject{{"steps", JsonArray{5, 100}}});
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.setReleaseFact(u"demo"_s, u"1.0.0"_s, u"stable"_s, "rollout_plan", plan));
        UPKEEP_VERIFY_ERROR(
            writer.setReleaseFact(u"demo"_s, u"1.0.0"_s, u"beta"_s, "rollout_plan", plan), Error::Code::NotFound);
    });
    auto custom = [&] {
        KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
        auto writer = RepositoryWriter::open(repository.path(), keys);
        return writer ? writer->channelTargets(u"stable"_s).at(manifest).custom : JsonValue();
    };
    QCOMPARE(custom(), JsonValue(JsonObject{{"rollout_plan", plan}, {"version", "1.0.0"}}));
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        UPKEEP_VERIFY_OK(writer.setReleaseFact(u"demo"_s, u"1.0.0"_s, u"stable"_s, "rollout_plan", JsonValue()));
    });
    QCOMPARE(custom(), JsonValue(JsonObject{{"version", "1.0.0"}})); // removed, the other facts kept
}

void TestRepositoryWriter::rolloutRefused_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<int>("percent");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("over 100") << u"1.0.0"_s << u"stable"_s << 101 << Error::Code::Usage
                              << u"The rollout is a percentage from 0 to 100."_s;
    QTest::newRow("below 0") << u"1.0.0"_s << u"stable"_s << -1 << Error::Code::Usage
                             << u"The rollout is a percentage from 0 to 100."_s;
    QTest::newRow("no such channel") << u"1.0.0"_s << u"lts"_s << 50 << Error::Code::Usage
                                     << u"There is no channel \"lts\"."_s;
    QTest::newRow("not on that channel") << u"1.0.0"_s << u"beta"_s << 50 << Error::Code::NotFound
                                         << u"beta has no demo 1.0.0."_s;
    QTest::newRow("never published") << u"2.0.0"_s << u"stable"_s << 50 << Error::Code::NotFound
                                     << u"stable has no demo 2.0.0."_s;
}

void TestRepositoryWriter::rolloutRefused()
{
    QFETCH(QString, version);
    QFETCH(QString, channel);
    QFETCH(int, percent);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    TestRepository repository(m_now);
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    auto set = writer->setRollout(u"demo"_s, version, channel, percent);
    UPKEEP_VERIFY_ERROR(set, code);
    QCOMPARE(set.error().message, message);
}

void TestRepositoryWriter::pruneKeepsTheNewestAndTheirSteps()
{
    // 1.5.0 takes installations from 1.4.0 on, 1.4.0 from 1.2.0 on: an installation of 1.0.0 steps
    // through 1.2.0, so 1.2.0 stays with the two newest; 1.0.0, 1.1.0 and 1.3.0 go from stable only.
    TestRepository repository(m_now);
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        const std::vector<std::pair<QString, QString>> releases{{u"1.1.0"_s, {}}, {u"1.2.0"_s, {}},
            {u"1.3.0"_s, u"1.1.0"_s}, {u"1.4.0"_s, u"1.2.0"_s}, {u"1.5.0"_s, u"1.4.0"_s}};
        for (const auto& [version, minimum] : releases) {
            JsonObject custom{{"version", version.toStdString()}};
            if (!minimum.isEmpty())
                custom.insert_or_assign("min_from", minimum.toStdString());
            UPKEEP_VERIFY_OK(
                writer.addTarget(u"stable"_s, u"demo/%1/manifest.json"_s.arg(version), version.toUtf8(), custom));
            UPKEEP_VERIFY_OK(writer.addTarget(u"stable"_s, u"demo/%1/CHANGELOG.md"_s.arg(version), "notes", {}));
        }
        UPKEEP_VERIFY_OK(writer.promote(u"demo"_s, u"1.1.0"_s, u"beta"_s));
    });
    const qint64 stable = repository.version(u"stable"_s);
    repository.publish(m_now, [&](RepositoryWriter& writer) {
        auto dropped = writer.prune(u"demo"_s, u"stable"_s, 2);
        UPKEEP_VERIFY_OK(dropped);
        QCOMPARE(*dropped, (QStringList{u"1.3.0"_s, u"1.1.0"_s, u"1.0.0"_s}));
    });
    QCOMPARE(repository.version(u"stable"_s), stable); // the application's role alone changed
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    QStringList listed;
    for (const auto& [path, info] : writer->channelTargets(u"stable"_s))
        listed.append(path);
    QCOMPARE(listed,
        (QStringList{u"demo/1.2.0/CHANGELOG.md"_s, u"demo/1.2.0/manifest.json"_s, u"demo/1.4.0/CHANGELOG.md"_s,
            u"demo/1.4.0/manifest.json"_s, u"demo/1.5.0/CHANGELOG.md"_s, u"demo/1.5.0/manifest.json"_s}));
    QVERIFY(writer->channelTargets(u"beta"_s).contains(u"demo/1.1.0/manifest.json"_s));
    // The files stay for installations that are fetching them.
    QVERIFY(QFile::exists(repository.path() + u"/targets/demo/1.1.0"_s));
    // Nothing more to drop.
    auto again = writer->prune(u"demo"_s, u"stable"_s, 2);
    UPKEEP_VERIFY_OK(again);
    QVERIFY(again->isEmpty());
}

void TestRepositoryWriter::pruneRefused_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<int>("keep");
    QTest::newRow("no such channel") << u"edge"_s << 3;
    QTest::newRow("nothing kept") << u"stable"_s << 0;
}

void TestRepositoryWriter::pruneRefused()
{
    QFETCH(QString, channel);
    QFETCH(int, keep);
    TestRepository repository(m_now);
    KeyRing keys({KeyStore(repository.keysPath(), KeyStore::NewKeys::Unencrypted)});
    auto writer = RepositoryWriter::open(repository.path(), keys);
    UPKEEP_VERIFY_OK(writer);
    UPKEEP_VERIFY_ERROR(writer->prune(u"demo"_s, channel, keep), Error::Code::Usage);
    QCOMPARE(writer->channelTargets(u"stable"_s).size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestRepositoryWriter)
#include "tst_repositorywriter.moc"
