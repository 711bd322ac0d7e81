#!/usr/bin/env bash
# Validates every element template in element-templates/ against the element-templates JSON schema, with the validator
# Camunda Modeler uses (validate.mjs). Installs the pinned node tooling (package-lock.json) on first use; after that it
# runs offline. Exits non-zero on any error.
# Usage (from anywhere): src/tools/templates/validate.sh [files...]
set -euo pipefail
TOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ ! -d "$TOOL_DIR/node_modules/@bpmn-io/element-templates-validator" ]; then
  npm ci --prefix "$TOOL_DIR" --no-audit --no-fund
fi
node "$TOOL_DIR/validate.mjs" "$@"
