#include "testrepository.h"

#include "publish/timestampfile.h"
#include "support/testbytes.h"
#include "support/testfiles.h"
#include "trust/signedmetadata.h"
#include "json/jsonparser.h"
#include "json/jsonwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QStringList kTopLevel{u"root"_s, u"timestamp"_s, u"snapshot"_s, u"targets"_s};

JsonValue signedOf(const QByteArray& bytes)
{
    auto document = JsonParser().parse(bytes);
    const JsonValue* part = document ? document->find("signed") : nullptr;
    return part ? *part : JsonValue();
}

} // namespace

TestRepository::TestRepository(const QDateTime& now, const RepositoryWriter::InitOptions& options)
    : m_keys({KeyStore(m_dir.filePath(u"keys"_s), KeyStore::NewKeys::Unencrypted)})
{
    auto writer = RepositoryWriter::create(path(), m_keys, options);
    if (!writer)
        qFatal("TestRepository: %s", qPrintable(writer.error().message));
    if (auto added = writer->addTarget(options.channels.first(), u"demo/1.0.0/manifest.json"_s, R"({"files":[]})"_ba,
            JsonObject{{"version", "1.0.0"}});
        !added)
        qFatal("TestRepository: %s", qPrintable(added.error().message));
    if (auto committed = writer->commit(now); !committed)
        qFatal("TestRepository: %s", qPrintable(committed.error().message));
}

QString TestRepository::metadataPath(const QString& file) const
{
    return path() + u"/metadata/"_s + file;
}

QByteArray TestRepository::metadata(const QString& file) const
{
    if (!QFileInfo(metadataPath(file)).isReadable())
        qFatal("TestRepository: no %s", qPrintable(file));
    return readTestFile(metadataPath(file));
}

void TestRepository::setMetadata(const QString& file, const QByteArray& bytes) const
{
    // timestamp.json as a publisher writes it, so that a web server's ETag changes with it.
    const bool written = file == u"timestamp.json"_s ? writeTimestampFile(metadataPath(file), bytes).has_value()
                                                     : tryWriteTestFile(metadataPath(file), bytes);
    if (!written)
        qFatal("TestRepository: cannot write %s", qPrintable(file));
}

void TestRepository::publish(const QDateTime& now, const std::function<void(RepositoryWriter&)>& change)
{
    auto writer = RepositoryWriter::open(path(), m_keys);
    if (!writer)
        qFatal("TestRepository: %s", qPrintable(writer.error().message));
    change(*writer);
    if (auto committed = writer->commit(now); !committed)
        qFatal("TestRepository: %s", qPrintable(committed.error().message));
}

void TestRepository::publishRelease(const ReleasePublisher::Options& options)
{
    publish(QDateTime::currentDateTimeUtc(), [&](RepositoryWriter& writer) {
        auto published = ReleasePublisher(path(), writer).publish(options);
        QVERIFY2(published, published ? "" : qPrintable(published.error().message));
    });
}

JsonValue TestRepository::describe(qint64 version, const QByteArray& bytes)
{
    return JsonObject{{"version", version}, {"length", qint64(bytes.size())},
        {"hashes", JsonObject{{"sha256", sha256(bytes).toStdString()}}}};
}

QString TestRepository::newestFile(const QString& role) const
{
    if (role == u"timestamp"_s)
        return u"timestamp.json"_s;
    if (role == u"root"_s)
        return u"root.json"_s;
    if (role == u"snapshot"_s)
        return u"%1.snapshot.json"_s.arg(
            signedOf(metadata(u"timestamp.json"_s)).find("meta")->find("snapshot.json")->find("version")->toInteger());
    const JsonValue snapshot = signedOf(metadata(newestFile(u"snapshot"_s)));
    const JsonValue* entry = snapshot.find("meta")->find((role + u".json"_s).toStdString());
    if (!entry)
        qFatal("TestRepository: the snapshot has no %s", qPrintable(role));
    return u"%1.%2.json"_s.arg(entry->find("version")->toInteger()).arg(role);
}

qint64 TestRepository::version(const QString& role) const
{
    return signedOf(metadata(newestFile(role))).find("version")->toInteger();
}

std::vector<SigningKey> TestRepository::keysOf(const QString& role, bool retired) const
{
    std::vector<SigningKey> keys;
    const QStringList folders{retired ? keysPath() + u"/retired"_s : keysPath()};
    for (const QString& folder : folders) {
        for (const QString& name : QDir(folder).entryList({role + u".*.pem"_s}, QDir::Files)) {
            auto key = SigningKey::load(folder + u'/' + name);
            if (!key)
                qFatal("TestRepository: %s", qPrintable(key.error().message));
            keys.push_back(std::move(*key));
        }
    }
    return keys;
}

QByteArray TestRepository::writeSigned(const QString& file, JsonObject signedPart, const QString& signer)
{
    SignedMetadata metadata = SignedMetadata::wrap(std::move(signedPart));
    // N.ROLE.json or timestamp.json; an application's role has a dot of its own (stable.demo).
    const QString role = file.front().isDigit() ? file.section(u'.', 1, -2) : file.section(u'.', 0, -2);
    const bool retired = signer.startsWith(u"retired:"_s);
    QString keysRole = signer.isEmpty() ? role : retired ? signer.mid(8) : signer;
    // An application's role without a key of its own is signed by its channel's (stable.demo by stable's).
    if (signer.isEmpty() && keysOf(keysRole).empty() && role.contains(u'.'))
        keysRole = role.section(u'.', 0, 0);
    for (const SigningKey& key : retired ? keysOf(keysRole, true) : keysOf(keysRole)) {
        if (!key.sign(metadata))
            qFatal("TestRepository: signing failed");
    }
    const QByteArray bytes = metadata.toBytes();
    setMetadata(file, bytes);
    return bytes;
}

void TestRepository::resign(const QString& role, const Edit& edit, const QString& signer)
{
    auto bump = [&](const QString& name) {
        JsonObject part = signedOf(metadata(newestFile(name))).toObject();
        part.insert_or_assign("version", part.at("version").toInteger() + 1);
        return part;
    };
    if (role == u"root"_s) {
        JsonObject part = bump(role);
        const qint64 version = part.at("version").toInteger();
        if (edit)
            edit(part);
        writeSigned(u"%1.root.json"_s.arg(version), part, signer);
        return;
    }
    JsonObject snapshot = role == u"timestamp"_s ? JsonObject() : bump(u"snapshot"_s);
    if (!kTopLevel.contains(role) || role == u"targets"_s) {
        JsonObject part = bump(role);
        if (edit)
            edit(part);
        const qint64 version = part.at("version").toInteger();
        const QByteArray bytes = writeSigned(u"%1.%2.json"_s.arg(version).arg(role), part, signer);
        JsonObject meta = snapshot.at("meta").toObject();
        meta.insert_or_assign((role + u".json"_s).toStdString(), describe(version, bytes));
        snapshot.insert_or_assign("meta", meta);
    } else if (role == u"snapshot"_s && edit) {
        edit(snapshot);
    }
    JsonObject timestamp = bump(u"timestamp"_s);
    if (role != u"timestamp"_s) {
        const qint64 version = snapshot.at("version").toInteger();
        const QByteArray bytes
            = writeSigned(u"%1.snapshot.json"_s.arg(version), snapshot, role == u"snapshot"_s ? signer : QString());
        timestamp.insert_or_assign("meta", JsonObject{{"snapshot.json", describe(version, bytes)}});
    } else if (edit) {
        edit(timestamp);
    }
    writeSigned(u"timestamp.json"_s, timestamp, role == u"timestamp"_s ? signer : QString());
}

void TestRepository::copySignature(const QString& file, const QString& keyId, const QString& aliasId)
{
    JsonObject document = JsonParser().parse(metadata(file))->toObject();
    JsonArray signatures = document.at("signatures").toArray();
    const auto original = std::find_if(signatures.begin(), signatures.end(),
        [&](const JsonValue& signature) { return signature.find("keyid")->toString() == keyId; });
    if (original == signatures.end())
        qFatal("TestRepository: %s has no signature by %s", qPrintable(file), qPrintable(keyId));
    JsonObject alias = original->toObject();
    alias.insert_or_assign("keyid", aliasId);
    signatures.push_back(alias);
    document.insert_or_assign("signatures", signatures);
    const QByteArray bytes = prettyJson(document);
    setMetadata(file, bytes);

    const QString role = file.section(u'.', -2, -2);
    const qint64 version = signedOf(bytes).find("version")->toInteger();
    if (role == u"snapshot"_s) {
        resign(u"timestamp"_s, [&](JsonObject& part) {
            part.insert_or_assign("meta", JsonObject{{"snapshot.json", describe(version, bytes)}});
        });
    } else if (!kTopLevel.contains(role) || role == u"targets"_s) {
        resign(u"snapshot"_s, [&](JsonObject& part) {
            JsonObject meta = part.at("meta").toObject();
            meta.insert_or_assign((role + u".json"_s).toStdString(), describe(version, bytes));
            part.insert_or_assign("meta", meta);
        });
    }
}

std::pair<QString, JsonValue> TestRepository::respelled(const PublicKey& key)
{
    JsonObject object = key.toTuf().toObject();
    const QString upper = object.at("keyval").find("public")->toString().toUpper();
    object.insert_or_assign("keyval", JsonObject{{"public", upper}});
    auto spelled = PublicKey::fromTuf(object);
    if (!spelled)
        qFatal("TestRepository: %s", qPrintable(spelled.error().message));
    return {spelled->keyId(), object};
}

void TestRepository::delegate(const QString& delegator, const QStringList& names)
{
    const PublicKey key = keysOf(delegator).front().publicKey();
    JsonValue expires;
    resign(delegator, [&](JsonObject& part) {
        expires = part.at("expires");
        JsonObject delegations = JsonObject{{"keys", JsonObject{}}, {"roles", JsonArray{}}};
        if (const auto existing = part.find("delegations"); existing != part.end())
            delegations = existing->second.toObject();
        JsonObject keys = delegations.at("keys").toObject();
        keys.insert_or_assign(key.keyId().toStdString(), key.toTuf());
        JsonArray roles = delegations.at("roles").toArray();
        for (const QString& name : names) {
            roles.push_back(JsonObject{{"name", name}, {"keyids", JsonArray{key.keyId()}}, {"threshold", 1},
                {"terminating", false}, {"paths", JsonArray{"*/*/*"}}});
        }
        delegations.insert_or_assign("keys", keys);
        delegations.insert_or_assign("roles", roles);
        part.insert_or_assign("delegations", delegations);
    });
    JsonObject described;
    for (const QString& name : names) {
        const JsonObject part{{"_type", "targets"}, {"spec_version", "1.0.31"}, {"version", 1}, {"expires", expires},
            {"targets", JsonObject{}}};
        described.insert_or_assign(
            (name + u".json"_s).toStdString(), describe(1, writeSigned(u"1.%1.json"_s.arg(name), part, delegator)));
    }
    resign(u"snapshot"_s, [&](JsonObject& part) {
        JsonObject meta = part.at("meta").toObject();
        for (const auto& [file, info] : described)
            meta.insert_or_assign(file, info);
        part.insert_or_assign("meta", meta);
    });
}
