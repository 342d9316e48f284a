// What scripts/browser-tests.sh hands the tests: where the API runs, a token, where artifacts go.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests through scripts/browser-tests.sh (make test runs it).`);
  }
  return value;
}

export const baseUrl = required('WEBCHATS_BASE_URL').replace(/\/$/, '');
export const token = required('WEBCHATS_TOKEN');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = resolve(process.env.BROWSER_ARTIFACTS_DIR ?? 'artifacts');
mkdirSync(artifactsDir, { recursive: true });
