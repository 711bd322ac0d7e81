#!/usr/bin/env bash
# Lints every DMN decision table in processes/ with dmnlint, using the project's .dmnlintrc (dmnlint:recommended:
# every decision, input and output has a label; no requirement twice), as src/tools/bpmn/lint.sh does the diagrams.
# Installs the pinned node tooling (package-lock.json) on first use; after that it runs offline.
# Exits non-zero on any error.
# Usage (from anywhere): src/tools/dmn/lint.sh [files...]
set -euo pipefail
TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TOOL_DIR/../../.." && pwd)"
if [ ! -x "$TOOL_DIR/node_modules/.bin/dmnlint" ]; then
  npm ci --prefix "$TOOL_DIR" --no-audit --no-fund
fi
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- processes/*.dmn
fi
"$TOOL_DIR/node_modules/.bin/dmnlint" --config "$ROOT/.dmnlintrc" "$@"
echo "DMN lint: no errors"
