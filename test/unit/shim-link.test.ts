import { beforeAll, describe, expect, it } from 'vitest';
import { type LinkOptions, linkToShim } from '../../content/shim-link';
import {
  BOOTSTRAP_EVENT, LINE_HOST, LINE_HOST_WINDOW, LINE_JOIN, LINE_TO_RELAY, LINE_TO_SHIM, PREFIX, type ShimApi,
} from '../../src/page-world';
import type { Message } from '../../src/messages';
import { FakeFocusEvent, FakeFrameWindow } from './fakes';

beforeAll(() => { Object.assign(globalThis, { FocusEvent: FakeFocusEvent }); });

/** A shim's line: records the commands it hears; `report` sends on it as the shim would. */
function shimLine() {
  const line = new EventTarget();
  const heard: unknown[] = [];
  line.addEventListener(LINE_TO_SHIM, (event) => heard.push(JSON.parse((event as CustomEvent<string>).detail)));
  const report = (message: unknown) => line.dispatchEvent(new CustomEvent(LINE_TO_RELAY, { detail: message }));
  return { line, heard, report };
}

const announce = (win: EventTarget, line: EventTarget) =>
  win.dispatchEvent(new FakeFocusEvent(BOOTSTRAP_EVENT, { relatedTarget: line }));

function link(win: FakeFrameWindow, options: Partial<LinkOptions> = {}) {
  const messages: unknown[] = [];
  let lost = 0;
  const made = linkToShim(win as unknown as Window, (detail) => messages.push(detail),
    { wasInjected: false, onHostedLost: () => lost++, ...options });
  return { link: made, messages, get lost() { return lost; } };
}

const stop: Message<ShimApi> = { type: 'stop', data: { ids: ['t1'], dispatchEnded: true } };

describe('the link to the shim', () => {
  it('takes the line from the first announcement only, and hears the shim on it', () => {
    const win = new FakeFrameWindow();
    const relay = link(win);
    const shim = shimLine();
    const impostor = shimLine();
    announce(win, shim.line);
    announce(win, impostor.line);
    expect(relay.link.isLinked).toBe(true);
    shim.report('{"type":"events","data":[]}');
    impostor.report('forged');
    expect(relay.messages).toEqual(['{"type":"events","data":[]}']);
    expect(relay.link.send(stop)).toBe(true);
    expect(shim.heard).toEqual([stop]);
    expect(impostor.heard).toEqual([]);
  });

  it('stops hearing at the first announcement, even one that carries no line', () => {
    const win = new FakeFrameWindow();
    const relay = link(win);
    win.dispatchEvent(new FakeFocusEvent(BOOTSTRAP_EVENT));
    announce(win, shimLine().line);
    expect(relay.link.isLinked).toBe(false);
  });

  it('hears no announcement when it came after an update, or in a frame that runs no script', () => {
    const injected = new FakeFrameWindow();
    const late = link(injected, { wasInjected: true });
    announce(injected, shimLine().line);
    expect(late.link.isLinked).toBe(false);
    expect(late.link.send(stop)).toBe(false);
    const sandboxed = new FakeFrameWindow().child();
    sandboxed.frameElement = { getAttribute: (name) => (name === 'sandbox' ? 'allow-same-origin' : null) };
    const scriptless = link(sandboxed);
    announce(sandboxed, shimLine().line);
    expect(scriptless.link.isLinked).toBe(false);
  });

  it('opens the door once, under random names, and only with a line', () => {
    const win = new FakeFrameWindow();
    const relay = link(win);
    expect(relay.link.openDoor()).toBeUndefined();
    const shim = shimLine();
    announce(win, shim.line);
    const names = relay.link.openDoor()!;
    expect(names.toRelay.startsWith(`${PREFIX}:`) && names.toShim.startsWith(`${PREFIX}:`)).toBe(true);
    expect(names.toRelay).not.toBe(names.toShim);
    expect(relay.link.openDoor()).toBe(names);
    expect(shim.heard).toEqual([{ type: 'door', data: names }]);
  });

  it('after an update, knocks at the door the background named and takes the line handed over there', () => {
    const win = new FakeFrameWindow();
    const names = { toRelay: `${PREFIX}:r`, toShim: `${PREFIX}:s` };
    const shim = shimLine();
    win.addEventListener(names.toShim, (event) => {
      if (JSON.parse((event as CustomEvent<string>).detail).type === 'line') {
        win.dispatchEvent(new FakeFocusEvent(names.toRelay, { relatedTarget: shim.line }));
      }
    });
    const relay = link(win, { wasInjected: true });
    relay.link.adopt({ toRelay: `${PREFIX}:wrong`, toShim: `${PREFIX}:wrong` });
    win.dispatchEvent(new FakeFocusEvent(`${PREFIX}:wrong`, { relatedTarget: shimLine().line })); // too late
    expect(relay.link.isLinked).toBe(false);
    relay.link.adopt(names);
    expect(relay.link.isLinked).toBe(true);
    expect(relay.link.openDoor()).toEqual(names);
    win.dispatchEvent(new FakeFocusEvent(names.toRelay, { relatedTarget: shimLine().line })); // heard no more
    relay.link.send(stop);
    expect(shim.heard).toEqual([stop]);
  });

  it('holds the lines its shim hosts, and gives one up to the realm\'s own relay when it claims it', () => {
    const top = new FakeFrameWindow();
    const guardian = link(top);
    const shim = shimLine();
    announce(top, shim.line);
    const frame = top.child();
    const hosted = shimLine();
    shim.line.dispatchEvent(new FakeFocusEvent(LINE_HOST_WINDOW, { relatedTarget: frame }));
    shim.line.dispatchEvent(new FakeFocusEvent(LINE_HOST, { relatedTarget: hosted.line }));
    guardian.link.send(stop);
    expect(hosted.heard).toEqual([stop]);
    hosted.report('from the hosted realm');
    expect(guardian.messages).toEqual(['from the hosted realm']);

    const own = link(frame); // the frame's own relay, later
    expect(own.link.isLinked).toBe(true);
    expect(guardian.lost).toBe(1);
    guardian.link.send(stop);
    expect(hosted.heard).toEqual([stop]);
    own.link.send(stop);
    expect(hosted.heard).toEqual([stop, stop]);
  });

  it('introduces a frame\'s shim to the root\'s, so that both share one registry', () => {
    const top = new FakeFrameWindow();
    link(top);
    const root = shimLine();
    const joined: unknown[] = [];
    root.line.addEventListener(LINE_JOIN, (event) => joined.push((event as FakeFocusEvent).relatedTarget));
    announce(top, root.line);
    const frame = top.child();
    link(frame);
    const frameShim = shimLine();
    announce(frame, frameShim.line);
    expect(joined).toEqual([frameShim.line]);
  });
});
