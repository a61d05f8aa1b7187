/**
 * The wrappers must look native. Compared with the same browser without the extension: name, length, toString,
 * property descriptors, the error for a wrong receiver, identity of returned objects, globals. Past 200 lines: every
 * comparison runs one `observe` in both browsers, and its cases are kept together.
 */
import { expect, it } from 'vitest';
import { type TestPage, cleanBrowser, eachBrowser, openPopup, poll } from './harness';

/** Everything a page could look at, gathered in the page. */
const observe = async () => {
  /** An error as a page sees it: name, message and the frames of its stack (ports differ between the two servers). */
  const seen = (e: unknown) => ({
    error: `${(e as Error).name}: ${(e as Error).message}`,
    stack: String((e as Error).stack).replace(/:\d{4,5}\//g, ':port/'),
  });
  /** What a call does: its return value's kind, or its error; a promise is awaited, as a page would. */
  const outcome = async (call: () => unknown) => {
    try {
      const result = call();
      if (!(result instanceof Promise)) return { returns: typeof result };
      return { resolves: typeof await result };
    } catch (e) {
      return { throws: seen(e) };
    }
  };
  const places: [object, string, 'value' | 'set' | 'get'][] = [
    [MediaDevices.prototype, 'getUserMedia', 'value'], [MediaDevices.prototype, 'getDisplayMedia', 'value'],
    [Navigator.prototype, 'getUserMedia', 'value'], [Navigator.prototype, 'webkitGetUserMedia', 'value'],
    [Navigator.prototype, 'mozGetUserMedia', 'value'], [MediaStreamTrack.prototype, 'clone', 'value'],
    [MediaStreamTrack.prototype, 'stop', 'value'], [MediaStreamTrack.prototype, 'enabled', 'set'],
    [MediaStream.prototype, 'clone', 'value'], [MediaStream.prototype, 'addTrack', 'value'],
    [globalThis, 'MediaStream', 'value'], [Function.prototype, 'toString', 'value'],
    [HTMLCanvasElement.prototype, 'captureStream', 'value'], [HTMLMediaElement.prototype, 'captureStream', 'value'],
    [HTMLMediaElement.prototype, 'mozCaptureStream', 'value'],
    [AudioContext.prototype, 'createMediaStreamDestination', 'value'],
    [globalThis, 'MediaStreamAudioDestinationNode', 'value'],
    [RTCPeerConnection.prototype, 'addTransceiver', 'value'], [RTCPeerConnection.prototype, 'setRemoteDescription',
      'value'],
    [RTCPeerConnection.prototype, 'addTrack', 'value'], [RTCPeerConnection.prototype, 'addStream', 'value'],
    [globalThis, 'MediaStreamTrackGenerator', 'value'], [globalThis, 'VideoTrackGenerator', 'value'],
    // The sinks (content/page/sinks.ts).
    [HTMLMediaElement.prototype, 'srcObject', 'set'], [RTCRtpSender.prototype, 'replaceTrack', 'value'],
    [globalThis, 'MediaRecorder', 'value'], [AudioContext.prototype, 'createMediaStreamSource', 'value'],
    [AudioContext.prototype, 'createMediaStreamTrackSource', 'value'], [globalThis, 'MediaStreamAudioSourceNode',
      'value'],
    [globalThis, 'MediaStreamTrackAudioSourceNode', 'value'], [globalThis, 'MediaStreamTrackProcessor', 'value'],
    [globalThis, 'ImageCapture', 'value'],
    // The ways a page reaches another realm (content/page/guard.ts).
    [HTMLIFrameElement.prototype, 'contentWindow', 'get'], [HTMLIFrameElement.prototype, 'contentDocument', 'get'],
    [HTMLFrameElement.prototype, 'contentWindow', 'get'], [HTMLFrameElement.prototype, 'contentDocument', 'get'],
    [HTMLObjectElement.prototype, 'contentWindow', 'get'], [HTMLObjectElement.prototype, 'contentDocument', 'get'],
    [globalThis, 'open', 'value'],
  ];
  const out: Record<string, unknown> = {};
  for (const [owner, key, part] of places) {
    const d = Object.getOwnPropertyDescriptor(owner, key);
    const f = d?.[part] as ((...args: never[]) => unknown) | undefined;
    const at = `${Object.prototype.toString.call(owner)} ${key} ${part}`;
    if (!d || !f) { out[at] = 'absent'; continue; }
    // A wrong receiver, synchronously or as the rejection of the promise it returns: the frames a page sees, to which
    // Trackstop's wrapper may add none.
    const wrongReceiver = await outcome(() => f.call({}));
    out[at] = {
      name: f.name, length: f.length, source: Function.prototype.toString.call(f), string: String(f),
      flags: [d.enumerable, d.configurable, d.writable], hasPrototype: 'prototype' in f, wrongReceiver,
    };
  }
  out.constructorIdentity = MediaStream.prototype.constructor === MediaStream
    && MediaStreamAudioDestinationNode.prototype.constructor === MediaStreamAudioDestinationNode
    && MediaRecorder.prototype.constructor === MediaRecorder
    && MediaStreamAudioSourceNode.prototype.constructor === MediaStreamAudioSourceNode;
  out.recorder = new MediaRecorder(new MediaStream()) instanceof MediaRecorder;
  out.instance = new MediaStream() instanceof MediaStream;
  out.globals = Object.getOwnPropertyNames(globalThis).sort();
  // No argument and a wrong argument, on a right receiver, for every wrapped function that takes one (the rest: the
  // wrong receiver above), sync and async. A function this browser lacks reads "absent" in both browsers alike.
  const pc = new RTCPeerConnection();
  const sender = pc.addTransceiver('audio').sender;
  const canvas = document.createElement('canvas');
  const video = document.createElement('video');
  const audio = new AudioContext();
  type Loose = (...args: unknown[]) => unknown;
  type LooseConstructor = new (...args: unknown[]) => unknown;
  /** Calls `owner[key]` with `args` on `owner`, or says the browser lacks it. */
  const invoke = (owner: object, key: string, ...args: unknown[]) => () => {
    const fn = (owner as Record<string, unknown>)[key];
    return typeof fn === 'function' ? (fn as Loose).apply(owner, args) : 'absent';
  };
  /** `new globalThis[name](...args)`, or says the browser lacks it. */
  const make = (name: string, ...args: unknown[]) => () => {
    const ctor = (globalThis as unknown as Record<string, unknown>)[name];
    return typeof ctor === 'function' ? new (ctor as LooseConstructor)(...args) : 'absent';
  };
  /** Sets accessor `key` of `proto` on `self` with the setter itself, as no argument or `value`. */
  const set = (proto: object, key: string, self: object, ...value: unknown[]) => () =>
    (Object.getOwnPropertyDescriptor(proto, key)!.set as Loose).apply(self, value);
  const stream = new MediaStream();
  const canvasTrack = canvas.captureStream().getVideoTracks()[0]!;
  const calls: Record<string, () => unknown> = {
    'navigator.getUserMedia()': invoke(navigator, 'getUserMedia'),
    'navigator.getUserMedia({}, 1, 2)': invoke(navigator, 'getUserMedia', {}, 1, 2),
    'webkitGetUserMedia()': invoke(navigator, 'webkitGetUserMedia'),
    'webkitGetUserMedia({}, 1, 2)': invoke(navigator, 'webkitGetUserMedia', {}, 1, 2),
    'mozGetUserMedia()': invoke(navigator, 'mozGetUserMedia'),
    'stream.addTrack()': invoke(stream, 'addTrack'),
    'stream.addTrack({})': invoke(stream, 'addTrack', {}),
    'new MediaStream(1)': make('MediaStream', 1),
    'track.enabled = (none)': set(MediaStreamTrack.prototype, 'enabled', canvasTrack),
    'video.srcObject = (none)': set(HTMLMediaElement.prototype, 'srcObject', video),
    'video.srcObject = {}': set(HTMLMediaElement.prototype, 'srcObject', video, {}),
    'video.captureStream(1)': invoke(video, 'captureStream', 1),
    'video.mozCaptureStream(1)': invoke(video, 'mozCaptureStream', 1),
    'createMediaStreamTrackSource()': invoke(audio, 'createMediaStreamTrackSource'),
    'createMediaStreamTrackSource({})': invoke(audio, 'createMediaStreamTrackSource', {}),
    'createMediaStreamDestination({})': invoke(audio, 'createMediaStreamDestination', {}),
    'new MediaStreamAudioDestinationNode()': make('MediaStreamAudioDestinationNode'),
    'new MediaStreamAudioDestinationNode({})': make('MediaStreamAudioDestinationNode', {}),
    'addStream()': invoke(pc, 'addStream'),
    'addStream({})': invoke(pc, 'addStream', {}),
    'setRemoteDescription()': invoke(pc, 'setRemoteDescription'),
    'new MediaStreamTrackGenerator()': make('MediaStreamTrackGenerator'),
    'new MediaStreamTrackGenerator({})': make('MediaStreamTrackGenerator', {}),
    'new VideoTrackGenerator(1)': make('VideoTrackGenerator', 1),
    'new MediaRecorder({})': make('MediaRecorder', {}),
    'new MediaStreamAudioSourceNode()': make('MediaStreamAudioSourceNode'),
    'new MediaStreamAudioSourceNode(audio, {})': make('MediaStreamAudioSourceNode', audio, {}),
    'new MediaStreamTrackAudioSourceNode()': make('MediaStreamTrackAudioSourceNode'),
    'new MediaStreamTrackAudioSourceNode(audio, {})': make('MediaStreamTrackAudioSourceNode', audio, {}),
    'new MediaStreamTrackProcessor()': make('MediaStreamTrackProcessor'),
    'new MediaStreamTrackProcessor({})': make('MediaStreamTrackProcessor', {}),
    'new ImageCapture()': make('ImageCapture'),
    'new ImageCapture({})': make('ImageCapture', {}),
    'replaceTrack()': () => (sender.replaceTrack as () => unknown)(),
    'replaceTrack({})': () => sender.replaceTrack({} as MediaStreamTrack),
    'addTrack()': () => (pc.addTrack as () => unknown)(),
    'addTrack({})': () => pc.addTrack({} as MediaStreamTrack),
    'addTransceiver()': () => (pc.addTransceiver as () => unknown)(),
    'addTransceiver(bad)': () => pc.addTransceiver('bad' as 'audio'),
    'setRemoteDescription({})': () => pc.setRemoteDescription({} as RTCSessionDescriptionInit),
    'captureStream(-1)': () => canvas.captureStream(-1),
    'createMediaStreamSource()': () => (audio.createMediaStreamSource as () => unknown)(),
    'createMediaStreamSource({})': () => audio.createMediaStreamSource({} as MediaStream),
    'new MediaStream({})': () => new MediaStream({} as MediaStream),
    'new MediaRecorder()': () => new (MediaRecorder as unknown as new () => unknown)(),
    'open on {}': () => window.open.call({}),
  };
  for (const [name, call] of Object.entries(calls)) out[name] = await outcome(call.bind(null));
  canvasTrack.stop();
  pc.close();
  await audio.close();
  return out;
};

eachBrowser((harness, name) => {
  const clean = cleanBrowser(name);

  /** The facts without any error's `stack` (compared apart, where the browser allows). */
  const withoutStacks = (facts: Record<string, unknown>) =>
    JSON.parse(JSON.stringify(facts, (key, value) => (key === 'stack' ? undefined : value))) as unknown;
  /** Every error's `stack` in the facts, by where it was found. */
  const stacksOf = (facts: unknown, at = ''): [string, string][] => (facts && typeof facts === 'object'
    ? Object.entries(facts).flatMap(([key, value]) =>
      (key === 'stack' ? [[at, String(value)] as [string, string]] : stacksOf(value, `${at}/${key}`)))
    : []);

  it('keeps every wrapped function looking native', async () => {
    const expected = await (await clean().open('blank.html')).evaluate(observe);
    const actual = await (await harness().open('blank.html')).evaluate(observe);
    expect(withoutStacks(actual)).toEqual(withoutStacks(expected));
  });

  // A released hold (content/page/hold.ts) must leave the page's own behaviour exactly as it was.
  it('keeps every wrapped function looking native after a stop and hold is released', async () => {
    const page = await harness().open('blank.html');
    await page.evaluate(async () => {
      // Kept alive by a timer's closure, not by a global the comparison would list.
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      setTimeout(() => stream, 3_600_000);
    });
    const popup = await openPopup(harness(), await harness().tabIdOf(page));
    await popup.click('Stop and hold everything in this tab');
    await expect.poll(() => popup.count('.held'), poll).toBe(1);
    await popup.click('Release', { isPrefix: true });
    await expect.poll(() => popup.count('.held'), poll).toBe(0);
    const expected = await (await clean().open('blank.html')).evaluate(observe);
    expect(withoutStacks(await page.evaluate(observe))).toEqual(withoutStacks(expected));
  });

  // Firefox keeps `stack` on Error.prototype: rewriting it would add an own property, so its wrapper frames (shown
  // as "<anonymous code>") stay. A known gap, kept visible here rather than left out.
  it.skipIf(name === 'firefox')('adds no frame of its own to the stack of an error a wrapped function throws',
    async () => {
    const expected = await (await clean().open('blank.html')).evaluate(observe);
    const actual = await (await harness().open('blank.html')).evaluate(observe);
    expect(stacksOf(actual)).toEqual(stacksOf(expected));
  });

  // Promise-returning natives reject, rather than throw, for bad arguments and receivers: the error is made while the
  // wrapper is on the stack, and must lose its frames before the page's own reaction sees it. (Chromium only: see
  // above.)
  it.skipIf(name === 'firefox')('adds no frame of its own to the stack of a capture call\'s rejection', async () => {
    const rejections = (page: TestPage) => page.evaluate(async () => {
      const devices = MediaDevices.prototype;
      const calls: [string, () => Promise<MediaStream>][] = [
        ['getUserMedia()', () => (navigator.mediaDevices.getUserMedia as () => Promise<MediaStream>)()],
        ['getUserMedia({})', () => navigator.mediaDevices.getUserMedia({})],
        ['getUserMedia(bad)', () => navigator.mediaDevices.getUserMedia({ video: { width: 'wide' } } as never)],
        ['getUserMedia on {}', () => devices.getUserMedia.call({})],
        ['getDisplayMedia(bad)', () => navigator.mediaDevices.getDisplayMedia({ video: { width: 'wide' } } as never)],
        ['getDisplayMedia({ audio only })', () => navigator.mediaDevices.getDisplayMedia({ video: false })],
        ['getDisplayMedia on {}', () => devices.getDisplayMedia.call({})],
      ];
      const out: Record<string, string> = {};
      for (const [call, make] of calls) {
        try {
          const stream = await make();
          stream.getTracks().forEach((track) => track.stop());
          out[call] = 'resolved';
        } catch (error) {
          out[call] = String((error as Error).stack).replace(/:\d{4,5}\//g, ':port/');
        }
      }
      return out;
    });
    const expected = await rejections(await clean().open('blank.html'));
    expect(Object.values(expected).filter((stack) => stack !== 'resolved').length, 'calls that reject')
      .toBeGreaterThanOrEqual(4);
    expect(await rejections(await harness().open('blank.html'))).toEqual(expected);
  });

  // Each realm's shim wraps its own functions; any realm's toString must know the wrappers of every same-origin realm.
  // Firefox keeps each frame's content-script globals apart, so its relays cannot introduce one frame's shim to
  // another's: there each realm knows its own wrappers only. A known gap, kept visible here rather than left out.
  it.skipIf(name === 'firefox')('shows other same-origin realms\' wrappers, detached too, as natives', async () => {
    const sources = (page: TestPage) => page.evaluate(async () => {
      type Realm = typeof globalThis;
      const places: [string, string | null, 'value' | 'set'][] = [
        ['MediaDevices', 'getUserMedia', 'value'], ['MediaStream', null, 'value'],
        ['MediaStreamTrack', 'enabled', 'set'],
        ['HTMLCanvasElement', 'captureStream', 'value'], ['HTMLMediaElement', 'captureStream', 'value'],
        ['Navigator', 'getUserMedia', 'value'], ['RTCPeerConnection', 'addStream', 'value'],
        ['AudioContext', 'createMediaStreamDestination', 'value'], ['MediaStreamTrackGenerator', null, 'value'],
        ['Function', 'toString', 'value'],
      ];
      const functionsOf = (realm: Realm) => places.map(([name, key, part]) => {
        const owner = (realm as unknown as Record<string, { prototype: object } | undefined>)[name];
        const fn = key === null ? owner : owner && Object.getOwnPropertyDescriptor(owner.prototype, key)?.[part];
        return [`${name}${key ? `.${key}` : ''}`, fn] as const;
      });
      const printedBy = (realm: Realm, of: Realm) => Object.fromEntries(functionsOf(of).map(([place, fn]) =>
        [place, typeof fn === 'function' ? realm.Function.prototype.toString.call(fn) : 'absent']));
      const frame = (html?: string) => {
        const iframe = document.createElement('iframe');
        if (html !== undefined) iframe.srcdoc = html;
        const loaded = new Promise((resolve) => { iframe.onload = resolve; });
        document.body.append(iframe);
        return { iframe, realm: iframe.contentWindow as unknown as Realm, loaded };
      };
      // Appended and inspected in the same task.
      const blank = frame();
      const out: Record<string, unknown> = {
        'about:blank, by the top': printedBy(globalThis, blank.realm),
        'the top, by about:blank': printedBy(blank.realm, globalThis),
      };
      const srcdoc = frame('<p>a frame</p>');
      await srcdoc.loaded;
      out['srcdoc, by the top'] = printedBy(globalThis, srcdoc.realm);
      out['about:blank, by srcdoc'] = printedBy(srcdoc.realm, blank.realm);
      // Detached: its interface objects are gone unless something touched them before (Chromium), so the page reaches
      // its capture call through the navigator it kept.
      const gone = frame();
      const { navigator: kept, Function: { prototype: { toString: itsToString } } } = gone.realm;
      const before = kept.mediaDevices.getUserMedia;
      gone.iframe.remove();
      const after = kept.mediaDevices?.getUserMedia;
      const print = (toString: typeof itsToString, fn: unknown) =>
        (typeof fn === 'function' ? toString.call(fn) : 'absent');
      out.detached = {
        'getUserMedia taken before, by the top': print(Function.prototype.toString, before),
        'getUserMedia taken after, by the top': print(Function.prototype.toString, after),
        'getUserMedia, by its own toString': print(itsToString, after),
        'its toString, by the top': print(Function.prototype.toString, itsToString),
      };
      return out;
    });
    const expected = await sources(await clean().open('blank.html'));
    expect(JSON.stringify(expected)).toContain('function getUserMedia() {');
    expect(await sources(await harness().open('blank.html'))).toEqual(expected);
  });

  it('rejects bad getUserMedia calls with the same errors, in both forms', async () => {
    const errorsOf = (page: TestPage) => page.evaluate(async () => {
      const asks: [string, unknown][] = [
        ['nothing asked', {}], ['no arguments', undefined], ['not a dictionary', 'camera'],
        ['impossible width', { video: { width: { exact: 99_999 } } }],
        ['no such device', { video: { deviceId: { exact: 'no-such-device' } } }],
        ['bad constraint type', { video: { width: 'wide' } }],
      ];
      const describe = (e: unknown) => {
        const error = e as Error & { constraint?: string };
        return [error?.constructor?.name, error?.name, error?.message, error?.constraint ?? null,
          error instanceof Error];
      };
      const out: Record<string, unknown> = {};
      for (const [name, constraints] of asks) {
        try {
          const stream = await navigator.mediaDevices.getUserMedia(constraints as MediaStreamConstraints);
          out[name] = `resolved with ${stream.getTracks().length} tracks`;
          stream.getTracks().forEach((t) => t.stop());
        } catch (error) {
          out[name] = describe(error);
        }
      }
      type Legacy = (this: Navigator, ...args: unknown[]) => void;
      const legacy = (navigator as unknown as { webkitGetUserMedia?: Legacy; mozGetUserMedia?: Legacy });
      const old = legacy.webkitGetUserMedia ?? legacy.mozGetUserMedia;
      if (old) {
        out.legacy = await new Promise((resolve) => {
          try {
            old.call(navigator, { video: { width: { exact: 99_999 } } }, () => resolve('succeeded'), (e: unknown) =>
              resolve(describe(e)));
          } catch (error) {
            resolve(['threw', ...describe(error)]);
          }
        });
      }
      return out;
    });
    // TypeErrors, OverconstrainedError with its constraint, a success for a loose constraint: as without Trackstop.
    const expected = await errorsOf(await clean().open('blank.html'));
    expect(await errorsOf(await harness().open('blank.html'))).toEqual(expected);
  });

  it('returns the very tracks the page gets, and adds nothing to the DOM', async () => {
    const page = await harness().open('blank.html');
    const facts = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      const [track] = stream.getTracks();
      const copy = track!.clone();
      return {
        same: stream.getTracks()[0] === track, cloneIsTrack: copy instanceof MediaStreamTrack, distinct: copy !== track,
        attributes: [...document.documentElement.attributes].map((a) => a.name),
      };
    });
    expect(facts).toEqual({ same: true, cloneIsTrack: true, distinct: true, attributes: ['lang'] });
  });
});
