// The attacks The Update Framework defends against, one row each, run through the real client
// against a real repository. Every row asserts the refusal, the sentence the user sees, and that
// the trusted metadata on disk is byte for byte what it was before the attack.

#include "net/directorysource.h"
#include "support/testfiles.h"
#include "support/testrepository.h"
#include "support/verify.h"
#include "trust/repositoryclient.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
const QString kNewTarget = u"demo/1.1.0/manifest.json"_s;

JsonObject parsedFile(const QByteArray& bytes)
{
    return JsonParser().parse(bytes)->toObject();
}

QString expiryText(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODate);
}

// A repository a client has followed through two releases, and that client.
struct Fixture {
    Fixture()
        : repository(kStart)
    {
        stateFile = clientDir.filePath(u"trusted-metadata.json"_s);
        mirrors = {repository.path()};
        if (!RepositoryClient::trustRoot(stateFile, repository.initialRoot()))
            qFatal("cannot trust the root");
        if (!client().refresh(kStart.addSecs(3600)))
            qFatal("first refresh failed");
        timestampV1 = repository.metadata(u"timestamp.json"_s);
        // The second release also rotates the nightly and timestamp keys, so that old keys exist.
        publishedAt = kStart.addDays(1);
        repository.publish(publishedAt, [](RepositoryWriter& writer) {
            QVERIFY(
                writer.addTarget(u"stable"_s, kNewTarget, R"({"files":["a"]})"_ba, JsonObject{{"version", "1.1.0"}}));
            QVERIFY(writer.rotateKey(u"nightly"_s));
            QVERIFY(writer.rotateKey(u"timestamp"_s));
        });
        now = publishedAt.addSecs(3600);
        if (auto refreshed = client().refresh(now); !refreshed)
            qFatal("second refresh failed: %s", qPrintable(refreshed.error().message));
    }

    RepositoryClient client() const
    {
        std::vector<std::shared_ptr<RepositorySource>> sources;
        for (const QString& mirror : mirrors)
            sources.push_back(std::make_shared<DirectorySource>(mirror));
        return RepositoryClient(sources, stateFile);
    }

    QString targetFile(const QString& path) const
    {
        const QString folder = repository.path() + u"/targets/"_s + path.section(u'/', 0, -2);
        return folder + u'/' + QDir(folder).entryList({u"*."_s + path.section(u'/', -1)}, QDir::Files).first();
    }

    TestRepository repository;
    QTemporaryDir clientDir;
    QString stateFile;
    QStringList mirrors;
    QByteArray timestampV1;
    QDateTime publishedAt;
    QDateTime now;
    QString target; // when set, the attack is on this target's download
};

using Attack = std::function<void(Fixture&)>;

} // namespace

Q_DECLARE_METATYPE(Attack)

class TestAttacks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refused_data();
    void refused();
    void badMirrorThenGoodMirror_data();
    void badMirrorThenGoodMirror();
    void everyMirrorBad();
    void keyRotationFastForward();
};

void TestAttacks::refused_data()
{
    QTest::addColumn<Attack>("attack");
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<QString>("message");

    const QString past = u"the past"_s;
    auto expireNow = [](Fixture& f) {
        return [&f](JsonObject& part) { part.insert_or_assign("expires", expiryText(f.now.addSecs(-60))); };
    };

    // Arbitrary or changed files.
    QTest::newRow("tampered target")
        << Attack([](Fixture& f) {
               f.target = kNewTarget;
               QByteArray bytes = readTestFile(f.targetFile(kNewTarget));
               bytes[2] = 'X';
               writeTestFile(f.targetFile(kNewTarget), bytes);
           })
        << Error::Code::Mismatch
        << u"demo/1.1.0/manifest.json does not match its signed sha256 hash: the file was changed or damaged."_s;
    QTest::newRow("truncated target") << Attack([](Fixture& f) {
        f.target = kNewTarget;
        writeTestFile(f.targetFile(kNewTarget), readTestFile(f.targetFile(kNewTarget)).chopped(1));
    }) << Error::Code::Mismatch << u"demo/1.1.0/manifest.json is 14 bytes long where its signed length is 15."_s;
    QTest::newRow("timestamp edited without re-signing")
        << Attack([](Fixture& f) {
               f.repository.setMetadata(u"timestamp.json"_s,
                   f.repository.metadata(u"timestamp.json"_s).replace("\"version\": 2", "\"version\": 9"));
           })
        << Error::Code::BadSignature
        << u"timestamp.json: timestamp metadata has 0 valid signature(s) of the 1 its trusted keys require."_s;
    QTest::newRow("timestamp signed by a key it does not trust")
        << Attack([](Fixture& f) { f.repository.resign(u"timestamp"_s, {}, u"beta"_s); }) << Error::Code::BadSignature
        << u"timestamp.json: timestamp metadata has 0 valid signature(s) of the 1"_s;
    QTest::newRow("malformed timestamp") << Attack([](Fixture& f) {
        f.repository.setMetadata(u"timestamp.json"_s, "{\"signed\": "_ba);
    }) << Error::Code::InvalidInput << u"timestamp.json: Invalid JSON at byte 11: unexpected end of data"_s;
    QTest::newRow("snapshot served as timestamp")
        << Attack([](Fixture& f) {
               f.repository.setMetadata(u"timestamp.json"_s, f.repository.metadata(u"2.snapshot.json"_s));
           })
        << Error::Code::InvalidInput
        << u"timestamp.json: the metadata is of type \"snapshot\" where \"timestamp\" was expected"_s;
    QTest::newRow("timestamp missing") << Attack([](Fixture& f) {
        QFile::remove(f.repository.metadataPath(u"timestamp.json"_s));
    }) << Error::Code::NotFound << u"has no file metadata/timestamp.json."_s;

    // Rollback: a valid, older state.
    QTest::newRow("timestamp rollback") << Attack([](Fixture& f) {
        f.repository.setMetadata(u"timestamp.json"_s, f.timestampV1);
    }) << Error::Code::BadSignature << u"timestamp.json: timestamp metadata has 0 valid signature(s)"_s;
    QTest::newRow("snapshot rollback")
        << Attack([](Fixture& f) {
               f.repository.resign(u"timestamp"_s, [&f](JsonObject& part) {
                   part.insert_or_assign("meta",
                       JsonObject{{"snapshot.json",
                           TestRepository::describe(1, f.repository.metadata(u"1.snapshot.json"_s))}});
               });
           })
        << Error::Code::Rollback
        << u"snapshot.json (named by timestamp.json) is version 1, older than version 2 already trusted"_s;
    QTest::newRow("targets rollback")
        << Attack([](Fixture& f) {
               f.repository.resign(u"snapshot"_s, [&f](JsonObject& part) {
                   JsonObject meta = part.at("meta").toObject();
                   meta.insert_or_assign(
                       "targets.json", TestRepository::describe(1, f.repository.metadata(u"1.targets.json"_s)));
                   part.insert_or_assign("meta", meta);
               });
           })
        << Error::Code::Rollback
        << u"targets.json (named by 3.snapshot.json) is version 1, older than version 2 already trusted"_s;
    QTest::newRow("application role rollback")
        << Attack([](Fixture& f) {
               f.repository.resign(u"snapshot"_s, [&f](JsonObject& part) {
                   JsonObject meta = part.at("meta").toObject();
                   meta.insert_or_assign(
                       "stable.demo.json", TestRepository::describe(1, f.repository.metadata(u"1.stable.demo.json"_s)));
                   part.insert_or_assign("meta", meta);
               });
           })
        << Error::Code::Rollback
        << u"stable.demo.json (named by 3.snapshot.json) is version 1, older than version 2 already trusted"_s;
    QTest::newRow("snapshot drops a channel") << Attack([](Fixture& f) {
        f.repository.resign(u"snapshot"_s, [](JsonObject& part) {
            JsonObject meta = part.at("meta").toObject();
            meta.erase("beta.json");
            part.insert_or_assign("meta", meta);
        });
    }) << Error::Code::Rollback << u"3.snapshot.json no longer lists beta.json"_s;

    // Freeze: metadata past its expiry.
    QTest::newRow("expired timestamp") << Attack([](Fixture& f) { f.now = f.publishedAt.addDays(8); })
                                       << Error::Code::Expired
                                       << u"The timestamp metadata expired on 2026-06-09 00:00 UTC."_s;
    QTest::newRow("expired snapshot") << Attack([expireNow](Fixture& f) {
        f.repository.resign(u"snapshot"_s, expireNow(f));
    }) << Error::Code::Expired << u"The snapshot metadata expired on 2026-06-02 00:59 UTC."_s;
    QTest::newRow("expired targets") << Attack([expireNow](Fixture& f) {
        f.repository.resign(u"targets"_s, expireNow(f));
    }) << Error::Code::Expired << u"The targets metadata expired on 2026-06-02 00:59 UTC."_s;
    QTest::newRow("expired channel") << Attack([expireNow](Fixture& f) {
        f.repository.resign(u"stable"_s, expireNow(f));
    }) << Error::Code::Expired << u"The stable metadata expired on 2026-06-02 00:59 UTC."_s;
    QTest::newRow("expired root") << Attack([](Fixture& f) { f.now = kStart.addDays(400); }) << Error::Code::Expired
                                  << u"The root metadata expired on 2027-06-02 00:00 UTC."_s;

    // Endless data: files longer than any bound the client accepts.
    QTest::newRow("endless timestamp")
        << Attack([](Fixture& f) {
               f.repository.setMetadata(
                   u"timestamp.json"_s, f.repository.metadata(u"timestamp.json"_s) + QByteArray(20000, ' '));
           })
        << Error::Code::LimitExceeded
        << u"metadata/timestamp.json is longer than the 16384 bytes allowed for it (endless data)."_s;
    // A new snapshot: the one already trusted is not downloaded again while the timestamp names it.
    QTest::newRow("endless snapshot") << Attack([](Fixture& f) {
        f.repository.resign(u"snapshot"_s);
        const QString file = u"%1.snapshot.json"_s.arg(f.repository.version(u"snapshot"_s));
        f.repository.setMetadata(file, f.repository.metadata(file) + QByteArray(100, ' '));
    }) << Error::Code::LimitExceeded << u"metadata/3.snapshot.json is longer than the"_s;
    QTest::newRow("endless root") << Attack([](Fixture& f) {
        f.repository.setMetadata(u"3.root.json"_s, QByteArray(600 * 1024, ' '));
    }) << Error::Code::LimitExceeded
                                  << u"metadata/3.root.json is longer than the 524288 bytes allowed for it"_s;
    QTest::newRow("endless target") << Attack([](Fixture& f) {
        f.target = kNewTarget;
        writeTestFile(f.targetFile(kNewTarget), readTestFile(f.targetFile(kNewTarget)) + QByteArray(1 << 20, 'x'));
    }) << Error::Code::LimitExceeded << u"is longer than the 15 bytes allowed for it (endless data)."_s;

    // Mix-and-match: a validly signed role file from another moment.
    QTest::newRow("mix-and-match")
        << Attack([](Fixture& f) {
               // Without length and hashes in the snapshot only the version ties the files together.
               f.repository.resign(u"snapshot"_s, [](JsonObject& part) {
                   JsonObject meta = part.at("meta").toObject();
                   meta.insert_or_assign("stable.demo.json", JsonObject{{"version", 3}});
                   part.insert_or_assign("meta", meta);
               });
               f.repository.setMetadata(u"3.stable.demo.json"_s, f.repository.metadata(u"2.stable.demo.json"_s));
           })
        << Error::Code::Mismatch
        << u"3.stable.demo.json is version 2 where the snapshot names version 3: the repository's files do not belong together (mix-and-match)."_s;

    // Thresholds and keys.
    QTest::newRow("signatures below threshold")
        << Attack([](Fixture& f) {
               f.repository.resign(u"root"_s, [](JsonObject& part) {
                   JsonObject roles = part.at("roles").toObject();
                   JsonObject snapshot = roles.at("snapshot").toObject();
                   snapshot.insert_or_assign("threshold", 2);
                   roles.insert_or_assign("snapshot", snapshot);
                   part.insert_or_assign("roles", roles);
               });
           })
        << Error::Code::BadSignature
        << u"2.snapshot.json: snapshot metadata has 1 valid signature(s) of the 2 its trusted keys require."_s;
    QTest::newRow("one key signing twice") << Attack([](Fixture& f) {
        f.repository.resign(u"root"_s, [](JsonObject& part) {
            JsonObject roles = part.at("roles").toObject();
            JsonObject timestamp = roles.at("timestamp").toObject();
            timestamp.insert_or_assign("threshold", 2);
            roles.insert_or_assign("timestamp", timestamp);
            part.insert_or_assign("roles", roles);
        });
        JsonObject file = parsedFile(f.repository.metadata(u"timestamp.json"_s));
        JsonArray signatures = file.at("signatures").toArray();
        signatures.push_back(signatures.front());
        file.insert_or_assign("signatures", signatures);
        f.repository.setMetadata(u"timestamp.json"_s, prettyJson(file));
    }) << Error::Code::BadSignature << u"timestamp.json: timestamp metadata has 1 valid signature(s) of the 2"_s;
    QTest::newRow("one key under two key ids") << Attack([](Fixture& f) {
        QString realId;
        f.repository.resign(u"root"_s, [&realId](JsonObject& part) {
            JsonObject roles = part.at("roles").toObject();
            JsonObject timestamp = roles.at("timestamp").toObject();
            realId = timestamp.at("keyids").toArray().front().toString();
            JsonObject keys = part.at("keys").toObject();
            keys.insert_or_assign(std::string(64, 'f'), keys.at(realId.toStdString()));
            part.insert_or_assign("keys", keys);
            timestamp.insert_or_assign("keyids", JsonArray{realId, std::string(64, 'f')});
            timestamp.insert_or_assign("threshold", 2);
            roles.insert_or_assign("timestamp", timestamp);
            part.insert_or_assign("roles", roles);
        });
        JsonObject file = parsedFile(f.repository.metadata(u"timestamp.json"_s));
        JsonArray signatures = file.at("signatures").toArray();
        JsonObject copy = signatures.front().toObject();
        copy.insert_or_assign("keyid", std::string(64, 'f'));
        signatures.push_back(copy);
        file.insert_or_assign("signatures", signatures);
        f.repository.setMetadata(u"timestamp.json"_s, prettyJson(file));
    }) << Error::Code::BadSignature << u"timestamp.json: timestamp metadata has 1 valid signature(s) of the 2"_s;
    // One key spelled two ways (here: its hex in lower and in upper case) is two key objects with
    // two honest key ids; a threshold of 2 over them must still need two keys.
    auto listTwice = [](JsonObject& keys, JsonObject& role, const PublicKey& key) {
        const auto [aliasId, alias] = TestRepository::respelled(key);
        keys.insert_or_assign(aliasId.toStdString(), alias);
        role.insert_or_assign("keyids", JsonArray{key.keyId(), aliasId});
        role.insert_or_assign("threshold", 2);
        return aliasId;
    };
    auto rootListsTwice = [listTwice](Fixture& f, const QString& role) {
        const PublicKey key = f.repository.keysOf(role).front().publicKey();
        QString aliasId;
        f.repository.resign(u"root"_s, [&](JsonObject& part) {
            JsonObject keys = part.at("keys").toObject();
            JsonObject roles = part.at("roles").toObject();
            JsonObject listed = roles.at(role.toStdString()).toObject();
            aliasId = listTwice(keys, listed, key);
            roles.insert_or_assign(role.toStdString(), listed);
            part.insert_or_assign("keys", keys);
            part.insert_or_assign("roles", roles);
        });
        return std::pair{key.keyId(), aliasId};
    };
    QTest::newRow("root key spelled twice") << Attack([rootListsTwice](Fixture& f) {
        const auto [keyId, aliasId] = rootListsTwice(f, u"root"_s);
        f.repository.copySignature(u"3.root.json"_s, keyId, aliasId);
    }) << Error::Code::BadSignature
                                            << u"3.root.json is not signed by enough of its own root keys: root "
                                               "metadata has 1 valid signature(s) of the 2 its trusted keys require."_s;
    QTest::newRow("timestamp key spelled twice") << Attack([rootListsTwice](Fixture& f) {
        const auto [keyId, aliasId] = rootListsTwice(f, u"timestamp"_s);
        f.repository.resign(u"timestamp"_s);
        f.repository.copySignature(u"timestamp.json"_s, keyId, aliasId);
    }) << Error::Code::BadSignature
                                                 << u"timestamp.json: timestamp metadata has 1 valid signature(s) of "
                                                    "the 2 its trusted keys require."_s;
    QTest::newRow("channel key spelled twice") << Attack([listTwice](Fixture& f) {
        const PublicKey key = f.repository.keysOf(u"stable"_s).front().publicKey();
        QString aliasId;
        f.repository.resign(u"targets"_s, [&](JsonObject& part) {
            JsonObject delegations = part.at("delegations").toObject();
            JsonObject keys = delegations.at("keys").toObject();
            JsonArray roles = delegations.at("roles").toArray();
            for (JsonValue& role : roles) {
                if (role.find("name")->toString() != u"stable"_s)
                    continue;
                JsonObject stable = role.toObject();
                aliasId = listTwice(keys, stable, key);
                role = stable;
            }
            delegations.insert_or_assign("keys", keys);
            delegations.insert_or_assign("roles", roles);
            part.insert_or_assign("delegations", delegations);
        });
        f.repository.resign(u"stable"_s);
        f.repository.copySignature(u"2.stable.json"_s, key.keyId(), aliasId);
    }) << Error::Code::BadSignature
                                               << u"2.stable.json: stable metadata has 1 valid signature(s) of the 2 "
                                                  "its trusted keys require."_s;
    QTest::newRow("revoked timestamp key")
        << Attack([](Fixture& f) { f.repository.resign(u"timestamp"_s, {}, u"retired:timestamp"_s); })
        << Error::Code::BadSignature << u"timestamp.json: timestamp metadata has 0 valid signature(s)"_s;
    QTest::newRow("revoked channel key") << Attack([](Fixture& f) {
        f.repository.resign(u"nightly"_s, {}, u"retired:nightly"_s);
    }) << Error::Code::BadSignature << u"3.nightly.json: nightly metadata has 0 valid signature(s) of the 1"_s;

    // A channel that delegates to a role by a top-level role's name is invalid as a whole.
    QTest::newRow("channel delegates to \"targets\"") << Attack([](Fixture& f) {
        f.repository.resign(u"stable"_s, [](JsonObject& part) {
            part.insert_or_assign("delegations",
                JsonObject{{"keys", JsonObject{}},
                    {"roles",
                        JsonArray{JsonObject{{"name", "targets"}, {"keyids", JsonArray{}}, {"threshold", 1},
                            {"paths", JsonArray{"*/*/*"}}}}}});
        });
    }) << Error::Code::InvalidInput
                                                      << u"2.stable.json: signed.delegations.roles[0].name is "
                                                         "\"targets\", the name of a top-level role; a delegated role "
                                                         "cannot be called root, timestamp, snapshot or targets"_s;

    // The root chain.
    QTest::newRow("root signed by a key it does not trust")
        << Attack([](Fixture& f) { f.repository.resign(u"root"_s, {}, u"snapshot"_s); }) << Error::Code::BadSignature
        << u"3.root.json is not signed by enough of the trusted root keys: root metadata has 0 valid signature(s) of the 1"_s;
    QTest::newRow("root not signed by its own new keys") << Attack([](Fixture& f) {
        f.repository.resign(u"root"_s, [&f](JsonObject& part) {
            const QString beta = f.repository.keysOf(u"beta"_s).front().publicKey().keyId();
            JsonObject keys = part.at("keys").toObject();
            keys.insert_or_assign(beta.toStdString(), f.repository.keysOf(u"beta"_s).front().publicKey().toTuf());
            part.insert_or_assign("keys", keys);
            JsonObject roles = part.at("roles").toObject();
            roles.insert_or_assign("root", JsonObject{{"keyids", JsonArray{beta}}, {"threshold", 1}});
            part.insert_or_assign("roles", roles);
        });
    }) << Error::Code::BadSignature << u"3.root.json is not signed by enough of its own root keys"_s;
    QTest::newRow("root skips a version") << Attack([](Fixture& f) {
        f.repository.resign(u"root"_s, [](JsonObject& part) { part.insert_or_assign("version", 4); });
    }) << Error::Code::Mismatch << u"3.root.json holds root version 4; the chain of roots must go up one at a time."_s;
}

void TestAttacks::refused()
{
    QFETCH(Attack, attack);
    QFETCH(Error::Code, code);
    QFETCH(QString, message);

    Fixture fixture;
    const QByteArray trustedBefore = readTestFile(fixture.stateFile);
    attack(fixture);

    RepositoryClient client = fixture.client();
    std::expected<void, Error> result = client.refresh(fixture.now);
    if (result && !fixture.target.isEmpty()) {
        auto target = client.fetchTarget(fixture.target);
        result = target ? std::expected<void, Error>() : std::unexpected(target.error());
    }
    UPKEEP_VERIFY_ERROR(result, code);
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    if (fixture.target.isEmpty())
        QCOMPARE(readTestFile(fixture.stateFile), trustedBefore);
}

void TestAttacks::badMirrorThenGoodMirror_data()
{
    QTest::addColumn<Attack>("spoil");
    QTest::addColumn<QString>("target");

    QTest::newRow("tampered timestamp") << Attack([](Fixture& f) {
        const QString path = f.mirrors.front() + u"/metadata/timestamp.json"_s;
        writeTestFile(path, readTestFile(path).replace("\"version\": 3", "\"version\": 7"));
    }) << QString();
    QTest::newRow("stale snapshot") << Attack([](Fixture& f) {
        const QString folder = f.mirrors.front() + u"/metadata/"_s;
        writeTestFile(folder + u"3.snapshot.json"_s, readTestFile(folder + u"2.snapshot.json"_s));
    }) << QString();
    QTest::newRow("missing channel file")
        << Attack([](Fixture& f) { QFile::remove(f.mirrors.front() + u"/metadata/3.stable.json"_s); }) << QString();
    QTest::newRow("tampered target") << Attack([](Fixture& f) {
        const QString file
            = f.mirrors.front() + f.targetFile(u"demo/1.2.0/manifest.json"_s).mid(f.repository.path().size());
        writeTestFile(file, readTestFile(file).replace("b", "c"));
    }) << u"demo/1.2.0/manifest.json"_s;
}

void TestAttacks::badMirrorThenGoodMirror()
{
    QFETCH(Attack, spoil);
    QFETCH(QString, target);

    Fixture fixture;
    fixture.repository.publish(fixture.now, [](RepositoryWriter& writer) {
        QVERIFY(writer.addTarget(u"stable"_s, u"demo/1.2.0/manifest.json"_s, R"({"files":["b"]})"_ba, {}));
    });
    QTemporaryDir bad;
    copyTestTree(fixture.repository.path(), bad.path());
    fixture.mirrors = {bad.path(), fixture.repository.path()};
    spoil(fixture);

    RepositoryClient client = fixture.client();
    UPKEEP_VERIFY_OK(client.refresh(fixture.now));
    QCOMPARE((*client.trusted())->timestamp()->header.version, 3);
    auto manifest = client.fetchTarget(u"demo/1.2.0/manifest.json"_s);
    UPKEEP_VERIFY_OK(manifest);
    QCOMPARE(*manifest, R"({"files":["b"]})"_ba);
    QVERIFY(!target.isEmpty() || readTestFile(fixture.stateFile).contains("\"version\": 3"));
}

void TestAttacks::everyMirrorBad()
{
    Fixture fixture;
    fixture.repository.publish(fixture.now, [](RepositoryWriter& writer) {
        QVERIFY(writer.addTarget(u"beta"_s, u"demo/1.2.0/manifest.json"_s, "{}"_ba, {}));
    });
    QTemporaryDir second;
    copyTestTree(fixture.repository.path(), second.path());
    fixture.mirrors = {fixture.repository.path(), second.path()};
    fixture.repository.setMetadata(u"timestamp.json"_s,
        fixture.repository.metadata(u"timestamp.json"_s).replace("\"version\": 3", "\"version\": 5"));
    QFile::remove(second.path() + u"/metadata/timestamp.json"_s);
    const QByteArray trustedBefore = readTestFile(fixture.stateFile);

    auto result = fixture.client().refresh(fixture.now);
    // A copy that fails verification counts as no copy: no mirror has the timestamp. Both
    // mirrors are named with what was wrong with each.
    UPKEEP_VERIFY_ERROR(result, Error::Code::NotFound);
    QCOMPARE(result.error().message,
        u"%1: timestamp.json: timestamp metadata has 0 valid signature(s) of the 1 its trusted keys require.; %2: %2 has no file metadata/timestamp.json."_s
            .arg(fixture.repository.path(), second.path()));
    QCOMPARE(readTestFile(fixture.stateFile), trustedBefore);
}

void TestAttacks::keyRotationFastForward()
{
    // After a compromised timestamp key pushed a huge version, rotating that key lets clients
    // accept the repository's real, lower versions again (TUF 5.3.11).
    Fixture fixture;
    const QByteArray genuine = fixture.repository.metadata(u"timestamp.json"_s);
    fixture.repository.resign(u"timestamp"_s, [](JsonObject& part) { part.insert_or_assign("version", 1000); });
    UPKEEP_VERIFY_OK(fixture.client().refresh(fixture.now));
    fixture.repository.setMetadata(u"timestamp.json"_s, genuine); // the publisher never signed version 1000
    fixture.repository.publish(
        fixture.now, [](RepositoryWriter& writer) { QVERIFY(writer.rotateKey(u"timestamp"_s)); });
    RepositoryClient client = fixture.client();
    UPKEEP_VERIFY_OK(client.refresh(fixture.now));
    QCOMPARE((*client.trusted())->timestamp()->header.version, 3);
}

QTEST_GUILESS_MAIN(TestAttacks)
#include "tst_attacks.moc"
