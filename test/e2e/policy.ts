/**
 * An administrator's policy for Trackstop, written where the installed browser reads policies, for the managed
 * storage test. Both places are the whole installation's (Chromium: /etc/chromium/policies/managed, Firefox: the
 * `distribution` folder beside its binary), so only root may write them, and the policy is removed again after
 * the test; a file that was there before is put back.
 */
import { createHash } from 'node:crypto';
import {
  accessSync, constants, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserName } from './harness-api';
// @ts-expect-error: plain ES modules without types.
import { findChromium, findFirefox } from '../../scripts/browsers.mjs';

const GECKO_ID = 'trackstop@trackstop.dev';

/** Chromium names an unpacked extension after its folder: the first 32 hex digits of its path's SHA-256, as a–p. */
const unpackedId = (path: string) => [...createHash('sha256').update(path).digest('hex').slice(0, 32)]
  .map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');

function policyFile(browser: BrowserName): string | undefined {
  if (browser === 'chromium') {
    const binary = findChromium() as string | undefined;
    return binary && /chromium/.test(binary) ? '/etc/chromium/policies/managed/trackstop-test.json' : undefined;
  }
  const binary = findFirefox() as string | undefined;
  return binary && join(dirname(realpathSync(binary)), 'distribution', 'policies.json');
}

function isWritable(file: string): boolean {
  let dir = dirname(file);
  while (!existsSync(dir)) dir = dirname(dir);
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why the policy cannot be set on this machine, or undefined if it can. */
export function whyNoPolicy(browser: BrowserName): string | undefined {
  const file = policyFile(browser);
  if (!file) return `no known policy folder for this ${browser}`;
  return isWritable(file) ? undefined : `${dirname(file)} is not writable (root only)`;
}

/** Sets Trackstop's managed values in the browser's policy; returns the function that takes the policy away again. */
export function setPolicy(browser: BrowserName, values: object, chromiumExtensionDir: string): () => void {
  const file = policyFile(browser)!;
  const before = existsSync(file) ? readFileSync(file) : undefined;
  const policy = browser === 'chromium'
    ? { '3rdparty': { extensions: { [unpackedId(chromiumExtensionDir)]: values } } }
    : { policies: { '3rdparty': { Extensions: { [GECKO_ID]: values } } } };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(policy));
  return () => (before ? writeFileSync(file, before) : rmSync(file, { force: true }));
}
