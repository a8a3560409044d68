#!/usr/bin/env node
// An independent TUF client for the interoperability tests: tuf-js reads a repository folder.
//
//   node tufjs-client.mjs --repo DIR --root ROOT.json --target PATH [--expect FILE]
//                         [--target PATH2 [--expect FILE2] ...] [--metadata-dir DIR]
//
// Serves DIR/metadata and DIR/targets over HTTP on 127.0.0.1 (a port of the system's choosing),
// points a tuf-js Updater at it with ROOT.json as the trusted root, refreshes, then for each
// --target looks it up (following delegations) and downloads it, which checks its length and
// hashes. An --expect after a --target compares the downloaded bytes with that file.
// --metadata-dir keeps the client's trusted metadata in DIR across runs (seeded with ROOT.json
// when DIR has no root.json yet); without it a temporary folder is used and removed.
// Prints one line per target; exits 0 when all is well, 1 with the error otherwise.

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Updater } from 'tuf-js';

function usage(message) {
  process.stderr.write(
    `tufjs-client: ${message}\n` +
      'usage: node tufjs-client.mjs --repo DIR --root ROOT.json --target PATH [--expect FILE] ' +
      '[--target PATH2 [--expect FILE2] ...] [--metadata-dir DIR]\n'
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { repo: null, root: null, metadataDir: null, targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--repo':
        opts.repo = value();
        break;
      case '--root':
        opts.root = value();
        break;
      case '--metadata-dir':
        opts.metadataDir = value();
        break;
      case '--target':
        opts.targets.push({ path: value(), expect: null });
        break;
      case '--expect':
        if (opts.targets.length === 0) usage('--expect must follow a --target');
        opts.targets[opts.targets.length - 1].expect = value();
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  if (!opts.repo) usage('--repo is required');
  if (!opts.root) usage('--root is required');
  if (opts.targets.length === 0) usage('at least one --target is required');
  return opts;
}

// Serves ROOT/metadata/* and ROOT/targets/* read-only; anything else, or a missing file, is a 404.
function startServer(repo) {
  const roots = {
    metadata: path.resolve(repo, 'metadata'),
    targets: path.resolve(repo, 'targets'),
  };
  const server = http.createServer((req, res) => {
    const notFound = () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found\n');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return notFound();
    }
    const match = /^\/(metadata|targets)\/(.+)$/.exec(pathname);
    if (!match) return notFound();
    const base = roots[match[1]];
    const file = path.resolve(base, match[2]);
    if (!file.startsWith(base + path.sep)) return notFound();
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return notFound();
    }
    if (!stat.isFile()) return notFound();
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': stat.size,
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function describe(error) {
  const name = error?.constructor?.name ?? 'Error';
  let text = `${name}: ${error?.message ?? String(error)}`;
  for (let cause = error?.cause; cause; cause = cause.cause) {
    text += ` (caused by ${cause?.constructor?.name ?? 'Error'}: ${cause?.message ?? cause})`;
  }
  return text;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(opts.repo, 'metadata'))) usage(`${opts.repo}/metadata does not exist`);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tufjs-client-'));
  let server = null;
  try {
    const metadataDir = opts.metadataDir ?? path.join(scratch, 'metadata');
    fs.mkdirSync(metadataDir, { recursive: true });
    if (!fs.existsSync(path.join(metadataDir, 'root.json'))) {
      fs.copyFileSync(opts.root, path.join(metadataDir, 'root.json'));
    }
    const targetDir = path.join(scratch, 'targets');
    fs.mkdirSync(targetDir);

    server = await startServer(opts.repo);
    const base = `http://127.0.0.1:${server.address().port}`;
    const updater = new Updater({
      metadataBaseUrl: `${base}/metadata`,
      targetBaseUrl: `${base}/targets`,
      metadataDir,
      targetDir,
      config: { fetchRetries: 0, fetchTimeout: 20000 },
    });

    await updater.refresh();

    for (const target of opts.targets) {
      const info = await updater.getTargetInfo(target.path);
      if (!info) throw new Error(`target ${target.path} is not listed by any role`);
      const file = await updater.downloadTarget(info);
      const bytes = fs.readFileSync(file);
      if (target.expect !== null) {
        const expected = fs.readFileSync(target.expect);
        if (!bytes.equals(expected)) {
          throw new Error(
            `target ${target.path}: downloaded ${bytes.length} bytes differ from ${target.expect} ` +
              `(${expected.length} bytes)`
          );
        }
      }
      const custom = Object.keys(info.custom ?? {}).length ? ` custom=${JSON.stringify(info.custom)}` : '';
      const hashes = Object.entries(info.hashes)
        .map(([algorithm, digest]) => `${algorithm}=${digest}`)
        .join(' ');
      const checked = target.expect !== null ? ' bytes-match' : '';
      process.stdout.write(`ok ${target.path} length=${info.length} ${hashes}${custom}${checked}\n`);
    }
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`tufjs-client: FAILED: ${describe(error)}\n`);
    process.exit(1);
  }
);
