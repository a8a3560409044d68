// The client's trusted metadata as stored between runs: it reloads exactly, re-verifies what it
// reads (a stored file that no longer verifies is dropped rather than trusted), and refuses a
// root that does not sign itself.

#include "net/directorysource.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/repositoryclient.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTrustedSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void saveAndLoad();
    void storedRoleThatNoLongerVerifiesIsDropped();
    void rootMustSignItself();
    void findTargetFollowsDelegations();
};

namespace {
TrustedSet refreshed(const TestRepository& repository, const QDateTime& now)
{
    QTemporaryDir dir;
    const QString state = dir.filePath(u"trusted.json"_s);
    if (!RepositoryClient::trustRoot(state, repository.initialRoot()))
        qFatal("trustRoot failed");
    RepositoryClient client({std::make_shared<DirectorySource>(repository.path())}, state);
    if (auto done = client.refresh(now); !done)
        qFatal("refresh failed: %s", qPrintable(done.error().message));
    return **client.trusted();
}
} // namespace

void TestTrustedSet::saveAndLoad()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    const TrustedSet set = refreshed(repository, now);
    const QByteArray saved = set.save();
    auto loaded = TrustedSet::load(saved);
    UPKEEP_VERIFY_OK(loaded);
    QCOMPARE(loaded->save(), saved);
    QCOMPARE(
        loaded->targetsRoles(), (QStringList{u"beta"_s, u"nightly"_s, u"stable"_s, u"stable.demo"_s, u"targets"_s}));
    QCOMPARE(loaded->timestamp()->header.version, 1);
}

void TestTrustedSet::storedRoleThatNoLongerVerifiesIsDropped()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    JsonObject state = JsonParser().parse(refreshed(repository, now).save())->toObject();
    // Someone edits the stored snapshot: it must not become the floor for rollback checks.
    JsonObject snapshot = state.at("snapshot").toObject();
    JsonObject part = snapshot.at("signed").toObject();
    part.insert_or_assign("version", 99);
    snapshot.insert_or_assign("signed", part);
    state.insert_or_assign("snapshot", snapshot);
    auto loaded = TrustedSet::load(prettyJson(state));
    UPKEEP_VERIFY_OK(loaded);
    QVERIFY(loaded->snapshot() == nullptr);
    QVERIFY(loaded->timestamp() != nullptr);
}

void TestTrustedSet::rootMustSignItself()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    QByteArray root = repository.initialRoot();
    root.replace("\"consistent_snapshot\": true", "\"consistent_snapshot\": false");
    auto set = TrustedSet::fromRoot(root);
    UPKEEP_VERIFY_ERROR(set, Error::Code::BadSignature);
    QCOMPARE(set.error().message, u"root metadata has 0 valid signature(s) of the 1 its trusted keys require."_s);

    auto garbage = TrustedSet::load("not json"_ba);
    UPKEEP_VERIFY_ERROR(garbage, Error::Code::InvalidInput);
    QVERIFY(garbage.error().message.startsWith(u"the trusted metadata: Invalid JSON at byte 0"_s));
}

void TestTrustedSet::findTargetFollowsDelegations()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TestRepository repository(now);
    repository.publish(now, [](RepositoryWriter& writer) {
        QVERIFY(writer.addTarget(u"nightly"_s, u"demo/2.0.0/manifest.json"_s, "n"_ba, {}));
    });
    const TrustedSet set = refreshed(repository, now);
    auto stable = set.findTarget(u"demo/1.0.0/manifest.json"_s);
    UPKEEP_VERIFY_OK(stable);
    QCOMPARE(stable->role, u"stable.demo"_s);
    auto nightly = set.findTarget(u"demo/2.0.0/manifest.json"_s);
    UPKEEP_VERIFY_OK(nightly);
    QCOMPARE(nightly->role, u"nightly.demo"_s);
    QCOMPARE(nightly->info.length, 1);
    auto absent = set.findTarget(u"demo/9.9.9/manifest.json"_s);
    UPKEEP_VERIFY_ERROR(absent, Error::Code::NotFound);
    QCOMPARE(absent.error().message, u"No trusted role lists the target demo/9.9.9/manifest.json."_s);
}

QTEST_GUILESS_MAIN(TestTrustedSet)
#include "tst_trustedset.moc"
