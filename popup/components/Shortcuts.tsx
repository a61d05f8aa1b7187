
const NAMES: Record<string, string> = {
  'stop-tab': 'Stop everything in this tab',
  'stop-everywhere': 'Stop everything everywhere',
};

/** The keyboard shortcuts with the keys the person actually has set, which the browser's own settings change. */
export function Shortcuts({ keys }: { keys: Record<string, string> }) {
  return (
    <footer class="shortcuts">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <dl aria-labelledby="shortcuts-heading">
        {Object.entries(NAMES).map(([name, what]) => (
          <div key={name}>
            <dt>{what}</dt>
            <dd>{keys[name] ? <kbd>{keys[name]}</kbd> : 'not set'}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">Change them in the browser's extension shortcut settings.</p>
    </footer>
  );
}
