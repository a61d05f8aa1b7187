/**
 * The options page's rules per site (src/site-rules.ts): add a site by its host name, then per site always hold the
 * camera, microphone or screen, its own auto-stop delay, never alert; remove it. A site an administrator set is
 * shown with its rule, locked, in the words the page uses for locked settings. Every change is saved at once.
 */
import { useRef, useState } from 'preact/hooks';
import type { HoldKind } from '../../src/model';
import {
  EMPTY_RULE, type EffectiveSiteRules, MAX_SITES, type SiteRule, type SiteRules, hostnameFromInput,
} from '../../src/site-rules';
import { t } from '../../src/i18n';

const MINUTE = 60_000;
/** A day, as the other delays of the options page allow. */
const MAX_MINUTES = 1440;

const HOLD_LABELS: Record<HoldKind, () => string> = {
  camera: () => t('siteRuleHoldCamera'),
  microphone: () => t('siteRuleHoldMicrophone'),
  screen: () => t('siteRuleHoldScreen'),
};

export interface SiteRulesProps {
  read: EffectiveSiteRules;
  /** Changes the person's own rules and saves them; rejects if they could not be saved. */
  change: (change: (own: SiteRules) => SiteRules) => Promise<void>;
  /** Says what came of a change, in the page's live region. */
  say: (text: string) => void;
}

export function SiteRulesSection({ read, change, say }: SiteRulesProps) {
  const [error, setError] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const sites = Object.keys(read.rules).sort();

  const add = async (event: Event) => {
    event.preventDefault();
    const typed = input.current!.value;
    const site = hostnameFromInput(typed);
    const problem = !site ? t('siteRuleBadHost', typed.trim())
      : site in read.rules ? t('siteRuleExists', site)
        : sites.length >= MAX_SITES ? t('siteRuleTooMany', MAX_SITES) : '';
    setError(problem);
    if (problem || !site) return input.current!.focus();
    await saved(change((own) => ({ ...own, [site]: EMPTY_RULE })), t('siteRuleAdded', site), say);
    input.current!.value = '';
  };
  const remove = async (site: string) => {
    await saved(change(({ [site]: _gone, ...others }) => others), t('siteRuleRemoved', site), say);
    input.current?.focus(); // its button is gone: focus goes where the next site would be added
  };
  const update = (site: string, rule: SiteRule) =>
    saved(change((own) => ({ ...own, [site]: rule })), t('saved'), say);

  return (
    <section class="site-rules" aria-labelledby="site-rules-title">
      <h2 id="site-rules-title">{t('siteRulesTitle')}</h2>
      <p class="hint">{t('siteRulesHint')}</p>
      <form class="site-add" onSubmit={(e) => void add(e)} noValidate>
        <label for="site-new">{t('siteRuleNewSite')}</label>
        <input ref={input} id="site-new" type="text" inputMode="url" autoComplete="off" spellcheck={false}
          placeholder="meet.example.com" aria-invalid={error ? 'true' : 'false'} aria-describedby="site-new-error"
          onInput={() => error && setError('')} />
        <button type="submit" class="quiet">{t('siteRuleAdd')}</button>
        <p id="site-new-error" class="error" role="alert">{error}</p>
      </form>
      {sites.length === 0 ? <p class="empty">{t('siteRulesNone')}</p> : (
        <ul class="site-list">
          {sites.map((site) => (
            <SiteRuleCard key={site} site={site} rule={read.rules[site]!} isLocked={read.locked.includes(site)}
              onChange={(rule) => void update(site, rule)} onRemove={() => void remove(site)} />
          ))}
        </ul>
      )}
    </section>
  );
}

async function saved(saving: Promise<void>, done: string, say: (text: string) => void): Promise<void> {
  try {
    await saving;
    say(done);
  } catch (e) {
    say(t('couldNotSave', e instanceof Error ? e.message : String(e)));
  }
}

/** An id for a site's controls: host names hold dots and colons, which ids may, but selectors would have to escape. */
const idOf = (site: string, part: string) => `rule-${site.replace(/[^a-z0-9-]/g, '_')}-${part}`;

function SiteRuleCard({ site, rule, isLocked, onChange, onRemove }: {
  site: string; rule: SiteRule; isLocked: boolean; onChange: (rule: SiteRule) => void; onRemove: () => void;
}) {
  const toggleHold = (kind: HoldKind, isOn: boolean) =>
    onChange({ ...rule, hold: isOn ? [...rule.hold, kind] : rule.hold.filter((k) => k !== kind) });
  const onMinutes = (field: HTMLInputElement) => {
    const { autoStopHiddenMs: _old, ...rest } = rule;
    if (field.value.trim() === '') return onChange(rest);
    const minutes = Number(field.value);
    if (!field.validity.valid || !Number.isFinite(minutes)) return undefined;
    return onChange({ ...rest, autoStopHiddenMs: Math.round(minutes * MINUTE) });
  };
  const lockedHint = isLocked ? <p class="hint" id={idOf(site, 'locked')}>{t('lockedByAdmin')}</p> : null;
  return (
    <li class={`site-rule${isLocked ? ' locked' : ''}`} data-site={site}>
      <fieldset disabled={isLocked} aria-describedby={isLocked ? idOf(site, 'locked') : undefined}>
        <legend>{site}</legend>
        {lockedHint}
        {(Object.keys(HOLD_LABELS) as HoldKind[]).map((kind) => (
          <div class="rule-check" key={kind}>
            <input type="checkbox" id={idOf(site, kind)} checked={rule.hold.includes(kind)}
              onChange={(e) => toggleHold(kind, e.currentTarget.checked)} />
            <label for={idOf(site, kind)}>{HOLD_LABELS[kind]()}</label>
          </div>
        ))}
        <div class="rule-amount">
          <label for={idOf(site, 'auto-stop')}>{t('siteRuleAutoStop')}</label>
          <span class="amount">
            <input type="number" id={idOf(site, 'auto-stop')} min={0} max={MAX_MINUTES} step="any"
              value={rule.autoStopHiddenMs === undefined ? '' : rule.autoStopHiddenMs / MINUTE}
              aria-describedby={idOf(site, 'auto-stop-hint')} onChange={(e) => onMinutes(e.currentTarget)} />
            {' '}{t('unitMinutes')}
          </span>
          <p class="hint" id={idOf(site, 'auto-stop-hint')}>{t('siteRuleAutoStopHint')}</p>
        </div>
        <div class="rule-check">
          <input type="checkbox" id={idOf(site, 'never-alert')} checked={rule.neverAlert}
            onChange={(e) => onChange({ ...rule, neverAlert: e.currentTarget.checked })} />
          <label for={idOf(site, 'never-alert')}>{t('siteRuleNeverAlert')}</label>
        </div>
        {!isLocked && (
          <button type="button" class="quiet remove" aria-label={t('siteRuleRemoveLabel', site)} onClick={onRemove}>
            {t('siteRuleRemove')}
          </button>
        )}
      </fieldset>
    </li>
  );
}
