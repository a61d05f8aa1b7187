/**
 * Rules per site: what Trackstop does on one site (a hostname, lower case, matched exactly): always hold some kinds
 * of capture, its own auto-stop delay, never alert. The person's rules are the `siteRules` item of `storage.sync`;
 * an administrator's, the `siteRules` key of `storage.managed`, win site by site and are shown locked. As with
 * src/settings.ts, there is one way to read them: an invalid site or rule is dropped, never passed on.
 */
import { HOLD_KINDS, type HoldKind } from './model';
import { MAX_DELAY_MS } from './settings';

export interface SiteRule {
  /** The kinds of capture the site's tabs are always refused (a hold from the page's first script on). */
  hold: HoldKind[];
  /** Overrides the global `autoStopHiddenMs` for the site; 0 = never auto-stop. Absent: the global setting. */
  autoStopHiddenMs?: number;
  /** No alert for capture this site starts in the background. */
  neverAlert: boolean;
}

/** Hostname → rule. */
export type SiteRules = Record<string, SiteRule>;

/** More sites than a person sets by hand; an administrator's list beyond it is cut, not trusted to be small. */
export const MAX_SITES = 500;
/** The longest hostname DNS allows. */
export const MAX_HOST_LENGTH = 253;

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** An IPv6 address as URL writes it in a hostname. */
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** Whether `host` is a hostname as a URL's `hostname` spells it: lower case, punycode, no port, no trailing dot. */
export function isHostname(host: string): boolean {
  if (!host || host.length > MAX_HOST_LENGTH) return false;
  return IPV6.test(host) || host.split('.').every((label) => LABEL.test(label));
}

/**
 * The hostname a person means by what they typed: `Meet.Example.com`, `https://meet.example.com/room` and
 * `bücher.example` give `meet.example.com` and `xn--bcher-kva.example`; undefined for anything else.
 */
export function hostnameFromInput(input: string): string | undefined {
  const text = input.trim();
  if (!text || /\s/.test(text)) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    const host = url.hostname.replace(/\.$/, '');
    return isHostname(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** The site of an http(s) address (its hostname); undefined for any other address. */
export function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') return undefined;
    const host = hostname.replace(/\.$/, '');
    return isHostname(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

const isDelay = (x: unknown): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_DELAY_MS;

/** One stored rule, or undefined if any part of it is invalid. Missing parts are their defaults. */
function ruleFrom(stored: unknown): SiteRule | undefined {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
  const { hold = [], autoStopHiddenMs, neverAlert = false } = stored as Record<string, unknown>;
  if (!Array.isArray(hold) || hold.length > HOLD_KINDS.length) return undefined;
  if (!hold.every((k) => (HOLD_KINDS as readonly unknown[]).includes(k))) return undefined;
  if (autoStopHiddenMs !== undefined && !isDelay(autoStopHiddenMs)) return undefined;
  if (typeof neverAlert !== 'boolean') return undefined;
  return {
    hold: HOLD_KINDS.filter((k) => hold.includes(k)),
    ...(autoStopHiddenMs !== undefined && { autoStopHiddenMs }),
    neverAlert,
  };
}

/** The valid rules in `stored` (a `siteRules` item), the first `MAX_SITES` of them; anything else is left out. */
export function siteRulesFrom(stored: unknown): SiteRules {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  const rules: SiteRules = {};
  let count = 0;
  for (const [host, value] of Object.entries(stored as Record<string, unknown>)) {
    if (count >= MAX_SITES) break;
    const rule = ruleFrom(value);
    if (!isHostname(host) || !rule || Object.hasOwn(rules, host)) continue;
    rules[host] = rule;
    count++;
  }
  return rules;
}

/** The rules in force, and the sites whose rule an administrator set (the person cannot change those). */
export interface EffectiveSiteRules {
  rules: SiteRules;
  locked: string[];
}

/** The person's rules (`synced`) with an administrator's (`managed`, the `siteRules` key) in their place per site. */
export function effectiveSiteRules(synced: unknown, managed: unknown): EffectiveSiteRules {
  const enforced = siteRulesFrom(managed);
  const own = siteRulesFrom(synced);
  const rules: SiteRules = { ...enforced };
  for (const [host, rule] of Object.entries(own)) {
    if (Object.keys(rules).length >= MAX_SITES) break;
    if (!Object.hasOwn(rules, host)) rules[host] = rule;
  }
  return { rules, locked: Object.keys(enforced) };
}

/** The rule for a site, if there is one. */
export const ruleFor = (rules: SiteRules, hostname: string | undefined): SiteRule | undefined =>
  (hostname !== undefined && Object.hasOwn(rules, hostname) ? rules[hostname] : undefined);

/** How long the site's tabs may stay hidden with a camera or microphone before auto-stop; 0 = never. */
export const autoStopDelayFor = (rule: SiteRule | undefined, globalMs: number): number =>
  rule?.autoStopHiddenMs ?? globalMs;

/** The rule as stored: defaults left out, to stay small in `storage.sync` (8 KB per item in Chromium). */
export function storedRule(rule: SiteRule): Partial<SiteRule> {
  return {
    ...(rule.hold.length && { hold: rule.hold }),
    ...(rule.autoStopHiddenMs !== undefined && { autoStopHiddenMs: rule.autoStopHiddenMs }),
    ...(rule.neverAlert && { neverAlert: true }),
  };
}

/** Every rule as stored (`storedRule`), for the `siteRules` item. */
export const storedRules = (rules: SiteRules): Record<string, Partial<SiteRule>> =>
  Object.fromEntries(Object.entries(rules).map(([site, rule]) => [site, storedRule(rule)]));

export const EMPTY_RULE: SiteRule = { hold: [], neverAlert: false };
