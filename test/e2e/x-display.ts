/**
 * A virtual X display (Xvfb) and real key presses on it (xdotool), for what only a real window receives: the
 * browser's own keyboard shortcuts, which no DevTools or WebDriver input reaches. CI installs both (.ci/run).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { waitFor } from './wait';

const has = (command: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Why real key presses cannot be made here, or undefined if they can. */
export const whyNoDisplay = () =>
  (['Xvfb', 'xdotool'].find((c) => !has(c)) ? 'needs Xvfb and xdotool (Debian: apt-get install xvfb xdotool)'
    : undefined);

export interface XDisplay {
  name: string;
  /** Presses keys, e.g. `alt+shift+k`, in the focused window. */
  press(keys: string): void;
  close(): void;
}

export async function startDisplay(): Promise<XDisplay> {
  // A display number no other X server on this machine uses.
  let n = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) n++;
  const name = `:${n}`;
  const server: ChildProcess = spawn('Xvfb', [name, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    { stdio: 'ignore' });
  await waitFor(async () => existsSync(`/tmp/.X11-unix/X${n}`), `the X display ${name}`);
  return {
    name,
    press: (keys) => execFileSync('xdotool', ['key', '--clearmodifiers', keys],
      { env: { ...process.env, DISPLAY: name } }),
    close: () => { server.kill(); },
  };
}
