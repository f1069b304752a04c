#!/usr/bin/env bash
# Regenerates the Mini Program contract after an API change: miniprogram-contract/openapi.json (from the
# running Learn.Api, via the drift test in write mode) and the TypeScript types generated from it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ -z "${LEARN_TEST_POSTGRES:-}" ]; then
  "$root/scripts/test-services.sh" start
  trap '"$root/scripts/test-services.sh" stop' EXIT
  # shellcheck disable=SC1091
  source "$root/.test-run/env"
fi
LEARN_CONTRACT_WRITE=1 dotnet test "$root/tests/Learn.Api.Tests" -nologo -v q --filter "FullyQualifiedName~Contract.OpenApiDocumentTests"
cd "$root/miniprogram-contract"
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run generate
echo "已更新 miniprogram-contract/openapi.json 与 src/api.d.ts，请检查后提交。"
