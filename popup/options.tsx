/**
 * The options page: the person's settings (src/settings.ts), saved to `storage.sync` as each one changes, and their
 * rules per site (components/SiteRules.tsx). A setting or site an administrator enforced (`storage.managed`) shows
 * its value, locked, and says so. Turning notifications or alerts on asks for the optional `notifications`
 * permission first; it needs this click to ask. Links to the privacy policy, a page of the extension in the
 * browser's language.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type EffectiveSettings, MAX_KEPT_ENDED, type SettingName, type Settings }
  from '../src/settings';
import type { EffectiveSiteRules } from '../src/site-rules';
import { Shortcuts } from './components/Shortcuts';
import { SiteRulesSection } from './components/SiteRules';
import { useShortcutKeys } from './use-shortcut-keys';
import {
  changeOwnSiteRules, requestNotifications, saveSettings, useBrowserLanguage, watchSettings, watchSiteRules,
} from './client';
import { t } from '../src/i18n';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

interface NumberField {
  name: SettingName;
  label: () => string;
  unit: number;
  unitName: () => string;
  max: number;
  hint: () => string;
}

const NUMBERS: NumberField[] = [
  { name: 'leakDelayMs', label: () => t('optionLeakDelay'), unit: SECOND, unitName: () => t('unitSeconds'),
    max: 86_400, hint: () => t('optionLeakDelayHint') },
  { name: 'hiddenLeakMs', label: () => t('optionHiddenLeak'), unit: MINUTE, unitName: () => t('unitMinutes'),
    max: 1440, hint: () => t('optionHiddenLeakHint') },
  { name: 'autoStopHiddenMs', label: () => t('optionAutoStop'), unit: MINUTE, unitName: () => t('unitMinutes'),
    max: 1440, hint: () => t('optionAutoStopHint') },
  { name: 'keepEnded', label: () => t('optionKeepEnded'), unit: 1, unitName: () => t('unitTracks'),
    max: MAX_KEPT_ENDED, hint: () => t('optionKeepEndedHint') },
];

function Options() {
  const [read, setRead] = useState<EffectiveSettings | undefined>();
  const [rules, setRules] = useState<EffectiveSiteRules | undefined>();
  const [said, setSaid] = useState('');
  const keys = useShortcutKeys();
  useEffect(() => watchSettings(setRead), []);
  useEffect(() => watchSiteRules(setRules), []);
  if (!read || !rules) return <p class="loading">{t('loading')}</p>;
  const { settings, locked } = read;
  const isLocked = (name: SettingName) => locked.includes(name);

  const save = async (change: Partial<Settings>) => {
    const next = { ...settings, ...change };
    for (const name of locked) delete (next as Partial<Settings>)[name]; // an administrator's, not the person's
    try {
      await saveSettings({ ...DEFAULT_SETTINGS, ...next });
      setSaid(t('saved'));
    } catch (e) {
      setSaid(t('couldNotSave', e instanceof Error ? e.message : String(e)));
    }
  };
  /** A setting that shows notifications: turning it on asks for the permission, in this click's handler. */
  const onNotifying = async (name: 'notifyOnShortcut' | 'alertOnBackgroundCapture', isOn: boolean) => {
    if (isOn && !await requestNotifications()) return setSaid(t('notificationsRefused'));
    await save({ [name]: isOn });
  };

  return (
    <main class="options-main">
      <h1>{t('optionsTitle')}</h1>
      {locked.length > 0 && <p class="managed">{t('someLocked')}</p>}
      <form onSubmit={(e) => e.preventDefault()}>
        <Check name="dispatchEndedOnStop" isLocked={isLocked('dispatchEndedOnStop')}
          checked={settings.dispatchEndedOnStop} onChange={(on) => void save({ dispatchEndedOnStop: on })}
          label={t('optionDispatchEnded')} hint={t('optionDispatchEndedHint')} />
        {NUMBERS.map((field) => (
          <Amount key={field.name} field={field} value={settings[field.name] as number}
            isLocked={isLocked(field.name)} onChange={(ms) => void save({ [field.name]: ms })} />
        ))}
        <Check name="notifyOnShortcut" isLocked={isLocked('notifyOnShortcut')} checked={settings.notifyOnShortcut}
          onChange={(on) => void onNotifying('notifyOnShortcut', on)} label={t('optionNotify')}
          hint={t('optionNotifyHint')} />
        <Check name="alertOnBackgroundCapture" isLocked={isLocked('alertOnBackgroundCapture')}
          checked={settings.alertOnBackgroundCapture}
          onChange={(on) => void onNotifying('alertOnBackgroundCapture', on)}
          label={t('optionAlert')} hint={t('optionAlertHint')} />
      </form>
      <SiteRulesSection read={rules} change={changeOwnSiteRules} say={setSaid} />
      <p class="said" role="status">{said}</p>
      <Shortcuts keys={keys} />
      {/* A page inside the extension (scripts/privacy-page.mjs builds it from PRIVACY.md): no network request. */}
      <p class="policy-link"><a href={t('privacyPolicyPage')}>{t('privacyPolicy')}</a></p>
    </main>
  );
}


function Check({ name, label, hint, checked, isLocked, onChange }: {
  name: SettingName; label: string; hint: string; checked: boolean; isLocked: boolean; onChange: (on: boolean) => void;
}) {
  return (
    <div class={`setting${isLocked ? ' locked' : ''}`}>
      <input type="checkbox" id={name} checked={checked} disabled={isLocked} aria-describedby={`${name}-hint`}
        onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={name}>{label}</label>
      <p class="hint" id={`${name}-hint`}>{isLocked ? `${t('lockedByAdmin')} ` : ''}{hint}</p>
    </div>
  );
}

function Amount({ field, value, isLocked, onChange }: {
  field: NumberField; value: number; isLocked: boolean; onChange: (value: number) => void;
}) {
  const { name, label, unit, unitName, max, hint } = field;
  return (
    <div class={`setting${isLocked ? ' locked' : ''}`}>
      <label for={name}>{label()}</label>
      <span class="amount">
        <input type="number" id={name} min={0} max={max} step={unit === 1 ? 1 : 'any'} value={value / unit}
          disabled={isLocked} aria-describedby={`${name}-hint`}
          onChange={(e) => {
            const amount = Number(e.currentTarget.value);
            if (e.currentTarget.validity.valid && Number.isFinite(amount)) onChange(Math.round(amount * unit));
          }} />
        {' '}{unitName()}
      </span>
      <p class="hint" id={`${name}-hint`}>{isLocked ? `${t('lockedByAdmin')} ` : ''}{hint()}</p>
    </div>
  );
}

useBrowserLanguage();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('root')!);
