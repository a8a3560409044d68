#!/usr/bin/env bash
# Interoperability tests between Upkeep and tuf-js, an independent TUF implementation.
#
#   run-interop.sh self-check                       make-repo.mjs's repositories pass tuf-js and
#                                                   tamper.mjs's copies of them fail it
#   run-interop.sh tufjs-reads-upkeep UPKEEP-PUBLISH tuf-js refreshes and downloads from a
#                                                   repository written by upkeep-publish
#   run-interop.sh upkeep-reads-tufjs UPKEEP-PUBLISH upkeep-publish verify accepts repositories
#                                                   written with @tufjs/models and rejects
#                                                   tampered copies of them (the same ones that
#                                                   self-check shows tuf-js rejecting)
#   run-interop.sh tufjs-reads-identity UPKEEP-PUBLISH
#                                                   tuf-js follows the new root of "ca init"
#                                                   that carries "upkeep_publisher", downloads
#                                                   publisher/ca.crl from the top-level targets
#                                                   and a signed release's manifest.json.p7s
#
# Needs a node in the range of package.json's engines.node and tests/interop/node_modules
# (scripts/setup installs both, or says what to install). Everything it writes
# goes to a temporary folder removed at exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-}
publish=${2:-}

die() {
  echo "FAIL: $*" >&2
  exit 1
}
pass() { echo "PASS: $*"; }

# A node outside the range of package.json fails the test: never a pass, never a skip.
why=$(bash "$here/check-node.sh" 2>&1 >/dev/null) || die "$why"
[ -d "$here/node_modules/tuf-js" ] || die "$here/node_modules is missing (run scripts/setup)"
case $mode in
  self-check) ;;
  tufjs-reads-upkeep | upkeep-reads-tufjs | tufjs-reads-identity)
    if [ -z "$publish" ] || [ ! -x "$publish" ]; then die "usage: $0 $mode UPKEEP-PUBLISH (got '$publish')"; fi
    ;;
  *) die "usage: $0 self-check | tufjs-reads-upkeep UPKEEP-PUBLISH | upkeep-reads-tufjs UPKEEP-PUBLISH | tufjs-reads-identity UPKEEP-PUBLISH" ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/upkeep-interop.XXXXXX")
trap 'rm -rf "$work"' EXIT

tufjs() { node "$here/tufjs-client.mjs" "$@"; }
tamper() { node "$here/tamper.mjs" "$@"; }
# The publisher never prompts: no passphrase in the environment, no terminal on stdin.
upkeep_publish() { env -u UPKEEP_PASSPHRASE -u UPKEEP_ONLINE_PASSPHRASE "$publish" "$@" </dev/null; }

# Reads a field of a JSON file: json_field FILE 'doc.signed.version'
json_field() { node -e 'const doc = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]))' "$1" "$2"; }

# make_repo OUT [--no-consistent-snapshot]: fills OUT and OUT.list ("PATH<TAB>STORED" lines).
make_repo() { node "$here/make-repo.mjs" "$@" >"$1.list"; }

# tufjs_args_for REPO: --target/--expect pairs for every target of a make-repo.mjs repository.
tufjs_args_for() {
  args=()
  local target stored
  while IFS=$'\t' read -r target stored; do
    args+=(--target "$target" --expect "$1/$stored")
  done <"$1.list"
  [ ${#args[@]} -gt 0 ] || die "$1.list lists no target"
}

# stored_file REPO TARGET: the file holding TARGET in a make-repo.mjs repository.
stored_file() { awk -F '\t' -v t="$2" '$1 == t { print $2 }' "$1.list"; }

# metadata_file REPO ROLE: that role's current metadata file (N.ROLE.json or ROLE.json).
metadata_file() {
  local dir=$1/metadata role=$2 newest
  newest=$(find "$dir" -maxdepth 1 -name "[0-9]*.$role.json" -printf '%f\n' | sort -n | tail -n 1)
  if [ -n "$newest" ]; then echo "$dir/$newest"; else echo "$dir/$role.json"; fi
}

# Each tampering: NAME, then the tamper.mjs arguments with REPO standing for the copy's folder.
tamperings() {
  local repo=$1
  printf '%s\n' \
    "delegated-target-byte-changed|flip-byte|$repo/$(stored_file "$repo" demo/1.1.0/payload.bin)" \
    "top-level-target-byte-changed|flip-byte|$repo/$(stored_file "$repo" README.txt)" \
    "timestamp-version-bumped-unsigned|bump-version|$(metadata_file "$repo" timestamp)" \
    "snapshot-version-bumped-unsigned|bump-version|$(metadata_file "$repo" snapshot)" \
    "delegated-role-version-bumped-unsigned|bump-version|$(metadata_file "$repo" beta)" \
    "targets-signature-replaced|swap-signature|$(metadata_file "$repo" targets)|$(metadata_file "$repo" snapshot)"
}

# for_each_tampered_copy REPO CHECK: copies REPO, damages the copy one way, runs CHECK NAME COPY.
for_each_tampered_copy() {
  local repo=$1 check=$2 line name rest copy
  while IFS= read -r line <&3; do
    name=${line%%|*}
    rest=${line#*|}
    copy=$work/tampered-$name-$(basename "$repo")
    rm -rf "$copy"
    cp -a "$repo" "$copy"
    cp "$repo.list" "$copy.list"
    IFS='|' read -r -a targs <<<"${rest//"$repo"/"$copy"}"
    tamper "${targs[@]}"
    "$check" "$name" "$copy"
    rm -rf "$copy" "$copy.list"
  done 3< <(tamperings "$repo")
}

# tufjs must reject COPY: proves that the tampering is real, whatever Upkeep says of it.
tufjs_rejects() {
  local name=$1 copy=$2 out
  tufjs_args_for "$copy"
  if out=$(tufjs --repo "$copy" --root "$copy/metadata/1.root.json" "${args[@]}" 2>&1); then
    die "tuf-js accepted the tampered copy '$name': $out"
  fi
  pass "tuf-js rejects $name: $(tr '\n' ' ' <<<"$out")"
}

self_check() {
  local variant repo
  for variant in consistent plain; do
    repo=$work/$variant
    if [ $variant = consistent ]; then make_repo "$repo"; else make_repo "$repo" --no-consistent-snapshot; fi
    tufjs_args_for "$repo"
    tufjs --repo "$repo" --root "$repo/metadata/1.root.json" "${args[@]}" ||
      die "tuf-js rejects the $variant repository made by make-repo.mjs"
    pass "tuf-js reads the $variant repository made by make-repo.mjs"
    for_each_tampered_copy "$repo" tufjs_rejects
  done
}

upkeep_rejects() {
  local name=$1 copy=$2 out
  if out=$(upkeep_publish verify "$copy" --root "$copy/metadata/1.root.json" 2>&1); then
    die "upkeep-publish verify accepted the tampered copy '$name' (exit 0): $out"
  fi
  pass "upkeep-publish verify rejects $name: $(tr '\n' ' ' <<<"$out")"
}

upkeep_reads_tufjs() {
  local variant repo out
  for variant in consistent plain; do
    repo=$work/$variant
    if [ $variant = consistent ]; then make_repo "$repo"; else make_repo "$repo" --no-consistent-snapshot; fi
    if ! out=$(upkeep_publish verify "$repo" --root "$repo/metadata/1.root.json" 2>&1); then
      echo "$out" >&2
      echo "tuf-js on the same repository:" >&2
      tufjs_args_for "$repo"
      tufjs --repo "$repo" --root "$repo/metadata/1.root.json" "${args[@]}" >&2 || true
      die "upkeep-publish verify rejects the $variant repository made with @tufjs/models"
    fi
    pass "upkeep-publish verify accepts the $variant repository made with @tufjs/models"
    for_each_tampered_copy "$repo" upkeep_rejects
  done
}

tufjs_reads_upkeep() {
  local repo=$work/repo keys=$work/keys files=$work/files meta=$work/tufjs-metadata out
  local ts1 snap1 ts2 snap2
  mkdir -p "$files" "$meta"
  printf '{"app":"demo","version":"1.0.0"}\n' >"$files/stable-manifest.json"
  printf '# demo 1.1.0\n\n- beta release notes\n' >"$files/beta-changelog.md"
  node -e 'process.stdout.write(Buffer.from(Array.from({length: 4096}, (_, i) => (i * 31 + 7) % 256)))' \
    >"$files/custom-payload.bin"
  printf '{"app":"demo","version":"1.3.0"}\n' >"$files/nightly-manifest.json"

  upkeep_publish init "$repo" --keys "$keys" --channels stable,beta,nightly --unencrypted-keys
  local f
  for f in 1.root.json root.json timestamp.json 1.snapshot.json 1.targets.json 1.stable.json 1.beta.json 1.nightly.json; do
    [ -f "$repo/metadata/$f" ] || die "upkeep-publish init did not write metadata/$f"
  done
  if grep -rlq 'PRIVATE KEY' "$repo"; then die "the repository holds a private key: $(grep -rl 'PRIVATE KEY' "$repo")"; fi

  upkeep_publish add-target "$repo" --keys "$keys" --channel stable --path demo/1.0.0/manifest.json \
    --file "$files/stable-manifest.json"
  upkeep_publish add-target "$repo" --keys "$keys" --channel beta --path demo/1.1.0/CHANGELOG.md \
    --file "$files/beta-changelog.md"
  upkeep_publish add-target "$repo" --keys "$keys" --channel stable --path demo/1.2.0/payload.bin \
    --file "$files/custom-payload.bin" --custom '{"version":"1.2.0"}'

  if ! out=$(tufjs --repo "$repo" --root "$repo/metadata/1.root.json" --metadata-dir "$meta" \
    --target demo/1.0.0/manifest.json --expect "$files/stable-manifest.json" \
    --target demo/1.1.0/CHANGELOG.md --expect "$files/beta-changelog.md" \
    --target demo/1.2.0/payload.bin --expect "$files/custom-payload.bin" 2>&1); then
    echo "$out" >&2
    ls -lR "$repo/metadata" >&2
    die "tuf-js cannot read the repository written by upkeep-publish"
  fi
  echo "$out"
  grep -q '^ok demo/1.2.0/payload.bin .*custom={"version":"1.2.0"}' <<<"$out" ||
    die "tuf-js does not see custom {\"version\":\"1.2.0\"} on demo/1.2.0/payload.bin"
  pass "tuf-js refreshes and downloads the three targets written by upkeep-publish"
  # Through each channel's delegation to the application's role (stable.demo, paths demo/*/*), which
  # the snapshot names by version alone.
  [ -f "$repo/metadata/1.stable.demo.json" ] && [ -f "$repo/metadata/1.beta.demo.json" ] \
    || die "upkeep-publish did not write the application roles stable.demo and beta.demo"
  grep -q '"demo/\*/\*"' "$repo/metadata/2.stable.json" || die "stable does not delegate demo/*/* to stable.demo"
  pass "tuf-js reads the releases through the channels' delegations to the application's roles"

  ts1=$(json_field "$repo/metadata/timestamp.json" doc.signed.version)
  snap1=$(json_field "$repo/metadata/timestamp.json" 'doc.signed.meta["snapshot.json"].version')
  upkeep_publish add-target "$repo" --keys "$keys" --channel nightly --path demo/1.3.0/manifest.json \
    --file "$files/nightly-manifest.json"
  ts2=$(json_field "$repo/metadata/timestamp.json" doc.signed.version)
  snap2=$(json_field "$repo/metadata/timestamp.json" 'doc.signed.meta["snapshot.json"].version')
  [ "$ts2" -gt "$ts1" ] || die "timestamp version did not grow after add-target ($ts1 -> $ts2)"
  [ "$snap2" -gt "$snap1" ] || die "snapshot version did not grow after add-target ($snap1 -> $snap2)"
  [ -f "$repo/metadata/$snap2.snapshot.json" ] || die "metadata/$snap2.snapshot.json is missing"

  if ! out=$(tufjs --repo "$repo" --root "$repo/metadata/1.root.json" --metadata-dir "$meta" \
    --target demo/1.3.0/manifest.json --expect "$files/nightly-manifest.json" \
    --target demo/1.0.0/manifest.json --expect "$files/stable-manifest.json" \
    --target demo/1.1.0/CHANGELOG.md --expect "$files/beta-changelog.md" 2>&1); then
    echo "$out" >&2
    ls -lR "$repo/metadata" >&2
    die "tuf-js cannot refresh from its earlier metadata after a second add-target"
  fi
  echo "$out"
  local trusted
  trusted=$(json_field "$meta/timestamp.json" doc.signed.version)
  [ "$trusted" = "$ts2" ] || die "tuf-js kept timestamp version $trusted, expected $ts2"
  pass "tuf-js refreshes again in the same metadata folder (timestamp $ts1 -> $ts2, snapshot $snap1 -> $snap2)"
}

tufjs_reads_identity() {
  local repo=$work/repo keys=$work/keys files=$work/files meta=$work/tufjs-metadata out name
  mkdir -p "$files/src" "$meta"
  printf '{"app":"demo","version":"1.0.0"}\n' >"$files/manifest.json"
  printf 'viewer 1.1.0\n' >"$files/src/readme.txt"

  upkeep_publish init "$repo" --keys "$keys" --channels stable,beta,nightly --unencrypted-keys
  upkeep_publish add-target "$repo" --keys "$keys" --channel stable --path demo/1.0.0/manifest.json \
    --file "$files/manifest.json"
  # tuf-js trusts the repository before it has an identity, then follows the root change.
  out=$(tufjs --repo "$repo" --root "$repo/metadata/1.root.json" --metadata-dir "$meta" \
    --target demo/1.0.0/manifest.json --expect "$files/manifest.json" 2>&1) ||
    die "tuf-js cannot read the repository before the identity: $out"

  # The publisher's identity as a publisher makes it: the CA into root, a signer, a signed release.
  upkeep_publish ca init "$repo" --keys "$keys" --name "Example GmbH" --unencrypted-keys
  upkeep_publish cert issue "$repo" --keys "$keys" --signer "build server" --unencrypted-keys
  upkeep_publish release "$repo" --keys "$keys" --app viewer --version 1.1.0 --channel beta --from "$files/src"
  [ -f "$repo/metadata/2.root.json" ] || die "ca init did not make metadata/2.root.json"
  name=$(json_field "$repo/metadata/2.root.json" doc.signed.upkeep_publisher.name)
  [ "$name" = "Example GmbH" ] || die "2.root.json names the publisher '$name'"
  openssl x509 -in "$keys/certificates/ca.pem" -outform DER -out "$files/ca.der"
  upkeep_publish ca show "$repo" >"$files/ca.pem"
  cmp -s <(openssl x509 -in "$files/ca.pem" -outform DER) "$files/ca.der" ||
    die "ca show does not print the CA certificate of the key folder"
  # demo 1.0.0, published before ca init, has no signature: verify says so, and sign gives it one.
  if out=$(upkeep_publish verify "$repo" --root "$repo/metadata/1.root.json" 2>&1); then
    die "upkeep-publish verify accepts demo/1.0.0 without a signature: $out"
  fi
  grep -q "demo/1.0.0/manifest.json (stable) is not signed by Example GmbH" <<<"$out" ||
    die "upkeep-publish verify does not name the unsigned demo/1.0.0: $out"
  upkeep_publish sign "$repo" --keys "$keys"
  out=$(upkeep_publish verify "$repo" --root "$repo/metadata/1.root.json" 2>&1) ||
    die "upkeep-publish verify rejects the repository with a publisher identity: $out"

  local run
  for run in "refreshes across the root change" "reads it from the first root"; do
    if [ "$run" = "reads it from the first root" ]; then rm -rf "$meta" && mkdir -p "$meta"; fi
    rm -rf "$files/got" && mkdir -p "$files/got"
    if ! out=$(tufjs --repo "$repo" --root "$repo/metadata/1.root.json" --metadata-dir "$meta" \
      --target publisher/ca.crl --target viewer/1.1.0/manifest.json --target viewer/1.1.0/manifest.json.p7s \
      --target demo/1.0.0/manifest.json --expect "$files/manifest.json" --target demo/1.0.0/manifest.json.p7s 2>&1); then
      echo "$out" >&2
      ls -lR "$repo/metadata" >&2
      die "tuf-js cannot read the repository with a publisher identity ($run)"
    fi
    echo "$out"
    for target in publisher/ca.crl viewer/1.1.0/manifest.json viewer/1.1.0/manifest.json.p7s \
      demo/1.0.0/manifest.json.p7s; do
      grep -q "^ok $target " <<<"$out" || die "tuf-js did not download $target ($run)"
    done
    [ "$(json_field "$meta/root.json" doc.signed.version)" = 2 ] || die "tuf-js did not trust root version 2 ($run)"
    [ "$(json_field "$meta/root.json" doc.signed.upkeep_publisher.certificate)" = "$(base64 -w0 "$files/ca.der")" ] ||
      die "tuf-js keeps a root whose upkeep_publisher.certificate is not the CA's DER ($run)"
    pass "tuf-js $run: root 2 with upkeep_publisher, publisher/ca.crl, a signed manifest and its signature"
  done

  # The files tuf-js downloaded and checked, checked again by stock OpenSSL: the signature with ca.pem,
  # the CRL signed by the CA.
  local manifest signature crl
  manifest=$(find "$repo/targets/viewer/1.1.0" -name '*.manifest.json')
  signature=$(find "$repo/targets/viewer/1.1.0" -name '*.manifest.json.p7s')
  crl=$(find "$repo/targets/publisher" -name '*.ca.crl')
  openssl cms -verify -binary -inform DER -in "$signature" -content "$manifest" -CAfile "$files/ca.pem" \
    -purpose any -out /dev/null 2>/dev/null || die "openssl cms -verify rejects viewer/1.1.0/manifest.json.p7s"
  openssl cms -verify -binary -inform DER -in "$(find "$repo/targets/demo/1.0.0" -name '*.manifest.json.p7s')" \
    -content "$files/manifest.json" -CAfile "$files/ca.pem" -purpose any -out /dev/null 2>/dev/null ||
    die "openssl cms -verify rejects demo/1.0.0/manifest.json.p7s, made by sign"
  openssl crl -inform DER -in "$crl" -CAfile "$files/ca.pem" -noout 2>&1 | grep -q 'verify OK' ||
    die "openssl crl does not verify publisher/ca.crl with the CA"
  pass "openssl cms -verify accepts the release signature and openssl crl the CRL, with ca.pem from ca show"
}

case $mode in
  self-check) self_check ;;
  tufjs-reads-identity) tufjs_reads_identity ;;
  tufjs-reads-upkeep) tufjs_reads_upkeep ;;
  upkeep-reads-tufjs) upkeep_reads_tufjs ;;
esac
