/**
 * Finds an installed browser: the path in CHROMIUM_PATH / FIREFOX_PATH, else the usual install locations.
 * Returns undefined when there is none; `missing()` is the one line that says how to get one.
 */
import { existsSync } from 'node:fs';

const CHROMIUM = [
  '/usr/lib/chromium/chromium', // Debian's binary; /usr/bin/chromium is a shell wrapper around it
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium',
  '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const FIREFOX = [
  '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/lib/firefox/firefox', '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

const first = (env, candidates) => process.env[env] || candidates.find((p) => existsSync(p));

export const findChromium = () => first('CHROMIUM_PATH', CHROMIUM);
export const findFirefox = () => first('FIREFOX_PATH', FIREFOX);

export const missing = (name) => name === 'firefox'
  ? 'No Firefox found: install one (Debian/Ubuntu: sudo apt-get install firefox-esr) or set FIREFOX_PATH.'
  : 'No Chromium or Chrome found: install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.';
