#!/usr/bin/env bash
# Lints every BPMN diagram in processes/ with bpmnlint, using the project's .bpmnlintrc
# (bpmnlint:recommended + camunda-compat rules for Camunda Platform 7.24), then runs validate.mjs
# (flow references, complete DI, docs/pathway.md conventions).
# Installs the pinned node tooling (package-lock.json) on first use. Exits non-zero on any error.
# Usage (from anywhere): src/tools/bpmn/lint.sh [files...]
set -euo pipefail
TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TOOL_DIR/../../.." && pwd)"
if [ ! -x "$TOOL_DIR/node_modules/.bin/bpmnlint" ] || [ ! -d "$TOOL_DIR/node_modules/bpmnlint-plugin-camunda-compat" ]; then
  npm ci --prefix "$TOOL_DIR" --no-audit --no-fund
fi
cd "$ROOT"
if [ "$#" -eq 0 ]; then
  set -- processes/*.bpmn
fi
# bpmnlint resolves the plugins named in .bpmnlintrc from the working directory; point it at the tool's node_modules
export NODE_PATH="$TOOL_DIR/node_modules${NODE_PATH:+:$NODE_PATH}"
status=0
"$TOOL_DIR/node_modules/.bin/bpmnlint" --config "$ROOT/.bpmnlintrc" "$@" || status=1
# structure, DI completeness and the Camunda conventions of docs/pathway.md
node "$TOOL_DIR/validate.mjs" || status=1
if [ "$status" -eq 0 ]; then echo "BPMN lint: no errors"; fi
exit "$status"
