/**
 * The test's reader, in the page: made by the init script (leak-check/src/init-script.ts) in the same first instant
 * as the shim, before any script of the app. It holds the shim's line (content/page/channel.ts, `shimTake`) and the
 * lines of the realms that shim instruments, and talks to the test runner through one binding whose name is random
 * per run and which it takes off the window before the app's first script.
 *
 * Trust. The reader is a closure: no global, no event name, nothing on the window. The runner never evaluates code
 * in the page to ask: each call of the binding returns a promise that the runner resolves with its next request
 * ("snapshot:<n>"), so a request travels only through that promise. The only thing a reader does on request is ask
 * each line for a snapshot, which changes no track. What the app can still do, as with the extension (README,
 * "Trust"): break or forge its own reports (for instance by replacing the built-ins the runner's own binding code in
 * the page uses); the runner validates every report (src/protocol.ts) and a silent page fails the check with a
 * message, never a hang.
 */
import { LINE_HOST, LINE_HOST_WINDOW, LINE_TO_RELAY, LINE_TO_SHIM } from '../../src/page-world';

type Call = (text: string) => unknown;

/**
 * Takes the binding `name` off the window; returns where the shim hands its line. `mustStay`: the runner finds its
 * binding on the window to answer it (Puppeteer over CDP looks `globalThis[name]` up at every call and answer), so
 * it stays, hidden from enumeration only; an app that looks for it by its own names can call it and see what the
 * reader sends of the app's own tracks, but cannot reach the shim through it.
 */
export function start(name: string, mustStay: boolean): (line: EventTarget) => void {
  const scope = globalThis as unknown as Record<string, unknown>;
  const call = scope[name] as Call | undefined;
  try {
    if (mustStay) Reflect.defineProperty(scope, name, { enumerable: false });
    else delete scope[name];
  } catch {
    // Not configurable: then it was not the runner's binding either, and calling it reports nothing the app lacks.
  }
  const { apply, setPrototypeOf } = Reflect;
  const getter = (proto: object, key: string) => Reflect.getOwnPropertyDescriptor(proto, key)!.get!;
  const addListener = EventTarget.prototype.addEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const CustomEventCtor = CustomEvent;
  const detailOf = getter(CustomEvent.prototype, 'detail');
  const relatedOf = getter(FocusEvent.prototype, 'relatedTarget');
  const then = Promise.prototype.then;
  const stringify = JSON.stringify;
  const push = Array.prototype.push;
  const slice = String.prototype.slice;
  const isTop = window === window.top;
  const url = document.URL;
  const origin = (globalThis as { origin?: string }).origin ?? 'null';
  const doc = `${Math.random()}`.slice(2) + `${Date.now()}`;
  const bare = <T extends object>(o: T): T => (setPrototypeOf(o, null), o);

  const lines: EventTarget[] = [];
  let answers: string[] | undefined;

  const hear = (line: EventTarget) => {
    apply(push, lines, [line]);
    apply(addListener, line, [LINE_TO_RELAY, (event: Event) => {
      if (answers) apply(push, answers, [apply(detailOf, event, [])]);
    }]);
    // A realm this shim instrumented (content/page/guard.ts): its window first, then its line.
    apply(addListener, line, [LINE_HOST_WINDOW, () => {}]);
    apply(addListener, line, [LINE_HOST, (event: Event) => {
      const other = apply(relatedOf, event, []) as EventTarget | null;
      if (other) hear(other);
    }]);
  };

  const snapshots = (): string[][] => {
    const all: string[][] = [];
    for (let i = 0; i < lines.length; i++) {
      answers = [];
      try {
        apply(dispatch, lines[i]!, [new CustomEventCtor(LINE_TO_SHIM,
          bare({ detail: '{"type":"snapshot","data":{}}' }))]);
      } catch {
        // A realm that went away with its frame: no answer from it.
      }
      apply(push, all, [answers]);
    }
    answers = undefined;
    return all;
  };

  const send = (message: object) => {
    if (!call) return;
    try {
      const reply = apply(call, undefined, [apply(stringify, JSON, [message])]);
      apply(then, reply, [onRequest, () => {}]);
    } catch {
      // The runner's binding was broken by the page: the runner reports that this document never answered.
    }
  };
  const onRequest = (request: unknown) => {
    if (typeof request !== 'string' || apply(slice, request, [0, 9]) !== 'snapshot:') return;
    send(bare({ t: 'snapshot', req: apply(slice, request, [9]), doc, url, origin, isTop, lines: snapshots() }));
  };

  return (line: EventTarget) => {
    hear(line);
    send(bare({ t: 'hello', doc, url, origin, isTop }));
  };
}
