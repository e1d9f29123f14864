#!/bin/sh
# check-generated.sh: CI check that the vendored browser libraries are current.
#
# Regenerates web/static/vendor (uPlot, htmx) and web/testdata/axe.min.js
# from web/npm/package-lock.json with `go generate ./web` (which runs
# `npm ci` in web/npm; needs npm and the npm registry), then fails if the
# committed copies differ. Fix a failure with `go generate ./web` and commit.
set -eu
cd "$(dirname "$0")/.."
go generate ./web
paths="web/static/vendor web/testdata/axe.min.js"
# shellcheck disable=SC2086
if ! git diff --exit-code --stat -- $paths; then
  echo "check-generated: $paths are stale; run 'go generate ./web' and commit them" >&2
  exit 1
fi
# shellcheck disable=SC2086
untracked=$(git ls-files --others --exclude-standard -- $paths)
if [ -n "$untracked" ]; then
  echo "check-generated: generated files not committed: $untracked" >&2
  exit 1
fi
echo "check-generated: web/static/vendor is current"
