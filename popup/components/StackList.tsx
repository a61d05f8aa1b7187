import { stackFrames } from '../../src/stack';
import { CopyButton } from './CopyButton';
import { t } from '../../src/i18n';

export interface StackListProps {
  stack: string;
  /** Opens a page frame at its line; absent where there is no DevTools to open it in. */
  onOpen?: ((url: string, line: number, column: number) => void) | undefined;
}

/** A creation stack, one frame per line; in DevTools each page frame opens the source at that line. */
export function StackList({ stack, onOpen }: StackListProps) {
  return (
    <div class="stack">
      <ol class="frames">
        {stackFrames(stack).map((frame, i) => (
          <li key={i}>
            {onOpen && frame.url && frame.line
              ? <button type="button" class="link" onClick={() => onOpen(frame.url!, frame.line!, frame.column ?? 1)}
                  title={t('openAtLine', frame.url, frame.line)}>{frame.text}</button>
              : <code>{frame.text}</code>}
          </li>
        ))}
      </ol>
      <CopyButton text={stack} label={t('copyStack')} />
    </div>
  );
}
