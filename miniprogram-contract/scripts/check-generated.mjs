// Drift check: src/api.d.ts must be exactly what openapi-typescript makes of openapi.json today.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'learn-contract-'));
try {
  const fresh = join(dir, 'api.d.ts');
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'openapi.json', '-o', fresh], { stdio: 'pipe' });
  const committed = readFileSync('src/api.d.ts', 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    console.error('src/api.d.ts 与 openapi.json 不一致：请运行 npm run generate（或 scripts/contract-update.sh）并提交。');
    process.exit(1);
  }
  console.log('src/api.d.ts 与 openapi.json 一致。');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
