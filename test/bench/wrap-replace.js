// The benchmark's wrapping floor (test/bench/parts.test.ts), run after wrap-floor.js: what a shim must also do with
// what it wraps, beyond reading it: replace each function Trackstop wraps (the places test/e2e/invisible.test.ts
// compares) with a wrapper, a Proxy whose traps only call the native, keeping its property flags, and point a wrapped
// constructor's `prototype.constructor` at its wrapper; and `Function.prototype.toString` prints each wrapper as its
// native. It keeps nothing else and records nothing.
(() => {
  // Which native each wrapper stands for: `Function.prototype.toString` must print the native's text for a wrapper
  // (test/e2e/invisible.test.ts holds Trackstop to it); for a Proxy it would print an anonymous function's.
  const natives = new WeakMap();
  const handler = { __proto__: null, apply: Reflect.apply, construct: Reflect.construct };
  const toStringHandler = {
    __proto__: null,
    apply: (target, self, args) => Reflect.apply(target, natives.get(self) ?? self, args),
  };
  const replace = (owner, key, part) => {
    const desc = owner && Object.getOwnPropertyDescriptor(owner, key);
    if (!desc || typeof desc[part] !== 'function') return;
    const wrapper = new Proxy(desc[part], owner === Function.prototype ? toStringHandler : handler);
    natives.set(wrapper, desc[part]);
    Object.defineProperty(owner, key, { __proto__: null, ...desc, [part]: wrapper });
    if (owner === globalThis && desc.value.prototype) {
      Object.defineProperty(desc.value.prototype, 'constructor', { __proto__: null, value: wrapper });
    }
  };
  const onPrototypes = {
    MediaDevices: [['getUserMedia', 'value'], ['getDisplayMedia', 'value']],
    Navigator: [['getUserMedia', 'value'], ['webkitGetUserMedia', 'value'], ['mozGetUserMedia', 'value']],
    MediaStreamTrack: [['clone', 'value'], ['stop', 'value'], ['enabled', 'set']],
    BrowserCaptureMediaStreamTrack: [['clone', 'value']], MediaStream: [['clone', 'value'], ['addTrack', 'value']],
    Function: [['toString', 'value']], HTMLCanvasElement: [['captureStream', 'value']],
    HTMLMediaElement: [['captureStream', 'value'], ['mozCaptureStream', 'value'], ['srcObject', 'set']],
    AudioContext: [['createMediaStreamDestination', 'value'], ['createMediaStreamSource', 'value'],
      ['createMediaStreamTrackSource', 'value']],
    RTCPeerConnection: [['addTransceiver', 'value'], ['setRemoteDescription', 'value'], ['addTrack', 'value'],
      ['addStream', 'value']],
    RTCRtpSender: [['replaceTrack', 'value']],
    HTMLIFrameElement: [['contentWindow', 'get'], ['contentDocument', 'get']],
    HTMLFrameElement: [['contentWindow', 'get'], ['contentDocument', 'get']],
    HTMLObjectElement: [['contentWindow', 'get'], ['contentDocument', 'get']],
  };
  for (const name of Object.keys(onPrototypes)) {
    for (const [key, part] of onPrototypes[name]) replace(globalThis[name]?.prototype, key, part);
  }
  const constructors = ['MediaStream', 'MediaStreamAudioDestinationNode', 'MediaStreamTrackGenerator',
    'VideoTrackGenerator', 'MediaRecorder', 'MediaStreamAudioSourceNode', 'MediaStreamTrackAudioSourceNode',
    'MediaStreamTrackProcessor', 'ImageCapture'];
  for (const name of constructors) replace(globalThis, name, 'value');
  replace(globalThis, 'open', 'value');
})();
