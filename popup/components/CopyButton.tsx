import { useState } from 'preact/hooks';
import { t } from '../../src/i18n';

/** Copies `text` to the clipboard and says so in place; screen readers hear the outcome. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [said, setSaid] = useState('');
  const copy = () => navigator.clipboard.writeText(text)
    .then(() => setSaid(t('copied')), () => setSaid(t('couldNotCopy')));
  return (
    <span class="copy">
      <button type="button" class="quiet" onClick={() => void copy()}>{label}</button>
      <span role="status" class="copy-said">{said}</span>
    </span>
  );
}
