import type { LeakFlag } from '../../src/leaks';
import { leakText } from '../../src/leak-text';

/** A track's leak flags: the reason first ("Leak: …", what a screen reader hears), a mark, and the hint. */
export function LeakFlags({ flags }: { flags: readonly LeakFlag[] | undefined }) {
  return (
    <>
      {flags?.map((flag) => {
        const { text, hint } = leakText(flag);
        return (
          <div key={flag.rule} class="leak" data-rule={flag.rule}>
            <span class="leak-mark" aria-hidden="true">!</span>
            <span><strong>{text}</strong> <span class="hint">{hint}</span></span>
          </div>
        );
      })}
    </>
  );
}
