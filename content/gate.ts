/**
 * The gate: an isolated-world script the background registers, at document_start in every frame, only for the sites
 * it may hold (a held tab's site and frames, a site's rule: background/holds.ts). It runs before the page's first
 * script and makes the document pending: capture requests wait until the background says what this tab holds
 * (content/page/hold.ts). Pages of every other site never run it, and pay nothing for holds.
 */
import { GATE_MARK, HOLD_ENTRY } from '../src/page-world';

const world = globalThis as unknown as Record<string, unknown>;
const applyHold = world[HOLD_ENTRY] as ((state: { kinds: never[]; isPending: boolean }) => void) | undefined;
// Browsers run declared content scripts before registered ones; the mark covers one that does not.
if (typeof applyHold === 'function') applyHold({ kinds: [], isPending: true });
else world[GATE_MARK] = true;
