#!/usr/bin/env bash
# Renders processes/*.bpmn to docs/images/<name>.png (headless Chromium + bpmn-js viewer bundle).
# Usage (from anywhere): src/tools/bpmn/render.sh [files...]
set -euo pipefail
TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TOOL_DIR/../../.." && pwd)"
# paths given on the command line are relative to the caller's directory
if [ ! -d "$TOOL_DIR/node_modules/bpmn-js" ]; then
  npm ci --prefix "$TOOL_DIR" --no-audit --no-fund
fi
if [ -z "${CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    echo "Chromium missing: run 'apt-get install -y chromium' as root" >&2; exit 2
  fi
fi
exec node "$TOOL_DIR/render.mjs" "$@"
