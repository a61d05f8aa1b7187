import { t } from '../../src/i18n';

const NAMES: Record<string, () => string> = {
  'stop-tab': () => t('stopEverythingInThisTab'),
  'stop-everywhere': () => t('stopEverythingEverywhere'),
};

/** The keyboard shortcuts with the keys the person actually has set, which the browser's own settings change. */
export function Shortcuts({ keys }: { keys: Record<string, string> }) {
  return (
    <footer class="shortcuts">
      <h2 id="shortcuts-heading">{t('keyboardShortcuts')}</h2>
      <dl aria-labelledby="shortcuts-heading">
        {Object.entries(NAMES).map(([name, what]) => (
          <div key={name}>
            <dt>{what()}</dt>
            <dd>{keys[name] ? <kbd>{keys[name]}</kbd> : t('notSet')}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{t('changeShortcuts')}</p>
    </footer>
  );
}
