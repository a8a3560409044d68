#!/usr/bin/env bash
# The man page and the bash completion of a program name every command and every option its
# --help names. Usage: helpcoverage.sh PROGRAM MANPAGE COMPLETION
set -euo pipefail
program=$1
manpage=$2
completion=$3
name=$(basename "$program")

# The man page as it reads: roff's escaped hyphens as plain ones.
man_text=$(sed 's/\\-/-/g; s/\\(em/-/g' "$manpage")
failures=0
missing() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

commands=$("$program" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]\+\( [a-z]\+\)\?\)  \+.*/\1/p')
[ -n "$commands" ] || missing "$name --help lists no commands"
while read -r command; do
  grep -qE "^\.BI? \"?$command( |\"|$)" <<<"$man_text" || missing "$manpage has no entry for \"$name $command\""
  grep -qw -- "${command%% *}" "$completion" || missing "$completion does not offer \"$name ${command%% *}\""
  # shellcheck disable=SC2086 # "ca init" is two words on the command line
  options=$("$program" $command --help | sed -n 's/^  \(-h, \)\?\(--[a-z-]\+\).*/\2/p')
  [ -n "$options" ] || missing "$name $command --help lists no options"
  for option in $options; do
    grep -qE -- "(^|[^a-z-])$option([^a-z-]|$)" <<<"$man_text" ||
      missing "$manpage does not describe $option of \"$name $command\""
    grep -qE -- "(^|[^a-z-])$option([^a-z-]|$)" "$completion" ||
      missing "$completion does not offer $option of \"$name $command\""
  done
done <<<"$commands"
grep -q -- "--version" <<<"$man_text" || missing "$manpage does not describe --version"

[ "$failures" -eq 0 ] || exit 1
echo "$name: the man page and the completion name all $(wc -l <<<"$commands") commands and their options"
