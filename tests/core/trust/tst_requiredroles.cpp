// A refresh needs the roles its caller follows and takes the others as they come: a broken
// channel nobody here follows is left out of the trusted set (its earlier copy too) and the
// refresh succeeds; a broken channel the caller follows fails it; a channel with many delegations
// cannot crowd out the ones that matter; without a choice every role is needed.

#include "net/directorysource.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/repositoryclient.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
const QDateTime kNow = kStart.addSecs(3600);

using Breakage = std::function<void(TestRepository&)>;

// The roles a subscriber of `channel` follows, as an installation says it (most stable first).
RepositoryClient::RequiredRoles following(const QString& channel)
{
    return [channel](const TrustedSet& trusted, const QString& role) {
        QStringList names;
        for (const DelegatedRole& delegation : trusted.targets()->delegations->roles)
            names.append(delegation.name);
        return names.indexOf(role) <= names.indexOf(channel);
    };
}

struct Client {
    explicit Client(const TestRepository& repository)
        : stateFile(dir.filePath(u"trusted-metadata.json"_s))
        , client({std::make_shared<DirectorySource>(repository.path())}, stateFile)
    {
        if (!RepositoryClient::trustRoot(stateFile, repository.initialRoot()))
            qFatal("cannot trust the root");
    }

    QByteArray state() const { return readTestFile(stateFile); }

    QTemporaryDir dir;
    QString stateFile;
    RepositoryClient client;
};

QStringList names(const QString& prefix, int count)
{
    QStringList names;
    for (int i = 0; i < count; ++i)
        names.append(prefix + QString::number(i));
    return names;
}

} // namespace

Q_DECLARE_METATYPE(Breakage)

class TestRequiredRoles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void brokenChannel_data();
    void brokenChannel();
    void manyDelegationsCannotCrowdOutFollowedRoles();
    void channelsComeThroughTheTopLevelDelegation();
    void withoutAChoiceEveryRoleIsNeeded();
};

void TestRequiredRoles::brokenChannel_data()
{
    QTest::addColumn<Breakage>("breakNightly");
    QTest::addColumn<QString>("error");

    QTest::newRow("signed by another key")
        << Breakage([](TestRepository& repository) { repository.resign(u"nightly"_s, {}, u"beta"_s); })
        << u"2.nightly.json: nightly metadata has 0 valid signature(s) of the 1 its trusted keys require."_s;
    QTest::newRow("expired") << Breakage([](TestRepository& repository) {
        repository.resign(
            u"nightly"_s, [](JsonObject& part) { part.insert_or_assign("expires", "2026-06-01T00:30:00Z"); });
    }) << u"The nightly metadata expired on 2026-06-01 00:30 UTC."_s;
    // A new version the snapshot names but the server lacks (a version already trusted is kept
    // without asking for its file again).
    QTest::newRow("file missing") << Breakage([](TestRepository& repository) {
        repository.resign(u"nightly"_s);
        QFile::remove(repository.metadataPath(u"2.nightly.json"_s));
    }) << u"has no file metadata/2.nightly.json."_s;
    QTest::newRow("delegating to a role named snapshot") << Breakage([](TestRepository& repository) {
        repository.resign(u"nightly"_s, [](JsonObject& part) {
            part.insert_or_assign("delegations",
                JsonObject{{"keys", JsonObject{}},
                    {"roles",
                        JsonArray{JsonObject{{"name", "snapshot"}, {"keyids", JsonArray{}}, {"threshold", 1},
                            {"paths", JsonArray{"*"}}}}}});
        });
    }) << u"2.nightly.json: signed.delegations.roles[0].name is \"snapshot\", the name of a top-level role"_s;
}

void TestRequiredRoles::brokenChannel()
{
    QFETCH(Breakage, breakNightly);
    QFETCH(QString, error);

    TestRepository repository(kStart);
    Client stable(repository);
    stable.client.setRequiredRoles(following(u"stable"_s));
    UPKEEP_VERIFY_OK(stable.client.refresh(kNow));
    QVERIFY((*stable.client.trusted())->targets(u"nightly"_s) != nullptr);

    breakNightly(repository);

    // Stable: the refresh succeeds, and nightly's earlier copy is gone from memory and disk.
    UPKEEP_VERIFY_OK(stable.client.refresh(kNow));
    const TrustedSet* trusted = *stable.client.trusted();
    QCOMPARE(trusted->targetsRoles(), (QStringList{u"beta"_s, u"stable"_s, u"stable.demo"_s, u"targets"_s}));
    QVERIFY(trusted->findTarget(u"demo/1.0.0/manifest.json"_s).has_value());
    auto reloaded = TrustedSet::load(stable.state());
    UPKEEP_VERIFY_OK(reloaded);
    QCOMPARE(reloaded->targetsRoles(), trusted->targetsRoles());

    // Nightly: the refresh fails with what is wrong, and the trusted metadata stays as it was.
    Client nightly(repository);
    nightly.client.setRequiredRoles(following(u"nightly"_s));
    const QByteArray before = nightly.state();
    auto refreshed = nightly.client.refresh(kNow);
    QVERIFY(!refreshed.has_value());
    QVERIFY2(refreshed.error().message.contains(error), qPrintable(refreshed.error().message));
    QCOMPARE(nightly.state(), before);
}

void TestRequiredRoles::manyDelegationsCannotCrowdOutFollowedRoles()
{
    // Nightly, listed first, delegates to 40 roles that a breadth-first walk of the delegations
    // meets before stable's own; stable's delegations still load, nightly's fill what is left.
    TestRepository repository(kStart, RepositoryWriter::InitOptions{.channels = {u"nightly"_s, u"stable"_s}});
    repository.delegate(u"nightly"_s, names(u"n"_s, 40));
    repository.delegate(u"stable"_s, names(u"s"_s, 5));

    // The limit bounds the roles one application's lookup loads: all of these may list demo's files.
    Client stable(repository);
    stable.client.setRequiredRoles([](const TrustedSet&, const QString& role) { return role == u"stable"_s; });
    stable.client.setTargetFolder(u"demo"_s);
    UPKEEP_VERIFY_OK(stable.client.refresh(kNow));
    const QStringList loaded = (*stable.client.trusted())->targetsRoles();
    QCOMPARE(loaded.size(), TrustedSet::kMaxDelegations);
    for (const QString& role : QStringList{u"targets"_s, u"stable"_s} + names(u"s"_s, 5))
        QVERIFY2(loaded.contains(role), qPrintable(role));
    QVERIFY(loaded.contains(u"nightly"_s));

    // Who follows nightly needs all 40: more than the limit, said clearly.
    Client nightly(repository);
    nightly.client.setRequiredRoles([](const TrustedSet&, const QString& role) { return role == u"nightly"_s; });
    nightly.client.setTargetFolder(u"demo"_s);
    auto refreshed = nightly.client.refresh(kNow);
    UPKEEP_VERIFY_ERROR(refreshed, Error::Code::LimitExceeded);
    QCOMPARE(refreshed.error().message, u"The repository delegates to more than 32 roles."_s);
}

void TestRequiredRoles::channelsComeThroughTheTopLevelDelegation()
{
    // Stable's key delegates to a role it calls nightly. Nightly is still the role the top-level
    // targets role delegates to, with its keys, though the refresh loads stable's delegations first.
    TestRepository repository(kStart);
    const PublicKey stableKey = repository.keysOf(u"stable"_s).front().publicKey();
    repository.resign(u"stable"_s, [&stableKey](JsonObject& part) {
        part.insert_or_assign("delegations",
            JsonObject{{"keys", JsonObject{{stableKey.keyId().toStdString(), stableKey.toTuf()}}},
                {"roles",
                    JsonArray{JsonObject{{"name", "nightly"}, {"keyids", JsonArray{stableKey.keyId()}},
                        {"threshold", 1}, {"paths", JsonArray{"*/*/*"}}}}}});
    });
    Client stable(repository);
    stable.client.setRequiredRoles(following(u"stable"_s));
    UPKEEP_VERIFY_OK(stable.client.refresh(kNow));
    QCOMPARE(
        (*stable.client.trusted())->targetsRoles(), (QStringList{u"beta"_s, u"nightly"_s, u"stable"_s, u"targets"_s}));
}

void TestRequiredRoles::withoutAChoiceEveryRoleIsNeeded()
{
    // A publisher's or auditor's check (upkeep-publish verify) needs every role.
    TestRepository repository(kStart);
    repository.resign(u"nightly"_s, {}, u"beta"_s);
    Client client(repository);
    auto refreshed = client.client.refresh(kNow);
    UPKEEP_VERIFY_ERROR(refreshed, Error::Code::BadSignature);
    QCOMPARE(refreshed.error().message,
        u"2.nightly.json: nightly metadata has 0 valid signature(s) of the 1 its trusted keys require."_s);
}

QTEST_GUILESS_MAIN(TestRequiredRoles)
#include "tst_requiredroles.moc"
