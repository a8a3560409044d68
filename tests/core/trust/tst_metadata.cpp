// TUF role metadata read strictly and written back without loss: the parser names the file and
// field of every mistake, keeps fields it does not know (a signature covers them), and the
// delegation patterns match target paths as other TUF clients match them.

#include "publish/signingkey.h"
#include "support/testbytes.h"
#include "support/verify.h"
#include "trust/rootmetadata.h"
#include "trust/snapshotmetadata.h"
#include "trust/targetsmetadata.h"
#include "trust/timestampmetadata.h"
#include "json/canonicaljson.h"
#include "json/jsonparser.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

JsonValue parse(const QByteArray& text)
{
    auto value = JsonParser().parse(text);
    if (!value)
        qFatal("bad fixture: %s", qPrintable(value.error().message));
    return *value;
}

// A root of one key whose signed part `extra` extends (",\"upkeep_publisher\":{...}").
QByteArray rootWith(const QByteArray& extra, const QString& keyId = u"d75a"_s,
    const QString& publicHex = u"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"_s)
{
    const QByteArray id = keyId.toLatin1();
    return R"({"_type":"root","spec_version":"1.0.31","version":1,"expires":"2030-01-01T00:00:00Z","consistent_snapshot":true,
               "keys":{")"
        + id + R"(":{"keytype":"ed25519","scheme":"ed25519","keyval":{"public":")" + publicHex.toLatin1() + R"("}}},
               "roles":{"root":{"keyids":[")"
        + id + R"("],"threshold":1},"timestamp":{"keyids":[")" + id + R"("],"threshold":1},
                        "snapshot":{"keyids":[")"
        + id + R"("],"threshold":1},"targets":{"keyids":[")" + id + R"("],"threshold":1}})" + extra + "}";
}

const QByteArray kTimestamp
    = R"({"_type":"timestamp","spec_version":"1.0.31","version":3,"expires":"2030-01-01T00:00:00Z",
  "meta":{"snapshot.json":{"version":5,"length":1234,"hashes":{"sha256":"ab"}}}})"_ba;

} // namespace

class TestMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestampFields();
    void refused_data();
    void refused();
    void roundTripKeepsUnknownFields_data();
    void roundTripKeepsUnknownFields();
    void publisherAnchor_data();
    void publisherAnchor();
    void publisherAnchorSignatureSurvivesRoundTrip();
    void pathPatterns_data();
    void pathPatterns();
    void pathHashPrefixes();
};

void TestMetadata::timestampFields()
{
    auto timestamp = TimestampMetadata::fromSigned(parse(kTimestamp), u"timestamp.json"_s);
    UPKEEP_VERIFY_OK(timestamp);
    QCOMPARE(timestamp->header.version, 3);
    QCOMPARE(timestamp->header.expires, QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC));
    QCOMPARE(timestamp->snapshot.version, 5);
    QCOMPARE(timestamp->snapshot.length, 1234);
    QCOMPARE(timestamp->snapshot.hashes.sha256(), u"ab"_s);
}

void TestMetadata::refused_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("signedPart");
    QTest::addColumn<QString>("message");

    const QByteArray header = R"("spec_version":"1.0.31","version":1,"expires":"2030-01-01T00:00:00Z")"_ba;
    auto with = [&](const char* type, const QByteArray& rest) {
        return "{\"_type\":\"" + QByteArray(type) + "\"," + header + (rest.isEmpty() ? "" : "," + rest) + "}";
    };
    QTest::newRow("not an object") << u"timestamp"_s << "[]"_ba << u"x.json: signed must be an object"_s;
    QTest::newRow("wrong type") << u"timestamp"_s << with("snapshot", R"("meta":{})")
                                << u"x.json: the metadata is of type \"snapshot\" where \"timestamp\" was expected"_s;
    QTest::newRow("spec version 2")
        << u"snapshot"_s
        << R"({"_type":"snapshot","spec_version":"2.0.0","version":1,"expires":"2030-01-01T00:00:00Z","meta":{}})"_ba
        << u"x.json: spec_version 2.0.0 is not supported; Upkeep reads TUF 1.x"_s;
    QTest::newRow("version zero")
        << u"snapshot"_s
        << R"({"_type":"snapshot","spec_version":"1.0","version":0,"expires":"2030-01-01T00:00:00Z","meta":{}})"_ba
        << u"x.json: signed.version must be at least 1, not 0"_s;
    QTest::newRow("version as string")
        << u"snapshot"_s
        << R"({"_type":"snapshot","spec_version":"1.0","version":"1","expires":"2030-01-01T00:00:00Z","meta":{}})"_ba
        << u"x.json: signed.version must be an integer, not string"_s;
    QTest::newRow("expires without zone")
        << u"snapshot"_s
        << R"({"_type":"snapshot","spec_version":"1.0","version":1,"expires":"2030-01-01T00:00:00","meta":{}})"_ba
        << u"x.json: signed.expires must be a UTC time such as 2030-01-31T12:00:00Z, not \"2030-01-01T00:00:00\""_s;
    QTest::newRow("expires not a date")
        << u"snapshot"_s
        << R"({"_type":"snapshot","spec_version":"1.0","version":1,"expires":"2030-02-30T00:00:00Z","meta":{}})"_ba
        << u"x.json: signed.expires must be a UTC time such as 2030-01-31T12:00:00Z, not \"2030-02-30T00:00:00Z\""_s;
    QTest::newRow("timestamp without snapshot")
        << u"timestamp"_s << with("timestamp", R"("meta":{})") << u"x.json: signed.meta.snapshot.json is missing"_s;
    QTest::newRow("negative length") << u"timestamp"_s
                                     << with("timestamp", R"("meta":{"snapshot.json":{"version":1,"length":-1}})")
                                     << u"x.json: signed.meta.snapshot.json.length must be at least 0, not -1"_s;
    QTest::newRow("empty hashes") << u"snapshot"_s
                                  << with("snapshot", R"("meta":{"targets.json":{"version":1,"hashes":{}}})")
                                  << u"x.json: signed.meta.targets.json.hashes must list at least one hash"_s;
    QTest::newRow("root without timestamp role")
        << u"root"_s
        << with("root",
               R"("consistent_snapshot":true,"keys":{},"roles":{"root":{"keyids":[],"threshold":1},"snapshot":{"keyids":[],"threshold":1},"targets":{"keyids":[],"threshold":1}})")
        << u"x.json: signed.roles has no \"timestamp\" role"_s;
    QTest::newRow("threshold zero") << u"root"_s
                                    << with("root", R"("keys":{},"roles":{"root":{"keyids":[],"threshold":0}})")
                                    << u"x.json: signed.roles.root.threshold must be at least 1, not 0"_s;
    QTest::newRow("key listed twice") << u"root"_s
                                      << with(
                                             "root", R"("keys":{},"roles":{"root":{"keyids":["a","a"],"threshold":1}})")
                                      << u"x.json: signed.roles.root.keyids lists a key twice"_s;
    QTest::newRow("malformed key")
        << u"root"_s
        << with("root", R"("keys":{"k1":{"keytype":"ed25519","scheme":"ed25519","keyval":{"public":"00"}}},"roles":{})")
        << u"x.json: signed.keys.k1: An ed25519 public key is 32 bytes; this one is 1."_s;
    QTest::newRow("target without hashes") << u"targets"_s << with("targets", R"("targets":{"a/b":{"length":3}})")
                                           << u"x.json: signed.targets[\"a/b\"].hashes is missing"_s;
    QTest::newRow("delegation with paths and prefixes")
        << u"targets"_s
        << with("targets",
               R"("targets":{},"delegations":{"keys":{},"roles":[{"name":"beta","keyids":[],"threshold":1,"paths":["*"],"path_hash_prefixes":["ab"]}]})")
        << u"x.json: delegated role \"beta\" must have either paths or path_hash_prefixes"_s;
    QTest::newRow("role delegated twice")
        << u"targets"_s
        << with("targets",
               R"("targets":{},"delegations":{"keys":{},"roles":[{"name":"beta","keyids":[],"threshold":1,"paths":["*"]},{"name":"beta","keyids":[],"threshold":1,"paths":["*"]}]})")
        << u"x.json: role \"beta\" is delegated twice"_s;
    QTest::newRow("publisher not an object") << u"root"_s << rootWith(R"(,"upkeep_publisher":"Example GmbH")")
                                             << u"x.json: signed.upkeep_publisher must be an object, not string"_s;
    QTest::newRow("publisher without certificate")
        << u"root"_s << rootWith(R"(,"upkeep_publisher":{"name":"Example GmbH"})")
        << u"x.json: signed.upkeep_publisher.certificate is missing"_s;
    QTest::newRow("publisher without name") << u"root"_s << rootWith(R"(,"upkeep_publisher":{"certificate":"MAA="})")
                                            << u"x.json: signed.upkeep_publisher.name is missing"_s;
    QTest::newRow("publisher name empty")
        << u"root"_s << rootWith(R"(,"upkeep_publisher":{"name":" ","certificate":"MAA="})")
        << u"x.json: signed.upkeep_publisher.name is empty"_s;
    QTest::newRow("publisher name a number")
        << u"root"_s << rootWith(R"(,"upkeep_publisher":{"name":7,"certificate":"MAA="})")
        << u"x.json: signed.upkeep_publisher.name must be a string, not integer"_s;
    for (const char* certificate : {"", "MAA", "MA=A", "M A A=", "not base64!", "MAA=\\n"}) {
        QTest::addRow("certificate \"%s\"", certificate)
            << u"root"_s
            << rootWith(
                   R"(,"upkeep_publisher":{"name":"Example GmbH","certificate":")" + QByteArray(certificate) + R"("})")
            << u"x.json: signed.upkeep_publisher.certificate must be the certificate's DER in base64"_s;
    }
    QTest::newRow("publisher with an unknown member")
        << u"root"_s << rootWith(R"(,"upkeep_publisher":{"name":"Example GmbH","certificate":"MAA=","ca_url":"x"})")
        << u"x.json: signed.upkeep_publisher has the unknown member \"ca_url\""_s;
    // A delegated role by a top-level role's name would be fetched as, and stand in for, that role.
    for (const char* name : {"root", "timestamp", "snapshot", "targets"}) {
        QTest::addRow("delegation named %s", name)
            << u"targets"_s
            << with("targets",
                   R"("targets":{},"delegations":{"keys":{},"roles":[{"name":"beta","keyids":[],"threshold":1,"paths":["*"]},{"name":")"
                       + QByteArray(name) + R"(","keyids":[],"threshold":1,"paths":["*"]}]})")
            << u"x.json: signed.delegations.roles[1].name is \"%1\", the name of a top-level role; a delegated role "
               "cannot be called root, timestamp, snapshot or targets"_s.arg(QLatin1StringView(name));
    }
}

void TestMetadata::refused()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, signedPart);
    QFETCH(QString, message);

    const JsonValue value = parse(signedPart);
    const QString file = u"x.json"_s;
    std::optional<Error> error;
    if (type == u"root"_s) {
        if (auto root = RootMetadata::fromSigned(value, file); !root)
            error = root.error();
    } else if (type == u"timestamp"_s) {
        if (auto timestamp = TimestampMetadata::fromSigned(value, file); !timestamp)
            error = timestamp.error();
    } else if (type == u"snapshot"_s) {
        if (auto snapshot = SnapshotMetadata::fromSigned(value, file); !snapshot)
            error = snapshot.error();
    } else {
        if (auto targets = TargetsMetadata::fromSigned(value, file); !targets)
            error = targets.error();
    }
    QVERIFY2(error.has_value(), "accepted");
    QCOMPARE(error->message, message);
}

void TestMetadata::roundTripKeepsUnknownFields_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("signedPart");

    QTest::newRow("timestamp")
        << u"timestamp"_s
        << R"({"_type":"timestamp","spec_version":"1.0.31","version":3,"expires":"2030-01-01T00:00:00Z","x-mirror":"eu",
                                      "meta":{"snapshot.json":{"version":5,"x-size-class":"small"}}})"_ba;
    QTest::newRow("snapshot")
        << u"snapshot"_s << R"({"_type":"snapshot","spec_version":"1.0","version":2,"expires":"2030-01-01T00:00:00Z",
                                     "meta":{"targets.json":{"version":1,"length":10,"hashes":{"sha256":"aa","blake2b":"bb"}}}})"_ba;
    QTest::newRow("targets with delegations")
        << u"targets"_s
        << R"({"_type":"targets","spec_version":"1.0.31","version":4,"expires":"2030-01-01T00:00:00Z","x":[1,2],
                                                     "targets":{"demo/1.0/manifest.json":{"length":3,"hashes":{"sha256":"cc"},"custom":{"version":"1.0","critical":true,"notes":"line\nbreak"}}},
                                                     "delegations":{"keys":{"d75a":{"keytype":"ed25519","scheme":"ed25519","keyval":{"public":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"}}},
                                                     "roles":[{"name":"stable","keyids":["d75a"],"threshold":1,"terminating":false,"paths":["*/*/*"],"x-note":"kept"},
                                                              {"name":"beta","keyids":["d75a"],"threshold":1,"terminating":true,"path_hash_prefixes":["0","8"]}]}})"_ba;
    QTest::newRow("root")
        << u"root"_s
        << R"({"_type":"root","spec_version":"1.0.31","version":1,"expires":"2030-01-01T00:00:00Z","consistent_snapshot":true,
                                 "keys":{"d75a":{"keytype":"ed25519","scheme":"ed25519","keyval":{"public":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"}}},
                                 "roles":{"root":{"keyids":["d75a"],"threshold":1},"timestamp":{"keyids":["d75a"],"threshold":1},
                                          "snapshot":{"keyids":["d75a"],"threshold":1},"targets":{"keyids":["d75a"],"threshold":1},
                                          "mirrors":{"keyids":["d75a"],"threshold":1}}})"_ba;
}

void TestMetadata::roundTripKeepsUnknownFields()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, signedPart);

    const JsonValue value = parse(signedPart);
    JsonValue written;
    if (type == u"root"_s)
        written = RootMetadata::fromSigned(value, u"x"_s)->toSigned();
    else if (type == u"timestamp"_s)
        written = TimestampMetadata::fromSigned(value, u"x"_s)->toSigned();
    else if (type == u"snapshot"_s)
        written = SnapshotMetadata::fromSigned(value, u"x"_s)->toSigned();
    else
        written = TargetsMetadata::fromSigned(value, u"x"_s)->toSigned();
    // The same canonical bytes: a signature over the original still verifies over what we write.
    QCOMPARE(canonicalJson(written), canonicalJson(value));
}

void TestMetadata::publisherAnchor_data()
{
    QTest::addColumn<QByteArray>("signedPart");
    QTest::addColumn<bool>("hasAnchor");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("certificate");

    QTest::newRow("without identity") << rootWith({}) << false << QString() << QByteArray();
    QTest::newRow("with identity") << rootWith(
        R"(,"upkeep_publisher":{"name":"Example GmbH","certificate":"MIIBAgM="})")
                                   << true << u"Example GmbH"_s << QByteArray::fromHex("30820102 03");
    QTest::newRow("name beyond ASCII") << rootWith(
        R"(,"upkeep_publisher":{"name":"Müller & Söhne AG","certificate":"AAEC/w=="},"x-note":"kept")")
                                       << true << u"Müller & Söhne AG"_s << QByteArray::fromHex("000102ff");
}

void TestMetadata::publisherAnchor()
{
    QFETCH(QByteArray, signedPart);
    QFETCH(bool, hasAnchor);
    QFETCH(QString, name);
    QFETCH(QByteArray, certificate);

    const JsonValue value = parse(signedPart);
    auto root = RootMetadata::fromSigned(value, u"x.json"_s);
    UPKEEP_VERIFY_OK(root);
    QCOMPARE(root->publisher.has_value(), hasAnchor);
    QVERIFY(!root->unrecognized.contains("upkeep_publisher"));
    if (hasAnchor) {
        QCOMPARE(root->publisher->name, name);
        QCOMPARE(root->publisher->certificate, certificate);
    }
    QCOMPARE(canonicalJson(root->toSigned()), canonicalJson(value));

    // Set in code, it is written as the format says and read back the same.
    RootMetadata changed = *root;
    changed.publisher = PublisherAnchor{u"Other Ltd"_s, QByteArray::fromHex("3003020101")};
    auto reread = RootMetadata::fromSigned(changed.toSigned(), u"x.json"_s);
    UPKEEP_VERIFY_OK(reread);
    QVERIFY(reread->publisher == changed.publisher);
    const JsonValue* written = changed.toSigned().find("upkeep_publisher");
    QVERIFY(written);
    QCOMPARE(written->find("certificate")->toString(), u"MAMCAQE="_s);
    changed.publisher.reset();
    QVERIFY(!changed.toSigned().find("upkeep_publisher"));
}

void TestMetadata::publisherAnchorSignatureSurvivesRoundTrip()
{
    // Signed by a root key over the canonical JSON of the original, as a publisher signs it; the
    // client re-encodes what it parsed and must find the same signature valid, and a changed
    // anchor invalid.
    auto key = SigningKey::fromSeed(QByteArray(32, '\x07'));
    UPKEEP_VERIFY_OK(key);
    const PublicKey& publicKey = key->publicKey();
    const QString publicHex = QString::fromLatin1(publicKey.toTuf().find("keyval")->find("public")->toUtf8());
    const QByteArray text = rootWith(
        R"(,"upkeep_publisher":{"name":"Example GmbH","certificate":"MIIBAgM="})", publicKey.keyId(), publicHex);
    SignedMetadata original = SignedMetadata::wrap(parse(text));
    UPKEEP_VERIFY_OK(key->sign(original));

    auto read = SignedMetadata::parse(original.toBytes(), u"1.root.json"_s);
    UPKEEP_VERIFY_OK(read);
    auto root = RootMetadata::fromSigned(read->signedPart(), u"1.root.json"_s);
    UPKEEP_VERIFY_OK(root);
    QVERIFY(root->publisher.has_value());

    SignedMetadata rewritten = SignedMetadata::wrap(root->toSigned());
    for (const SignedMetadata::Signature& signature : read->signatures())
        rewritten.addSignature(signature.keyId, signature.signature);
    UPKEEP_VERIFY_OK(rewritten.verify(root->keys, root->role(u"root"_s), u"root"_s));

    RootMetadata tampered = *root;
    tampered.publisher->name = u"Mallory Ltd"_s;
    SignedMetadata forged = SignedMetadata::wrap(tampered.toSigned());
    for (const SignedMetadata::Signature& signature : read->signatures())
        forged.addSignature(signature.keyId, signature.signature);
    QVERIFY(!forged.verify(root->keys, root->role(u"root"_s), u"root"_s));
}

void TestMetadata::pathPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("matches");

    QTest::newRow("three levels") << u"*/*/*"_s << u"demo/1.0.0/manifest.json"_s << true;
    QTest::newRow("star does not cross a slash") << u"*"_s << u"demo/1.0.0/manifest.json"_s << false;
    QTest::newRow("too few levels") << u"*/*/*"_s << u"demo/manifest.json"_s << false;
    QTest::newRow("too many levels") << u"*/*/*"_s << u"a/b/c/d"_s << false;
    QTest::newRow("fixed folder") << u"demo/*/*"_s << u"demo/2.0/CHANGELOG.md"_s << true;
    QTest::newRow("other folder") << u"demo/*/*"_s << u"other/2.0/CHANGELOG.md"_s << false;
    QTest::newRow("suffix") << u"files/*.tgz"_s << u"files/app.tgz"_s << true;
    QTest::newRow("suffix, deeper") << u"files/*.tgz"_s << u"files/x/app.tgz"_s << false;
    QTest::newRow("question mark") << u"v?/x"_s << u"v1/x"_s << true;
    QTest::newRow("question mark, two characters") << u"v?/x"_s << u"v10/x"_s << false;
    QTest::newRow("character class") << u"[ab]/x"_s << u"b/x"_s << true;
    QTest::newRow("exact") << u"a/b"_s << u"a/b"_s << true;
}

void TestMetadata::pathPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, path);
    QFETCH(bool, matches);

    DelegatedRole role;
    role.paths = QStringList{pattern};
    QCOMPARE(role.matches(path), matches);
}

void TestMetadata::pathHashPrefixes()
{
    // sha256("demo/1.0.0/manifest.json") decides; check against the digest computed here.
    const QString path = u"demo/1.0.0/manifest.json"_s;
    const QString digest = sha256(path.toUtf8());
    DelegatedRole role;
    role.pathHashPrefixes = QStringList{digest.left(2)};
    QVERIFY(role.matches(path));
    role.pathHashPrefixes = QStringList{digest.left(1) == u"0"_s ? u"1"_s : u"0"_s};
    QVERIFY(!role.matches(path));
}

QTEST_GUILESS_MAIN(TestMetadata)
#include "tst_metadata.moc"
