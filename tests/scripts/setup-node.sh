#!/usr/bin/env bash
# scripts/setup and the Node.js of the interop tests: setup goes on only with a node that meets
# the range of tests/interop/package.json, installs Debian's nodejs only where Debian's meets it,
# and otherwise fails with a sentence saying what to install; and the interop tests themselves
# fail, saying so, rather than run (or be left out) with a node that is missing or too old.
#
#   setup-node.sh SOURCE-DIR
#
# Runs a copy of scripts/setup and tests/interop in a temporary folder, with a PATH whose node,
# apt-get, apt-cache, dpkg-query and sudo are fakes: nothing is installed, nothing is downloaded.
set -euo pipefail

source=${1:?usage: setup-node.sh SOURCE-DIR}
work=$(mktemp -d "${TMPDIR:-/tmp}/upkeep-setup-node.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}
pass() { echo "PASS: $*"; }

# The tree setup sees: scripts/ and tests/interop/ with node_modules already in place, so that
# a node that will do needs nothing more.
tree=$work/tree
mkdir -p "$tree/scripts" "$tree/tests/interop/node_modules/tuf-js"
cp "$source/scripts/setup" "$tree/scripts/"
find "$source/tests/interop" -maxdepth 1 -type f -exec cp {} "$tree/tests/interop/" \;
touch "$tree/tests/interop/node_modules"

# Every program of the system but node and npm, so that "no node" can be had.
system=$work/system
mkdir -p "$system"
for program in /usr/bin/* /bin/*; do
  [ "${program#/bin/}" = "$program" ] || [ ! -L /bin ] || break # /bin is /usr/bin
  name=${program##*/}
  case $name in node | nodejs | npm | npx | corepack) continue ;; esac
  [ -e "$system/$name" ] || ln -s "$program" "$system/$name"
done

# fake_bin DIR NODE-VERSION DEBIAN-CANDIDATE: a node printing NODE-VERSION (none when empty), an
# apt-cache offering DEBIAN-CANDIDATE as nodejs, a dpkg-query that finds every package
# installed, and an apt-get (also through sudo) that logs what it was asked and, asked for
# nodejs, "installs" a node of the candidate's version.
fake_bin() {
  local dir=$1 node=$2 candidate=$3
  mkdir -p "$dir"
  if [ -n "$node" ]; then
    printf '#!/bin/sh\n[ "$1" = --version ] && echo %s\n' "$node" >"$dir/node"
    chmod +x "$dir/node"
  fi
  printf '#!/bin/sh\n[ "$1" = policy ] || exit 1\nprintf "nodejs:\\n  Installed: (none)\\n  Candidate: %s\\n"\n' \
    "$candidate" >"$dir/apt-cache"
  printf '#!/bin/sh\necho "install ok installed"\n' >"$dir/dpkg-query"
  cat >"$dir/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$*" >>"$dir/apt.log"
case " \$* " in
  *" nodejs "*)
    version=\$(echo "$candidate" | sed 's/^[0-9]*://; s/[-+~].*//')
    printf '#!/bin/sh\n[ "\$1" = --version ] && echo v%s\n' "\$version" >"$dir/node"
    chmod +x "$dir/node" ;;
esac
EOF
  printf '#!/bin/sh\nexec "$@"\n' >"$dir/sudo"
  chmod +x "$dir/apt-cache" "$dir/dpkg-query" "$dir/apt-get" "$dir/sudo"
}

# case NAME NODE-VERSION DEBIAN-CANDIDATE EXPECTED-EXIT INSTALLS STDERR-PATTERN...
check_case() {
  local name=$1 node=$2 candidate=$3 expected=$4 installs=$5
  shift 5
  local bin=$work/bin-$RANDOM$RANDOM out err code
  fake_bin "$bin" "$node" "$candidate"
  code=0
  out=$(PATH="$bin:$system" bash "$tree/scripts/setup" 2>"$work/err") || code=$?
  err=$(cat "$work/err")
  if [ "$code" != "$expected" ]; then
    fail "$name: setup exited $code, not $expected; it said: $out $err"
    return
  fi
  local pattern
  for pattern in "$@"; do
    grep -qF -- "$pattern" <<<"$err" || { fail "$name: setup did not say \"$pattern\"; it said: $err"; return; }
  done
  local asked=0
  [ ! -f "$bin/apt.log" ] || asked=$(grep -c ' install ' "$bin/apt.log" || true)
  if [ "$installs" = yes ] && [ "$asked" -eq 0 ]; then
    fail "$name: setup did not install Debian's nodejs"
    return
  fi
  if [ "$installs" = no ] && [ "$asked" -gt 0 ]; then
    fail "$name: setup ran apt-get install: $(cat "$bin/apt.log")"
    return
  fi
  pass "$name"
}

range='^20.17.0 || >=22.9.0'
advice='20.x from 20.17.0 on, or 22.9.0 or later'
debian12='18.20.4+dfsg-1~deb12u3'
check_case "Debian 12's node 18 on PATH: refused, saying what to install" v18.19.0 "$debian12" 1 no \
  "need Node.js $range" "node on PATH" "is v18.19.0" "Debian offers nodejs $debian12" "install Node.js $advice"
check_case "no node and Debian offers 18: refused, saying what to install" "" "$debian12" 1 no \
  "need Node.js $range" "no node on PATH" "install Node.js $advice"
check_case "node 21, between the two ranges: refused" v21.7.3 "$debian12" 1 no "is v21.7.3"
check_case "node 22.8: refused" v22.8.0 "$debian12" 1 no "is v22.8.0"
check_case "node 20.17.0 on PATH: accepted, nothing installed" v20.17.0 "$debian12" 0 no
check_case "node 22.9.0 on PATH: accepted, nothing installed" v22.9.0 "$debian12" 0 no
check_case "no node, and Debian offers 22.11: installed from Debian" "" "22.11.0+dfsg-1" 0 yes
check_case "node 18, and Debian offers 20.18: installed from Debian" v18.19.0 "20.18.1+dfsg-1" 0 yes

# The interop tests fail, saying why, with a node that will not do: never a silent pass or skip.
bin=$work/bin-interop
fake_bin "$bin" v18.19.0 "$debian12"
code=0
err=$(PATH="$bin:$system" bash "$source/tests/interop/run-interop.sh" self-check 2>&1) || code=$?
if [ $code -eq 0 ]; then
  fail "run-interop.sh passed with node v18.19.0: $err"
elif ! grep -qF "need Node.js $range" <<<"$err"; then
  fail "run-interop.sh with node v18.19.0 did not say which node it needs: $err"
else
  pass "run-interop.sh fails with node v18.19.0, saying which node it needs"
fi

if [ $failures -gt 0 ]; then
  echo "$failures failed" >&2
  exit 1
fi
