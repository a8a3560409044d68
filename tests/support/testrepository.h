#pragma once

// A real repository for tests, made by RepositoryWriter in a temporary folder, plus the means
// an attacker (or a careless mirror) has: re-signing any role with its own key and arbitrary
// content, serving old files, changing bytes.

#include "publish/keyring.h"
#include "publish/releasepublisher.h"
#include "publish/repositorywriter.h"
#include "json/jsonvalue.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <functional>

class TestRepository
{
public:
    // Creates a repository (channels stable, beta, nightly) signed at `now`, with one target,
    // demo/1.0.0/manifest.json on stable.
    explicit TestRepository(const QDateTime& now, const RepositoryWriter::InitOptions& options = {});

    [[nodiscard]] QString path() const { return m_dir.filePath(QStringLiteral("repo")); }
    [[nodiscard]] QString keysPath() const { return m_dir.filePath(QStringLiteral("keys")); }
    [[nodiscard]] QString metadataPath(const QString& file) const;
    [[nodiscard]] QByteArray metadata(const QString& file) const;
    void setMetadata(const QString& file, const QByteArray& bytes) const;
    [[nodiscard]] QByteArray initialRoot() const { return metadata(QStringLiteral("1.root.json")); }
    [[nodiscard]] qint64 version(const QString& role) const;

    // Opens the writer, lets `change` act, commits at `now`.
    void publish(const QDateTime& now, const std::function<void(RepositoryWriter&)>& change);
    // Publishes the release `options` describes with ReleasePublisher, as `upkeep-publish release`
    // would now; a refusal fails the test.
    void publishRelease(const ReleasePublisher::Options& options);

    // What a snapshot or timestamp says of the metadata file `bytes` at `version`: its version,
    // length and sha256.
    [[nodiscard]] static JsonValue describe(qint64 version, const QByteArray& bytes);

    // Writes a new version of `role` whose signed part `edit` may change at will, signed by
    // `signer` (default: the role's own keys; "retired:ROLE" for its replaced keys), then new snapshot and timestamp
    // versions naming it, as a publisher with the keys could. For "snapshot" only snapshot and timestamp change, for
    // "timestamp" only the timestamp, for "root" a new N.root.json.
    using Edit = std::function<void(JsonObject& signedPart)>;
    void resign(const QString& role, const Edit& edit = {}, const QString& signer = {});

    // Makes `delegator` delegate to each of `names` (paths */*/*, signed by `delegator`'s keys), and writes each of
    // those roles as version 1 without targets, listed in a new snapshot. Never a top-level role's name: its file
    // would replace that role's.
    void delegate(const QString& delegator, const QStringList& names);

    // Adds to metadata `file` a copy of the signature by `keyId` under `aliasId` (one signature per key id, as a
    // publisher listing one key under two ids would write it), and names the changed file in the snapshot or
    // timestamp above it.
    void copySignature(const QString& file, const QString& keyId, const QString& aliasId);
    // `key` spelled another way, with its hex in upper case: the same key under another key id.
    static std::pair<QString, JsonValue> respelled(const PublicKey& key);

    // Every key of `role` in the key folder, or in its retired/ folder.
    [[nodiscard]] std::vector<SigningKey> keysOf(const QString& role, bool retired = false) const;

private:
    [[nodiscard]] QString newestFile(const QString& role) const;
    QByteArray writeSigned(const QString& file, JsonObject signedPart, const QString& signer);

    QTemporaryDir m_dir;
    KeyRing m_keys;
};
