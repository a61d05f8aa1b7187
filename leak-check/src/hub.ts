/**
 * The runner's end of the readers (leak-check/page/reader.ts): one hub per page. Each call of the page's binding
 * lands in `onCall` and gets back a promise that stays pending until the runner's next request; `collect` sends one
 * request to every document that has called, and waits for their answers, never for ever: a document that went away
 * (a navigation, a detached frame) is given a short grace, a current one a timeout, and a page that closes, crashes
 * or navigates its top frame during the check ends the check with a message.
 */

/** What a document's reader says (JSON through the binding); `lines` only in an answer. */
export interface Answer {
  t: 'hello' | 'snapshot';
  req?: string;
  doc: string;
  url: string;
  origin: string;
  isTop: boolean;
  /** Per line (the document's own first, then the realms it hosts): the messages its shim answered with. */
  lines?: string[][];
}

interface Pending {
  resolve(request: string): void;
  url: string;
  /** Registered before a navigation: its document may be gone. */
  isStale: boolean;
}

/** A failure of the check itself (not a leak), with a message for the test's output. */
export class LeakCheckError extends Error {
  override name = 'LeakCheckError';
}

const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

/** Reads a reader's message; undefined for anything else (a page may call the binding too, if it finds it). */
export function parseAnswer(text: unknown): Answer | undefined {
  let x: Record<string, unknown>;
  try {
    x = typeof text === 'string' && text.length < 8_000_000 ? JSON.parse(text) as Record<string, unknown> : {};
  } catch {
    return undefined;
  }
  if ((x.t !== 'hello' && x.t !== 'snapshot') || !isText(x.doc, 64) || !isText(x.url, 8192)
    || !isText(x.origin, 2048) || typeof x.isTop !== 'boolean') return undefined;
  if (x.t === 'hello') return { t: 'hello', doc: x.doc, url: x.url, origin: x.origin, isTop: x.isTop };
  const lines = x.lines;
  if (!isText(x.req, 32) || !Array.isArray(lines)
    || !lines.every((l) => Array.isArray(l) && l.every((m) => typeof m === 'string'))) return undefined;
  return { t: 'snapshot', req: x.req, doc: x.doc, url: x.url, origin: x.origin, isTop: x.isTop,
    lines: lines as string[][] };
}

/** How long a document that may have gone away gets to answer, after the current ones have. */
const GRACE_MS = 250;

export class Hub {
  readonly #pending = new Map<string, Pending>();
  readonly #waiting = new Map<string, (answer: Answer) => void>();
  readonly #onGone = new Set<(reason: string) => void>();
  #seq = 0;
  #final: string | undefined;

  /** A call of the binding: the message, and the promise of this document's next request. */
  onCall(text: unknown): Promise<string> {
    const answer = parseAnswer(text);
    if (!answer) return Promise.resolve('');
    if (answer.t === 'snapshot') this.#waiting.get(answer.req!)?.(answer);
    return new Promise((resolve) => this.#pending.set(answer.doc, { resolve, url: answer.url, isStale: false }));
  }

  /**
   * A frame navigated (to `url`) or detached: every document known so far may be gone, except one at that address,
   * which may be the new document itself (runners do not all tell of a navigation before its document's first call).
   */
  markStale(url?: string): void {
    for (const pending of this.#pending.values()) if (pending.url !== url) pending.isStale = true;
  }

  /** The page closed, crashed or navigated: a check under way ends with `reason`; after a close or a crash, any. */
  gone(reason: string, isFinal = false): void {
    if (isFinal) this.#final ??= reason;
    for (const onGone of [...this.#onGone]) onGone(reason);
  }

  /** Why no check of this page can answer any more (it closed or crashed), if it cannot. */
  get finalReason(): string | undefined {
    return this.#final;
  }

  /** Whether any document of the page has a reader (undefined: none has loaded since the check was installed). */
  get hasDocuments(): boolean {
    return this.#pending.size > 0;
  }

  /**
   * Waits, up to `ms`, until a document at each of `urls` has called: a runner may deliver a frame's first call after
   * the frame itself is reported (Firefox over BiDi).
   */
  async awaitDocuments(urls: string[], ms: number): Promise<void> {
    const until = Date.now() + ms;
    const isMissing = () => urls.some((url) => /^https?:/.test(url)
      && ![...this.#pending.values()].some((p) => p.url === url));
    while (isMissing() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }

  /** Asks every document for its snapshot. Rejects with a LeakCheckError, never hangs. */
  collect(timeoutMs: number): Promise<Answer[]> {
    const req = String(++this.#seq);
    const targets = [...this.#pending.entries()];
    this.#pending.clear();
    const fresh = new Map(targets.filter(([, p]) => !p.isStale).map(([doc, p]) => [doc, p.url]));
    const answers = new Map<string, Answer>();
    return new Promise<Answer[]>((resolve, reject) => {
      let grace: ReturnType<typeof setTimeout> | undefined;
      const done = (error?: Error) => {
        clearTimeout(timer);
        clearTimeout(grace);
        this.#waiting.delete(req);
        this.#onGone.delete(onGone);
        if (error) reject(error);
        else resolve([...answers.values()]);
      };
      const onGone = (reason: string) => done(new LeakCheckError(reason));
      const settle = () => {
        if (answers.size === targets.length) done();
        else if (!fresh.size && !grace) grace = setTimeout(() => done(), GRACE_MS);
      };
      const timer = setTimeout(() => done(new LeakCheckError(`${fresh.size} document(s) of the page did not answer `
        + `the leak check within ${timeoutMs} ms: ${[...fresh.values()].join(', ')}. A page busy in a long script, or `
        + 'one whose scripts replaced the built-ins the test runner\'s binding uses, cannot answer.')), timeoutMs);
      this.#onGone.add(onGone);
      this.#waiting.set(req, (answer) => {
        answers.set(answer.doc, answer);
        fresh.delete(answer.doc);
        settle();
      });
      for (const [, pending] of targets) pending.resolve(`snapshot:${req}`);
      settle();
    });
  }
}

/** The part of a Playwright or Puppeteer page a hub follows: its lifecycle events and its main frame. */
interface FollowedPage {
  on(event: string, listener: (frame: { url(): string }) => void): unknown;
  mainFrame(): unknown;
}

/**
 * Makes `hub` follow `page`: a navigation, a detached frame, a close or a crash (`crashEvent`, as the runner names it)
 * ends or refreshes what the check waits for, with a message, never a hang.
 */
export function follow(hub: Hub, page: FollowedPage, crashEvent: 'crash' | 'error'): void {
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) hub.gone('The page navigated during the leak check: check after it has loaded.');
    hub.markStale(frame.url());
  });
  page.on('framedetached', () => hub.markStale());
  page.on('close', () => hub.gone('The page closed during the leak check.', true));
  page.on(crashEvent, () => hub.gone('The page crashed during the leak check.', true));
}
