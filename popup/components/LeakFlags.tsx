import type { LeakFlag } from '../../src/leaks';

/** A track's leak flags: the reason first ("Leak: …", what a screen reader hears), a mark, and the hint. */
export function LeakFlags({ flags }: { flags: readonly LeakFlag[] | undefined }) {
  return (
    <>
      {flags?.map((flag) => (
        <div key={flag.rule} class="leak" data-rule={flag.rule}>
          <span class="leak-mark" aria-hidden="true">!</span>
          <span><strong>{flag.text}</strong> <span class="hint">{flag.hint}</span></span>
        </div>
      ))}
    </>
  );
}
