/**
 * One track of every kind a page can make, made in any window: the frame-kind matrix (test/e2e/matrix.test.ts)
 * runs it in every kind of frame. Frames the top page may script are driven from there; the others load this file
 * and answer the top page's messages.
 */

/**
 * Makes the tracks in window `win`. getUserMedia is called first and synchronously, so that a frame created a
 * moment ago is asked before anything else happens in it. Resolves to the tracks made, by creator, and what the
 * browser refused, with its error.
 */
function makeTracks(win) {
  const made = [];
  const refused = [];
  // Frames that are not secure contexts (data: in Chromium) have no mediaDevices at all.
  const devices = win.navigator.mediaDevices;
  const capture = devices ? devices.getUserMedia({ video: true, audio: true })
    : Promise.reject(new TypeError(`no navigator.mediaDevices: ${win.isSecureContext ? 'a' : 'not a'} secure context`));
  const attempt = async (creator, make) => {
    try {
      // Chromium's element capture of a stream hands back that stream's tracks: a track is counted once.
      for (const track of await make()) if (!made.some(([, t]) => t === track)) made.push([creator, track]);
    } catch (error) {
      refused.push([creator, `${error.name}: ${error.message}`]);
    }
  };
  const doc = win.document;
  const canvas = doc.createElement('canvas');
  canvas.width = 32;
  canvas.height = 24;
  const paint = () => canvas.getContext('2d').fillRect(0, 0, 4, 4);
  let canvasStream;
  return (async () => {
    await attempt('getUserMedia', async () => (await capture).getTracks());
    await attempt('clone', () => made.filter(([, t]) => t.kind === 'video').map(([, t]) => t.clone()));
    await attempt('getDisplayMedia', async () => {
      if (!devices?.getDisplayMedia) throw new TypeError('no getDisplayMedia here');
      return (await devices.getDisplayMedia({ video: true })).getTracks();
    });
    await attempt('canvas', () => {
      doc.body.append(canvas);
      canvasStream = canvas.captureStream(5);
      paint(); // a canvas stream has no frame, and a video playing it never starts, until the canvas is drawn on
      return canvasStream.getTracks();
    });
    await attempt('element', async () => {
      const video = doc.createElement('video');
      video.muted = true;
      video.srcObject = canvasStream;
      doc.body.append(video);
      await video.play();
      const stream = video.captureStream ? video.captureStream() : video.mozCaptureStream();
      for (let i = 0; i < 50 && !stream.getTracks().length; i++) await new Promise((r) => setTimeout(r, 20));
      return stream.getTracks();
    });
    await attempt('webaudio', () => new win.AudioContext().createMediaStreamDestination().stream.getTracks());
    await attempt('remote', async () => {
      const [a, b] = [new win.RTCPeerConnection(), new win.RTCPeerConnection()];
      a.addTransceiver('audio');
      await a.setLocalDescription();
      await b.setRemoteDescription(a.localDescription);
      // A transceiver has its receiver's track from the start: the offering side holds one too.
      return [...a.getReceivers(), ...b.getReceivers()].map((r) => r.track);
    });
    if (typeof win.MediaStreamTrackGenerator === 'function') {
      await attempt('generator', () => [new win.MediaStreamTrackGenerator({ kind: 'video' })]);
    }
    return { made, refused };
  })();
}

/** Tracks made in this window on request, and their states, for a top page that cannot script this frame. */
if (window.parent !== window) {
  const tracks = [];
  addEventListener('message', async (event) => {
    const { request, id } = event.data ?? {};
    const reply = (value) => event.source.postMessage({ id, reply: value }, '*');
    if (request === 'make') {
      const { made, refused } = await makeTracks(window);
      tracks.push(...made.map(([, t]) => t));
      reply({ made: made.map(([c, t]) => [c, t.id]), refused, origin: origin });
    } else if (request === 'states') {
      reply(tracks.map((t) => [t.id, t.readyState]));
    }
  });
}
