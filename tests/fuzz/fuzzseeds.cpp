// Writes the seed corpora of the fuzz targets, so that no binary fixtures are checked in:
// a small signed repository (root with ed25519 and ECDSA keys, timestamp, snapshot, top-level
// targets with delegations, two channel roles), each file pretty and canonical, the trusted
// set a client keeps for it, and a few JSON documents that reach the parser's corners; and the
// objects and patches (both formats) that Upkeep's own encoders make of pairs of versions; and
// the publisher identity's signatures, revocation lists, certificates and signer facts, good and
// bad, made with the real CertificateAuthority and ManifestSigner from FuzzIdentity's CA.
//
//   fuzz-seeds DIR   writes DIR/json/, DIR/metadata/, DIR/object/, DIR/zstdpatch/, DIR/bsdiffpatch/
//                    and DIR/identity/

#include "decoderinput.h"
#include "fuzzidentity.h"
#include "support/testbytes.h"

#include "publish/certificateauthority.h"
#include "publish/manifestsigner.h"
#include "publish/objectwriter.h"
#include "publish/patchencoder.h"
#include "publish/signingkey.h"
#include "trust/publishercheck.h"
#include "trust/rootmetadata.h"
#include "trust/signedmetadata.h"
#include "trust/snapshotmetadata.h"
#include "trust/targetsmetadata.h"
#include "trust/timestampmetadata.h"
#include "trust/trustedset.h"
#include "json/canonicaljson.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "fuzz-seeds: %s\n", qPrintable(message));
    std::exit(1);
}

template <typename T> T orDie(std::expected<T, Error> result, const char* what)
{
    if (!result)
        die(QString::fromLatin1(what) + u": "_s + result.error().message);
    return std::move(*result);
}

void orDie(std::expected<void, Error> result, const char* what)
{
    if (!result)
        die(QString::fromLatin1(what) + u": "_s + result.error().message);
}

void write(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        die(u"cannot write %1: %2"_s.arg(path, file.errorString()));
}

SigningKey keyFromSeed(char fill)
{
    return orDie(SigningKey::fromSeed(QByteArray(32, fill)), "SigningKey::fromSeed");
}

// A fresh P-256 public key as TUF writes it, the public value as PEM or as a hex SEC 1 point.
JsonValue ecdsaKey(bool pem)
{
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    if (!key)
        die(u"EVP_EC_gen failed"_s);
    std::string value;
    if (pem) {
        std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
        char* text = nullptr;
        if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
            die(u"PEM_write_bio_PUBKEY failed"_s);
        const long length = BIO_get_mem_data(bio.get(), &text);
        value.assign(text, size_t(length));
    } else {
        unsigned char point[65];
        size_t length = 0;
        if (EVP_PKEY_get_octet_string_param(key.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point, sizeof point, &length)
            != 1)
            die(u"EVP_PKEY_get_octet_string_param failed"_s);
        value = QByteArray(reinterpret_cast<const char*>(point), qsizetype(length)).toHex().toStdString();
    }
    return JsonObject{
        {"keytype", "ecdsa"},
        {"keyval", JsonObject{{"public", value}}},
        {"scheme", "ecdsa-sha2-nistp256"},
    };
}

RoleKeys roleKeys(const SigningKey& key)
{
    return RoleKeys{{key.publicKey().keyId()}, 1};
}

MetadataHeader header(qint64 version)
{
    MetadataHeader header;
    header.version = version;
    header.expires = QDateTime(QDate(2099, 1, 31), QTime(12, 0), Qt::UTC);
    return header;
}

SignedMetadata sign(const JsonValue& signedPart, std::initializer_list<const SigningKey*> keys)
{
    SignedMetadata metadata = SignedMetadata::wrap(signedPart);
    for (const SigningKey* key : keys)
        orDie(key->sign(metadata), "SigningKey::sign");
    return metadata;
}

// Writes NAME.json pretty (as a repository holds it) and NAME.canonical.json; returns the pretty bytes.
QByteArray writeRole(const QString& directory, const QString& name, const SignedMetadata& metadata)
{
    const QByteArray pretty = metadata.toBytes();
    write(directory + u'/' + name + u".json"_s, pretty);
    write(directory + u'/' + name + u".canonical.json"_s, canonicalJson(metadata.toJson()));
    return pretty;
}

void writeMetadataSeeds(const QString& directory)
{
    const SigningKey rootKey = keyFromSeed('r');
    const SigningKey timestampKey = keyFromSeed('t');
    const SigningKey snapshotKey = keyFromSeed('s');
    const SigningKey targetsKey = keyFromSeed('g');
    const SigningKey stableKey = keyFromSeed('1');
    const SigningKey betaKey = keyFromSeed('2');

    RootMetadata root;
    root.header = header(1);
    root.consistentSnapshot = true;
    for (const SigningKey* key : {&rootKey, &timestampKey, &snapshotKey, &targetsKey})
        root.keys.emplace(key->publicKey().keyId(), key->publicKey());
    // ECDSA keys that no role uses, to reach the PEM and SEC 1 point readers.
    for (const bool pem : {true, false}) {
        auto key = orDie(PublicKey::fromTuf(ecdsaKey(pem)), "PublicKey::fromTuf");
        root.keys.emplace(key.keyId(), key);
    }
    root.roles.emplace(u"root"_s, roleKeys(rootKey));
    root.roles.emplace(u"timestamp"_s, roleKeys(timestampKey));
    root.roles.emplace(u"snapshot"_s, roleKeys(snapshotKey));
    root.roles.emplace(u"targets"_s, roleKeys(targetsKey));
    root.unrecognized.emplace("x-publisher", "fuzz-seeds");

    TargetsMetadata stable;
    stable.header = header(1);
    const JsonValue custom = JsonObject{
        {"version", "1.2.0"},
        {"released", "2030-01-31T12:00:00Z"},
        {"critical", false},
        {"rollout", 100},
        {"minimum_version", "1.0.0"},
    };
    stable.targets.emplace(u"app/1.2.0/manifest.json"_s, TargetFileInfo::describe("{\"files\":[]}\n", custom));
    stable.targets.emplace(u"app/1.2.0/CHANGELOG.md"_s, TargetFileInfo::describe("# 1.2.0\n\n- Fixes.\n"));

    TargetsMetadata beta;
    beta.header = header(3);
    beta.targets.emplace(u"app/1.3.0-beta.1/manifest.json"_s, TargetFileInfo::describe("{}", JsonObject{}));

    TargetsMetadata targets;
    targets.header = header(2);
    TargetsMetadata::Delegations delegations;
    delegations.keys.emplace(stableKey.publicKey().keyId(), stableKey.publicKey());
    delegations.keys.emplace(betaKey.publicKey().keyId(), betaKey.publicKey());
    DelegatedRole stableRole{u"stable"_s, roleKeys(stableKey), false, QStringList{u"*/*/*"_s}, std::nullopt, {}};
    DelegatedRole betaRole{u"beta"_s, roleKeys(betaKey), true, std::nullopt, QStringList{u"8"_s, u"a3"_s}, {}};
    delegations.roles = {stableRole, betaRole};
    targets.delegations = std::move(delegations);

    const SignedMetadata rootFile = sign(root.toSigned(), {&rootKey});
    const SignedMetadata targetsFile = sign(targets.toSigned(), {&targetsKey});
    const SignedMetadata stableFile = sign(stable.toSigned(), {&stableKey});
    const SignedMetadata betaFile = sign(beta.toSigned(), {&betaKey});
    const QByteArray rootBytes = writeRole(directory, u"1.root"_s, rootFile);
    const QByteArray targetsBytes = writeRole(directory, u"2.targets"_s, targetsFile);
    const QByteArray stableBytes = writeRole(directory, u"1.stable"_s, stableFile);
    const QByteArray betaBytes = writeRole(directory, u"3.beta"_s, betaFile);

    SnapshotMetadata snapshot;
    snapshot.header = header(5);
    MetaFileInfo targetsInfo{2, targetsBytes.size(), FileHashes::sha256Of(targetsBytes), {}};
    snapshot.meta.emplace(u"targets.json"_s, targetsInfo);
    // stable.json by version alone, so that the cyclic variant below can take its place.
    snapshot.meta.emplace(u"stable.json"_s, MetaFileInfo{1, std::nullopt, {}, {}});
    snapshot.meta.emplace(u"beta.json"_s, MetaFileInfo{3, betaBytes.size(), FileHashes::sha256Of(betaBytes), {}});
    const QByteArray snapshotBytes = writeRole(directory, u"5.snapshot"_s, sign(snapshot.toSigned(), {&snapshotKey}));

    TimestampMetadata timestamp;
    timestamp.header = header(7);
    timestamp.snapshot = MetaFileInfo{5, snapshotBytes.size(), FileHashes::sha256Of(snapshotBytes), {}};
    const QByteArray timestampBytes = writeRole(directory, u"timestamp"_s, sign(timestamp.toSigned(), {&timestampKey}));

    // What a client keeps after refreshing from this repository: the seed for TrustedSet::load.
    const QDateTime now(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    TrustedSet set = orDie(TrustedSet::fromRoot(rootBytes), "TrustedSet::fromRoot");
    orDie(set.updateTimestamp(timestampBytes, now), "updateTimestamp");
    orDie(set.updateSnapshot(snapshotBytes, now), "updateSnapshot");
    orDie(set.updateTargets(u"targets"_s, u"root"_s, targetsBytes, now), "updateTargets(targets)");
    orDie(set.updateTargets(u"stable"_s, u"targets"_s, stableBytes, now), "updateTargets(stable)");
    orDie(set.updateTargets(u"beta"_s, u"targets"_s, betaBytes, now), "updateTargets(beta)");
    write(directory + u"/trusted.json"_s, set.save());

    // Regression: a channel that delegates to itself once made TrustedSet::load loop forever.
    TargetsMetadata cyclic = stable;
    cyclic.delegations = TargetsMetadata::Delegations{{{stableKey.publicKey().keyId(), stableKey.publicKey()}},
        {{u"stable"_s, roleKeys(stableKey), false, QStringList{u"*"_s}, std::nullopt, {}}}, {}};
    const QByteArray cyclicBytes = sign(cyclic.toSigned(), {&stableKey}).toBytes();
    orDie(set.updateTargets(u"stable"_s, u"targets"_s, cyclicBytes, now), "updateTargets(cyclic stable)");
    write(directory + u"/trusted-cycle.json"_s, set.save());

    // Regression: Qt reads 24:00:00 as the next midnight, which after 9999-12-31 it cannot write.
    TimestampMetadata endOfTime = timestamp;
    endOfTime.header.expires = QDateTime(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC);
    QByteArray endOfTimeBytes = sign(endOfTime.toSigned(), {&timestampKey}).toBytes();
    endOfTimeBytes.replace("9999-12-31T00:00:00Z", "9999-12-31T24:00:00Z");
    write(directory + u"/timestamp-24h.json"_s, endOfTimeBytes);
}

// Small documents for the parser's corners: escapes, surrogate pairs, raw control characters
// (canonical JSON writes them raw), the 64-bit integer range, nesting, empty containers.
void writeJsonSeeds(const QString& directory)
{
    const char* documents[] = {
        "null",
        "[true,false,null,0,-1,9223372036854775807,-9223372036854775808]",
        "{\"a\":{\"b\":[[],{}]},\"\":\"\"}",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\\u00e9\\u20ac\\ud83d\\ude00\"",
        "\"raw \x01\x1f\n\t controls, caf\xc3\xa9, \xe2\x82\xac, \xf0\x9f\x98\x80\"",
        " { \"z\" : 1 ,\n\t\"a\" : [ 1 , 2 ] }\r\n",
        "[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]",
    };
    int index = 0;
    for (const char* document : documents)
        write(directory + u"/doc%1.json"_s.arg(++index), QByteArray(document));
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        die(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return file.readAll();
}

// Bytes shaped like a small program: one-byte instructions with four-byte absolute addresses, and
// its next build with code inserted in the middle, so that every later address shifts.
std::pair<QByteArray, QByteArray> program(int instructions, quint32 seed)
{
    QRandomGenerator generator(seed);
    std::vector<quint32> targets(static_cast<size_t>(instructions));
    for (quint32& target : targets)
        target = generator.bounded(quint32(instructions));
    auto render = [](const std::vector<quint32>& to, int shiftFrom, int shift) {
        QByteArray bytes;
        for (size_t i = 0; i < to.size(); ++i) {
            const quint32 address = 0x400000 + (to[i] + (int(to[i]) >= shiftFrom ? quint32(shift) : 0)) * 5;
            bytes.append(char(0x40 + i % 12));
            for (int bit = 0; bit < 32; bit += 8)
                bytes.append(char(address >> bit));
            if (int(i) == shiftFrom)
                bytes.append(QByteArray(shift * 5, '\x90'));
        }
        return bytes;
    };
    return {render(targets, instructions, 0), render(targets, instructions / 2, 16)};
}

// Seeds for the decoder targets: for each pair of versions a release might have, the object of
// the new version and both patches from the old one, as the publisher makes them.
void writeDecoderSeeds(const QString& objects, const QString& zstdPatches, const QString& bsdiffPatches)
{
    QByteArray text;
    for (int line = 0; line < 120; ++line)
        text += "line " + QByteArray::number(line) + " of the release notes, mostly unchanged\n";
    QByteArray edited = text;
    edited.replace("line 60 of", "line 60, now changed, of");
    edited.insert(edited.size() / 3, "a line inserted in the new version\n");
    const auto [code, shiftedCode] = program(1000, 5);
    const struct {
        const char* name;
        QByteArray before;
        QByteArray after;
    } pairs[] = {
        {"edited-text", text, edited},
        {"shifted-code", code, shiftedCode},
        {"appended", text, text + "one more line\n"},
        {"new-file", {}, text},
        {"emptied", text, {}},
        {"unchanged", text, text},
        {"unrelated", randomBytes(2000, 1), randomBytes(2000, 2)},
        {"zeros", QByteArray(3000, '\0'), QByteArray(9000, '\0')},
    };

    QTemporaryDir work;
    if (!work.isValid())
        die(u"cannot create a temporary folder"_s);
    const QString oldFile = work.filePath(u"old"_s);
    const QString newFile = work.filePath(u"new"_s);
    const QString patchFile = work.filePath(u"patch"_s);
    ObjectWriter store(work.filePath(u"repository"_s));
    for (const auto& pair : pairs) {
        const QString name = QString::fromLatin1(pair.name);
        write(oldFile, pair.before);
        write(newFile, pair.after);
        const QString content = sha256(pair.after);
        orDie(store.put(newFile, content), "ObjectWriter::put");
        write(objects + u'/' + name, DecoderInput::make(pair.after, readFile(store.objectPath(content)), std::nullopt));
        for (const PatchFormat format : {PatchFormat::Zstd, PatchFormat::Bsdiff}) {
            orDie(PatchEncoder::encode(format, oldFile, newFile, patchFile), "PatchEncoder::encode");
            write((format == PatchFormat::Zstd ? zstdPatches : bsdiffPatches) + u'/' + name,
                DecoderInput::make(pair.after, readFile(patchFile), pair.before));
        }
    }
}

// Seeds for fuzz-identity, each behind the byte that picks its kind (see fuzz_identity.cpp).
void writeIdentitySeeds(const QString& directory)
{
    const FuzzIdentity identity;
    const CertificateAuthority& authority = identity.authority();
    const QByteArray manifest = FuzzIdentity::manifest();
    const QDateTime now = FuzzIdentity::now();
    const QDateTime created = FuzzIdentity::created();
    const QDateTime signedAt = now.addDays(-2);
    auto seed = [&](char kind, const QString& name, const QByteArray& bytes) {
        write(directory + u'/' + name, QByteArray(1, kind) + bytes);
    };

    struct Signer {
        Certificate certificate;
        SigningKey key;
    };
    auto signer = [&](const CertificateAuthority& from, const QDateTime& notBefore, int days) {
        SigningKey key = orDie(SigningKey::generate(SigningKey::Algorithm::EcdsaP256), "signer key");
        Certificate certificate = orDie(from.issue(key.publicKey(), u"build server"_s, notBefore, days), "issue");
        return Signer{std::move(certificate), std::move(key)};
    };
    auto signManifest = [&](const Signer& by, const QByteArray& content, const Certificate& ca, const QDateTime& at) {
        return orDie(ManifestSigner::sign(content, by.certificate, by.key, {ca}, at), "ManifestSigner::sign");
    };
    const Certificate& ca = authority.certificate();
    const Signer good = signer(authority, created, 365);
    const Signer expired = signer(authority, created.addDays(-400), 365);
    const Signer revoked{
        FuzzIdentity::reissued(good.certificate, FuzzIdentity::revokedSerial(), identity.caKey()), good.key};
    const SigningKey otherKey = orDie(SigningKey::generate(SigningKey::Algorithm::Ed25519), "other CA key");
    const CertificateAuthority other(
        orDie(CertificateAuthority::create(otherKey, u"Fuzz GmbH"_s, created), "other CA"), otherKey);
    const Signer foreign = signer(other, created, 365);

    const QByteArray goodSignature = signManifest(good, manifest, ca, signedAt);
    const auto facts
        = PublisherCheck(identity.anchor())
              .verifyManifest(manifest, goodSignature, identity.revocationList(), now, FuzzIdentity::manifestPath());
    orDie(facts, "the good seed signature verifies");
    seed(0, u"signature-good"_s, goodSignature);
    seed(0, u"signature-revoked"_s, signManifest(revoked, manifest, ca, signedAt));
    seed(0, u"signature-expired"_s, signManifest(expired, manifest, ca, signedAt));
    seed(0, u"signature-future"_s, signManifest(good, manifest, ca, now.addDays(1)));
    seed(0, u"signature-other-ca"_s, signManifest(foreign, manifest, other.certificate(), signedAt));
    // Regression: a valid SignerInfo whose SignedData lists an unknown digest made OpenSSL 3.0's CMS_verify
    // leak the copy of the content it reads (openssl/openssl#30471).
    QByteArray unknownDigest = goodSignature;
    const QByteArray sha256Oid("\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01", 11);
    const qsizetype digestAlgorithms = unknownDigest.indexOf(sha256Oid);
    unknownDigest[digestAlgorithms + sha256Oid.size() - 1] = '\x7f';
    seed(0, u"signature-unknown-digest-algorithm"_s, unknownDigest);
    seed(0, u"signature-other-manifest"_s, signManifest(good, manifest + " ", ca, signedAt));

    seed(1, u"crl-trusted"_s, identity.revocationList().der());
    seed(5, u"crl-trusted-against-itself"_s, identity.revocationList().der());
    const QDateTime listed(QDate(2030, 6, 2), QTime(0, 0), Qt::UTC);
    const std::vector<RevocationList::Revocation> entries{
        {FuzzIdentity::revokedSerial(), listed, RevocationList::Reason::KeyCompromise},
        {good.certificate.serial(), listed, RevocationList::Reason::Superseded},
        {expired.certificate.serial(), listed, RevocationList::Reason::CessationOfOperation},
    };
    seed(5, u"crl-newer"_s, orDie(authority.revocationList(entries, 6, listed), "CRL 6").der());
    seed(5, u"crl-older"_s, orDie(authority.revocationList({}, 4, listed), "CRL 4").der());
    seed(1, u"crl-expired"_s, orDie(authority.revocationList({}, 7, created), "expired CRL").der());
    seed(1, u"crl-future"_s, orDie(authority.revocationList({}, 8, now.addDays(2)), "future CRL").der());
    seed(1, u"crl-other-ca"_s, orDie(other.revocationList(entries, 9, listed), "other CRL").der());

    seed(2, u"certificate-ca.der"_s, ca.der());
    seed(2, u"certificate-ca.pem"_s, ca.pem());
    seed(2, u"certificate-signer.der"_s, good.certificate.der());
    seed(2, u"certificate-signer.pem"_s, good.certificate.pem() + ca.pem());

    seed(3, u"signer.json"_s, canonicalJson(facts->toJson()));
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz-seeds DIR\n");
        return 2;
    }
    const QString directory = QString::fromLocal8Bit(argv[1]);
    const QString json = directory + u"/json"_s;
    const QString metadata = directory + u"/metadata"_s;
    const QString objects = directory + u"/object"_s;
    const QString zstdPatches = directory + u"/zstdpatch"_s;
    const QString bsdiffPatches = directory + u"/bsdiffpatch"_s;
    const QString identity = directory + u"/identity"_s;
    for (const QString& folder : {json, metadata, objects, zstdPatches, bsdiffPatches, identity}) {
        if (!QDir().mkpath(folder))
            die(u"cannot create %1"_s.arg(folder));
    }
    writeMetadataSeeds(metadata);
    writeJsonSeeds(json);
    writeDecoderSeeds(objects, zstdPatches, bsdiffPatches);
    writeIdentitySeeds(identity);
    // Every metadata file is JSON too.
    for (const QString& name : QDir(metadata).entryList(QDir::Files)) {
        QFile::remove(json + u'/' + name);
        if (!QFile::copy(metadata + u'/' + name, json + u'/' + name))
            die(u"cannot copy %1 into %2"_s.arg(name, json));
    }
    return 0;
}
