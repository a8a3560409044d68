#!/usr/bin/env node
// Builds a TUF 1.0 repository with @tufjs/models alone, independently of Upkeep's own writer.
//
//   node make-repo.mjs OUT [--no-consistent-snapshot]
//
// OUT/metadata holds 1.root.json (and the same bytes as root.json), timestamp.json,
// N.snapshot.json, N.targets.json and N.beta.json, where beta is a role delegated by the
// top-level targets role for the paths "*/*/*". With --no-consistent-snapshot the root says so
// and the files are snapshot.json, targets.json, beta.json. Every key is a fresh ed25519 key
// from node:crypto; key ids are the sha256 of the canonical JSON of the public key, and every
// signature is over the canonical JSON of "signed" as @tufjs/models computes it. The root role
// has two keys and a threshold of two; each other role has one key.
//
// Targets: two listed by the top-level targets role, two by beta (one of them with a "custom"
// object). Each is stored under OUT/targets as DIR/SHA256.NAME (consistent snapshots) or at its
// plain path, with only a sha256 hash listed. Prints one line per target on stdout:
// "TARGET-PATH<TAB>STORED-FILE", the stored file relative to OUT.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalize } from '@tufjs/canonical-json';
import { Key, MetaFile, Metadata, Root, Signature, Snapshot, TargetFile, Targets, Timestamp } from '@tufjs/models';
import { Delegations } from '@tufjs/models/dist/delegations.js';
import { DelegatedRole, Role } from '@tufjs/models/dist/role.js';

const SPEC_VERSION = '1.0.31';
const DELEGATED_ROLE = 'beta';
const DELEGATED_PATHS = ['*/*/*'];

function usage(message) {
  process.stderr.write(`make-repo: ${message}\nusage: node make-repo.mjs OUT [--no-consistent-snapshot]\n`);
  process.exit(2);
}

let out = null;
let consistentSnapshot = true;
for (const arg of process.argv.slice(2)) {
  if (arg === '--no-consistent-snapshot') consistentSnapshot = false;
  else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
  else if (out === null) out = arg;
  else usage(`unexpected argument ${arg}`);
}
if (out === null) usage('OUT is required');

// "2030-01-01T00:00:00Z": TUF's date format, without fractional seconds.
function expiresIn(days) {
  return new Date(Date.now() + days * 86400 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sha256(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

// A fresh ed25519 key pair as a TUF Key (hex public value) plus a signer for Metadata.sign().
function makeKey() {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const publicHex = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url').toString('hex');
  const body = { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: publicHex } };
  const keyID = sha256(Buffer.from(canonicalize(body)));
  const key = new Key({ keyID, keyType: body.keytype, scheme: body.scheme, keyVal: body.keyval });
  if (sha256(Buffer.from(canonicalize(key.toJSON()))) !== keyID) {
    throw new Error('key id does not match the canonical JSON of the key');
  }
  const signer = (bytes) => new Signature({ keyID, sig: crypto.sign(null, bytes, privateKey).toString('hex') });
  return { key, signer };
}

// Signs METADATA with every signer, checks each signature with @tufjs/models itself and
// returns the bytes to write.
function signAndSerialize(metadata, signers) {
  for (const signer of signers) metadata.sign(signer);
  const bytes = Buffer.from(JSON.stringify(metadata.toJSON(), null, 1) + '\n');
  const reread = JSON.parse(bytes.toString('utf8'));
  const signedBytes = Buffer.from(canonicalize(reread.signed));
  if (!signedBytes.equals(Buffer.from(canonicalize(metadata.signed.toJSON())))) {
    throw new Error('serialized signed part differs from the one signed');
  }
  return bytes;
}

function write(relative, bytes) {
  const file = path.join(out, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
}

function metadataName(role, version) {
  return consistentSnapshot ? `${version}.${role}.json` : `${role}.json`;
}

// Stores BYTES as target PATH and returns its TargetFile.
const listing = [];
function addTarget(targetPath, bytes, custom) {
  const digest = sha256(bytes);
  const { dir, base } = path.posix.parse(targetPath);
  const storedName = consistentSnapshot ? `${digest}.${base}` : base;
  const stored = path.posix.join('targets', dir, storedName);
  write(stored, bytes);
  listing.push(`${targetPath}\t${stored}`);
  return new TargetFile({
    path: targetPath,
    length: bytes.length,
    hashes: { sha256: digest },
    unrecognizedFields: custom ? { custom } : undefined,
  });
}

if (fs.existsSync(out) && fs.readdirSync(out).length > 0) usage(`${out} exists and is not empty`);
fs.mkdirSync(path.join(out, 'metadata'), { recursive: true });

const keys = {
  root1: makeKey(),
  root2: makeKey(),
  timestamp: makeKey(),
  snapshot: makeKey(),
  targets: makeKey(),
  beta: makeKey(),
};

// Targets: two on the top-level role, two on the delegated role.
const topTargets = [
  addTarget('README.txt', Buffer.from('Repository made by tests/interop/make-repo.mjs with @tufjs/models.\n')),
  addTarget('demo/1.0.0/manifest.json', Buffer.from('{"app":"demo","version":"1.0.0","files":[]}\n')),
];
const betaTargets = [
  addTarget('demo/1.1.0/manifest.json', Buffer.from('{"app":"demo","version":"1.1.0","files":[]}\n'), {
    version: '1.1.0',
    critical: false,
    rollout: 50,
  }),
  // Bytes of every value, so that a reader that mangles binary content is caught.
  addTarget('demo/1.1.0/payload.bin', Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) % 256))),
];

const beta = new Metadata(
  new Targets({ version: 1, specVersion: SPEC_VERSION, expires: expiresIn(180) })
);
for (const target of betaTargets) beta.signed.addTarget(target);
const betaBytes = signAndSerialize(beta, [keys.beta.signer]);

const targets = new Metadata(
  new Targets({
    version: 1,
    specVersion: SPEC_VERSION,
    expires: expiresIn(180),
    delegations: new Delegations({
      keys: { [keys.beta.key.keyID]: keys.beta.key },
      roles: {
        [DELEGATED_ROLE]: new DelegatedRole({
          name: DELEGATED_ROLE,
          keyIDs: [keys.beta.key.keyID],
          threshold: 1,
          terminating: false,
          paths: DELEGATED_PATHS,
        }),
      },
    }),
  })
);
for (const target of topTargets) targets.signed.addTarget(target);
const targetsBytes = signAndSerialize(targets, [keys.targets.signer]);

// Snapshot lists the targets roles by version only (the usual choice), so that an edit of their
// signed content is caught by the signature check rather than by a hash.
const snapshot = new Metadata(
  new Snapshot({
    version: 1,
    specVersion: SPEC_VERSION,
    expires: expiresIn(30),
    meta: {
      'targets.json': new MetaFile({ version: 1 }),
      [`${DELEGATED_ROLE}.json`]: new MetaFile({ version: 1 }),
    },
  })
);
const snapshotBytes = signAndSerialize(snapshot, [keys.snapshot.signer]);

// Timestamp lists the snapshot with its length and hash as well.
const timestamp = new Metadata(
  new Timestamp({
    version: 1,
    specVersion: SPEC_VERSION,
    expires: expiresIn(7),
    snapshotMeta: new MetaFile({
      version: 1,
      length: snapshotBytes.length,
      hashes: { sha256: sha256(snapshotBytes) },
    }),
  })
);
const timestampBytes = signAndSerialize(timestamp, [keys.timestamp.signer]);

const root = new Metadata(
  new Root({
    version: 1,
    specVersion: SPEC_VERSION,
    expires: expiresIn(365),
    consistentSnapshot,
    keys: {},
    roles: {
      root: new Role({ keyIDs: [], threshold: 2 }),
      timestamp: new Role({ keyIDs: [], threshold: 1 }),
      snapshot: new Role({ keyIDs: [], threshold: 1 }),
      targets: new Role({ keyIDs: [], threshold: 1 }),
    },
  })
);
root.signed.addKey(keys.root1.key, 'root');
root.signed.addKey(keys.root2.key, 'root');
root.signed.addKey(keys.timestamp.key, 'timestamp');
root.signed.addKey(keys.snapshot.key, 'snapshot');
root.signed.addKey(keys.targets.key, 'targets');
const rootBytes = signAndSerialize(root, [keys.root1.signer, keys.root2.signer]);

// Check every role against its delegator with @tufjs/models before writing anything.
root.verifyDelegate('root', root);
root.verifyDelegate('timestamp', timestamp);
root.verifyDelegate('snapshot', snapshot);
root.verifyDelegate('targets', targets);
targets.verifyDelegate(DELEGATED_ROLE, beta);

write('metadata/1.root.json', rootBytes);
write('metadata/root.json', rootBytes);
write('metadata/timestamp.json', timestampBytes);
write(`metadata/${metadataName('snapshot', 1)}`, snapshotBytes);
write(`metadata/${metadataName('targets', 1)}`, targetsBytes);
write(`metadata/${metadataName(DELEGATED_ROLE, 1)}`, betaBytes);

process.stdout.write(listing.map((line) => line + '\n').join(''));
