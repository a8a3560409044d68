#!/usr/bin/env bash
# Whether a Node.js meets the range that the interop tests' packages need: the "engines.node" of
# tests/interop/package.json (tuf-js 5 and @tufjs/models 4 need the same).
#
#   check-node.sh                  the node on PATH: says which it is and exits 0, or says on
#                                  stderr why it will not do and exits 1
#   check-node.sh --version V      exits 0 when version V (as node prints it, v20.17.0, or as
#                                  Debian numbers it, 18.20.4+dfsg-1~deb12u3) meets the range
#   check-node.sh --range          prints the range
#   check-node.sh --advice         prints which releases meet it, in words
#
# Understands the range forms npm's semver writes most: alternatives joined by ||, each a
# space-separated set of ^V, ~V, >=V, >V, <=V, <V, =V or V (V may be partial: 20, 20.17).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

die() {
  echo "check-node.sh: $*" >&2
  exit 2
}

wanted=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["engines"]["node"])' "$here/package.json") ||
  die "cannot read engines.node from $here/package.json"

# MAJOR MINOR PATCH of a version as node or Debian writes it; missing parts are empty.
parts() {
  local v=${1#v}
  v=${v#[0-9]*:} # a Debian epoch
  v=${v%%[-+~]*} # a pre-release, build or Debian revision
  [[ $v =~ ^([0-9]+)(\.([0-9]+))?(\.([0-9]+))?$ ]] || return 1
  echo "${BASH_REMATCH[1]} ${BASH_REMATCH[3]} ${BASH_REMATCH[5]}"
}

# compare A B (each "MAJOR MINOR PATCH", complete): prints -1, 0 or 1.
compare() {
  local -a a=($1) b=($2)
  local i
  for i in 0 1 2; do
    if ((a[i] < b[i])); then echo -1; return; fi
    if ((a[i] > b[i])); then echo 1; return; fi
  done
  echo 0
}

# meets VERSION COMPARATOR: whether the complete VERSION ("M m p") meets one comparator.
meets() {
  local version=$1 comparator=$2 op bound low high
  local pattern='^(\^|~|>=|>|<=|<|=)?v?(.*)$'
  [[ $comparator =~ $pattern ]] || return 2
  op=${BASH_REMATCH[1]}
  bound=${BASH_REMATCH[2]}
  if [ "$bound" = "*" ] || [ "$bound" = x ] || [ "$bound" = X ]; then return 0; fi
  local -a b
  b=($(parts "$bound")) || die "cannot read \"$comparator\" in the range \"$wanted\""
  local major=${b[0]} minor=${b[1]:-} patch=${b[2]:-}
  low="$major ${minor:-0} ${patch:-0}"
  case $op in
    "^")
      if ((major > 0)) || [ -z "$minor" ]; then high="$((major + 1)) 0 0"
      elif ((minor > 0)) || [ -z "$patch" ]; then high="0 $((minor + 1)) 0"
      else high="0 0 $((patch + 1))"; fi
      ;;
    "~" | "=" | "")
      if [ -z "$minor" ]; then high="$((major + 1)) 0 0"
      elif [ -z "$patch" ] || [ "$op" = "~" ]; then high="$major $((minor + 1)) 0"
      else high=""; fi
      ;;
    ">=") [ "$(compare "$version" "$low")" -ge 0 ]; return ;;
    ">")
      # >20 is >=21.0.0, >20.1 is >=20.2.0
      if [ -z "$minor" ]; then low="$((major + 1)) 0 0"
      elif [ -z "$patch" ]; then low="$major $((minor + 1)) 0"
      else [ "$(compare "$version" "$low")" -gt 0 ]; return; fi
      [ "$(compare "$version" "$low")" -ge 0 ]
      return
      ;;
    "<") [ "$(compare "$version" "$low")" -lt 0 ]; return ;;
    "<=")
      if [ -z "$minor" ]; then high="$((major + 1)) 0 0"
      elif [ -z "$patch" ]; then high="$major $((minor + 1)) 0"
      else [ "$(compare "$version" "$low")" -le 0 ]; return; fi
      [ "$(compare "$version" "$high")" -lt 0 ]
      return
      ;;
  esac
  [ "$(compare "$version" "$low")" -ge 0 ] || return 1
  if [ -z "$high" ]; then [ "$(compare "$version" "$low")" -eq 0 ]; else [ "$(compare "$version" "$high")" -lt 0 ]; fi
}

# satisfies VERSION: whether VERSION meets the range.
satisfies() {
  local -a v
  v=($(parts "$1")) || return 1
  local version="${v[0]} ${v[1]:-0} ${v[2]:-0}" alternative comparator ok
  local -a comparators
  while IFS= read -r alternative; do
    ok=1
    read -r -a comparators <<<"$alternative"
    for comparator in "${comparators[@]}"; do
      meets "$version" "$comparator" || { ok=0; break; }
    done
    [ $ok = 1 ] && return 0
  done < <(sed 's/||/\n/g' <<<"$wanted")
  return 1
}

# The range in words, for a person choosing what to install.
advice() {
  local alternative words=() joined
  local caret='^\^([1-9][0-9]*)\.([0-9]+\.[0-9]+)$' atLeast='^>=([0-9.]+)$'
  while IFS= read -r alternative; do
    alternative=$(xargs <<<"$alternative")
    if [[ $alternative =~ $caret ]]; then
      words+=("${BASH_REMATCH[1]}.x from ${BASH_REMATCH[1]}.${BASH_REMATCH[2]} on")
    elif [[ $alternative =~ $atLeast ]]; then
      words+=("${BASH_REMATCH[1]} or later")
    else
      words+=("$alternative")
    fi
  done < <(sed 's/||/\n/g' <<<"$wanted")
  joined=$(printf '%s, or ' "${words[@]}")
  echo "Node.js ${joined%, or }"
}

case ${1:-} in
  --range) echo "$wanted" ;;
  --advice) advice ;;
  --version)
    [ $# -eq 2 ] || die "usage: $0 --version VERSION"
    satisfies "$2"
    ;;
  "")
    if ! node=$(command -v node); then
      echo "There is no node on PATH; the interop tests need Node.js $wanted (tests/interop/package.json): install $(advice)." >&2
      exit 1
    fi
    version=$("$node" --version 2>/dev/null) || version=""
    if [ -z "$version" ] || ! satisfies "$version"; then
      echo "The node on PATH ($node) is ${version:-unusable}; the interop tests need Node.js $wanted (tests/interop/package.json): install $(advice), first on PATH." >&2
      exit 1
    fi
    echo "node $version ($node) meets $wanted"
    ;;
  *) die "usage: $0 [--version VERSION | --range | --advice]" ;;
esac
