/**
 * The options page: the person's settings (src/settings.ts), saved to `storage.sync` as each one changes. A setting
 * an administrator enforced (`storage.managed`) shows its value, locked, and says so. Turning notifications on asks
 * for the optional `notifications` permission first; it needs this click to ask.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type EffectiveSettings, MAX_KEPT_ENDED, type SettingName, type Settings }
  from '../src/settings';
import { Shortcuts } from './components/Shortcuts';
import { useShortcutKeys } from './use-shortcut-keys';
import { requestNotifications, saveSettings, watchSettings } from './client';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

interface NumberField {
  name: SettingName;
  label: string;
  unit: number;
  unitName: string;
  max: number;
  hint: string;
}

const NUMBERS: NumberField[] = [
  { name: 'leakDelayMs', label: 'Flag a track as leaked once it has fed nothing for', unit: SECOND,
    unitName: 'seconds', max: 86_400, hint: 'Nothing shows it, sends it, records it or plays it.' },
  { name: 'hiddenLeakMs', label: 'Flag a camera or microphone held in a hidden tab after', unit: MINUTE,
    unitName: 'minutes', max: 1440, hint: '0 turns this off.' },
  { name: 'autoStopHiddenMs', label: 'Auto-stop: release the camera and microphone of a tab hidden for', unit: MINUTE,
    unitName: 'minutes', max: 1440, hint: '0 turns auto-stop off. Screen capture and other tracks are left alone.' },
  { name: 'keepEnded', label: 'Recently ended tracks kept per tab', unit: 1, unitName: 'tracks', max: MAX_KEPT_ENDED,
    hint: 'Shown under "Recently ended" and in the report.' },
];

function Options() {
  const [read, setRead] = useState<EffectiveSettings | undefined>();
  const [said, setSaid] = useState('');
  const keys = useShortcutKeys();
  useEffect(() => watchSettings(setRead), []);
  if (!read) return <p class="loading">Loading…</p>;
  const { settings, locked } = read;
  const isLocked = (name: SettingName) => locked.includes(name);

  const save = async (change: Partial<Settings>) => {
    const next = { ...settings, ...change };
    for (const name of locked) delete (next as Partial<Settings>)[name]; // an administrator's, not the person's
    try {
      await saveSettings({ ...DEFAULT_SETTINGS, ...next });
      setSaid('Saved.');
    } catch (e) {
      setSaid(`Could not save: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const onNotify = async (isOn: boolean) => {
    if (isOn && !await requestNotifications()) return setSaid('Notifications were not allowed.');
    await save({ notifyOnShortcut: isOn });
  };

  return (
    <main class="options-main">
      <h1>Trackstop settings</h1>
      {locked.length > 0 && <p class="managed">Some settings are set by your administrator and cannot be changed.</p>}
      <form onSubmit={(e) => e.preventDefault()}>
        <Check name="dispatchEndedOnStop" isLocked={isLocked('dispatchEndedOnStop')}
          checked={settings.dispatchEndedOnStop} onChange={(on) => void save({ dispatchEndedOnStop: on })}
          label="Tell the page when Trackstop stops one of its tracks"
          hint="Fires an 'ended' event on the track, as a revoked permission does, so the page's buttons notice." />
        {NUMBERS.map((field) => (
          <Amount key={field.name} field={field} value={settings[field.name] as number}
            isLocked={isLocked(field.name)} onChange={(ms) => void save({ [field.name]: ms })} />
        ))}
        <Check name="notifyOnShortcut" isLocked={isLocked('notifyOnShortcut')} checked={settings.notifyOnShortcut}
          onChange={(on) => void onNotify(on)} label="Also notify me when a keyboard shortcut stops tracks"
          hint="The badge always shows a check mark." />
      </form>
      <p class="said" role="status">{said}</p>
      <Shortcuts keys={keys} />
    </main>
  );
}

const LOCKED_TEXT = 'Set by your administrator.';

function Check({ name, label, hint, checked, isLocked, onChange }: {
  name: SettingName; label: string; hint: string; checked: boolean; isLocked: boolean; onChange: (on: boolean) => void;
}) {
  return (
    <div class={`setting${isLocked ? ' locked' : ''}`}>
      <input type="checkbox" id={name} checked={checked} disabled={isLocked} aria-describedby={`${name}-hint`}
        onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={name}>{label}</label>
      <p class="hint" id={`${name}-hint`}>{isLocked ? `${LOCKED_TEXT} ` : ''}{hint}</p>
    </div>
  );
}

function Amount({ field, value, isLocked, onChange }: {
  field: NumberField; value: number; isLocked: boolean; onChange: (value: number) => void;
}) {
  const { name, label, unit, unitName, max, hint } = field;
  return (
    <div class={`setting${isLocked ? ' locked' : ''}`}>
      <label for={name}>{label}</label>
      <span class="amount">
        <input type="number" id={name} min={0} max={max} step={unit === 1 ? 1 : 'any'} value={value / unit}
          disabled={isLocked} aria-describedby={`${name}-hint`}
          onChange={(e) => {
            const amount = Number(e.currentTarget.value);
            if (e.currentTarget.validity.valid && Number.isFinite(amount)) onChange(Math.round(amount * unit));
          }} />
        {' '}{unitName}
      </span>
      <p class="hint" id={`${name}-hint`}>{isLocked ? `${LOCKED_TEXT} ` : ''}{hint}</p>
    </div>
  );
}

render(<Options />, document.getElementById('root')!);
