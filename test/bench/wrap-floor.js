// The benchmark's floor (test/bench/bench.test.ts): a MAIN-world content script that does only what any shim must
// do before the page's first script, to wrap what Trackstop wraps and keep the natives it calls: read the property
// descriptors of those functions and accessors on their prototypes (which makes Chromium build each interface
// object, and its accessor functions, in every new realm). It wraps nothing and keeps nothing.
(() => {
  const places = {
    EventTarget: ['addEventListener', 'dispatchEvent'], Event: ['target', 'type'], CustomEvent: ['detail'],
    FocusEvent: ['relatedTarget'], MutationObserver: ['observe'], Document: ['readyState'],
    MediaStreamTrack: ['id', 'kind', 'label', 'readyState', 'muted', 'enabled', 'stop', 'clone', 'getSettings'],
    MediaStream: ['getTracks', 'clone', 'addTrack'], MediaDevices: ['getUserMedia', 'getDisplayMedia'],
    Navigator: ['getUserMedia', 'webkitGetUserMedia', 'mozGetUserMedia'], BrowserCaptureMediaStreamTrack: ['clone'],
    HTMLCanvasElement: ['captureStream'],
    HTMLMediaElement: ['captureStream', 'mozCaptureStream', 'srcObject'],
    AudioContext: ['createMediaStreamDestination', 'createMediaStreamSource', 'createMediaStreamTrackSource'],
    MediaStreamAudioDestinationNode: ['stream'],
    RTCPeerConnection: ['getReceivers', 'getSenders', 'addTransceiver', 'addTrack', 'addStream', 'setRemoteDescription',
      'signalingState'],
    RTCRtpReceiver: ['track'], RTCRtpTransceiver: ['receiver'], VideoTrackGenerator: ['track'],
    MediaStreamTrackGenerator: [], Function: ['toString'],
    // What consumes a track (content/page/sinks.ts).
    Node: ['isConnected'], RTCRtpSender: ['track', 'replaceTrack'],
    MediaRecorder: ['stream', 'state'], AudioNode: ['context'], BaseAudioContext: ['state'],
    MediaStreamAudioSourceNode: ['mediaStream'], MediaStreamTrackAudioSourceNode: [], MediaStreamTrackProcessor: [],
    ImageCapture: ['track'],
    // The ways a page reaches another realm, which a guardian must see first (content/page/guard.ts).
    HTMLIFrameElement: ['contentWindow', 'contentDocument'], HTMLFrameElement: ['contentWindow', 'contentDocument'],
    HTMLObjectElement: ['contentWindow', 'contentDocument'], Element: ['localName', 'id', 'className', 'getAttribute',
      'hasAttribute'],
  };
  for (const name of Object.keys(places)) {
    const prototype = globalThis[name]?.prototype;
    if (prototype) for (const key of places[name]) Object.getOwnPropertyDescriptor(prototype, key);
  }
  Object.getOwnPropertyDescriptor(globalThis, 'open');
})();
