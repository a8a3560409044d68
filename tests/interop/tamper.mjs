#!/usr/bin/env node
// Damages one file of a repository copy in place, for the interoperability tests.
//
//   node tamper.mjs flip-byte FILE            changes one byte in the middle of FILE
//   node tamper.mjs bump-version FILE         adds 1 to signed.version, signatures untouched
//   node tamper.mjs swap-signature FILE FROM  puts FROM's first signature value (valid hex, made
//                                             by a real key over other bytes) in place of
//                                             FILE's first signature value, key id untouched

import fs from 'node:fs';

function usage(message) {
  process.stderr.write(
    `tamper: ${message}\nusage: node tamper.mjs flip-byte FILE | bump-version FILE | swap-signature FILE FROM\n`
  );
  process.exit(2);
}

const [mode, file, from] = process.argv.slice(2);
if (!file) usage('a mode and a FILE are required');

// Rewrites JSON with the indentation it had, so that only the intended field changes meaning.
function rewriteJSON(path, change) {
  const text = fs.readFileSync(path, 'utf8');
  const indent = /^\{\n( +|\t)"/.exec(text)?.[1] ?? '';
  const doc = JSON.parse(text);
  change(doc);
  fs.writeFileSync(path, JSON.stringify(doc, null, indent) + (text.endsWith('\n') ? '\n' : ''));
}

switch (mode) {
  case 'flip-byte': {
    const bytes = fs.readFileSync(file);
    if (bytes.length === 0) usage(`${file} is empty`);
    const at = Math.floor(bytes.length / 2);
    bytes[at] ^= 0x01;
    fs.writeFileSync(file, bytes);
    break;
  }
  case 'bump-version':
    rewriteJSON(file, (doc) => {
      if (!Number.isInteger(doc?.signed?.version)) usage(`${file} has no signed.version`);
      doc.signed.version += 1;
    });
    break;
  case 'swap-signature': {
    if (!from) usage('swap-signature needs FROM');
    const donor = JSON.parse(fs.readFileSync(from, 'utf8')).signatures?.[0]?.sig;
    if (!/^[0-9a-f]+$/.test(donor ?? '')) usage(`${from} has no hex signature`);
    rewriteJSON(file, (doc) => {
      if (!doc?.signatures?.[0]) usage(`${file} has no signature`);
      if (doc.signatures[0].sig === donor) usage(`${file} and ${from} carry the same signature`);
      doc.signatures[0].sig = donor;
    });
    break;
  }
  default:
    usage(`unknown mode ${mode}`);
}
