#!/usr/bin/env bash
# The desktop entries and the AppStream metadata pass the validators that software centres and
# Debian use. Usage: validate.sh DESKTOP... METAINFO
set -euo pipefail
metainfo=${*: -1}
desktop=("${@:1:$#-1}")
desktop-file-validate "${desktop[@]}"
# Without network: the screenshot URLs are where a maintainer will host them (installer/README.md).
appstreamcli validate --no-net --pedantic --explain "$metainfo"
