/**
 * Every word Trackstop shows, from `_locales/<lang>/messages.json`. Each context hands its browser's
 * `i18n.getMessage` and UI language to `useMessages` once, at startup; the unit tests hand it the files themselves.
 * Keys are written out as literals at each call (`t('stopEverything')`), so that test/unit/i18n.test.ts can find
 * every key the code uses and hold every locale to having it, and to having no other.
 *
 * Plurals: `tp('liveTracks', n)` reads `liveTracks_one`, `liveTracks_other` (or whichever of `zero`, `two`, `few`,
 * `many` the language's rules pick, `Intl.PluralRules`), with the count as the first substitution ($1).
 */

/** The browser's `i18n.getMessage`: the message with `$1`… replaced, or '' if there is none. */
export type GetMessage = (key: string, substitutions?: string[]) => string;

let getMessage: GetMessage = (key) => key;
let rules = new Intl.PluralRules('en');
let lists = new Intl.ListFormat('en');

/** Sets where messages come from, and the language whose plural rules apply. */
export function useMessages(lookup: GetMessage, language: string): void {
  getMessage = lookup;
  try {
    rules = new Intl.PluralRules(language);
    lists = new Intl.ListFormat(language);
  } catch {
    rules = new Intl.PluralRules('en');
    lists = new Intl.ListFormat('en');
  }
}

/** "camera and microphone", "camera, microphone and screen", in the language's own way. */
export const listText = (items: string[]) => lists.format(items);

/** The message `key` with `$1`, `$2`… replaced by `substitutions`; the key itself if no locale has it. */
export function t(key: string, ...substitutions: (string | number)[]): string {
  return getMessage(key, substitutions.map(String)) || key;
}

/** The message for `n` of something: `key_one`, `key_other`, … as the language's rules say; `n` is `$1`. */
export function tp(key: string, n: number, ...substitutions: (string | number)[]): string {
  const all = [n, ...substitutions];
  return getMessage(`${key}_${rules.select(n)}`, all.map(String)) || t(`${key}_other`, ...all);
}

/** A `GetMessage` over the contents of a messages.json file, as the browsers read it (`$1`…`$9`, `$$`). */
export function messagesFrom(file: Record<string, { message: string }>): GetMessage {
  return (key, substitutions = []) => {
    const entry = file[key];
    if (!entry) return '';
    return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
      (which === '$' ? '$' : substitutions[Number(which) - 1] ?? ''));
  };
}
