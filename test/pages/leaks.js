// The leak debugger's fixture (test/e2e/leaks.test.ts): four camera tracks, each consumed differently. The page holds
// every one of them, so each is in `states()`; what differs is what consumes it.
const held = {};
let pc;

const leaks = {
  async start() {
    const shown = (await navigator.mediaDevices.getUserMedia({ video: true })).getVideoTracks()[0];
    document.getElementById('self').srcObject = new MediaStream([shown]);
    const sent = shown.clone();
    pc = new RTCPeerConnection();
    pc.addTrack(sent, new MediaStream([sent]));
    const idle = shown.clone();
    const second = (await navigator.mediaDevices.getUserMedia({ video: true })).getVideoTracks()[0];
    const orphan = second.clone();
    second.stop();
    Object.assign(held, { shown, sent, idle, orphan, second });
    return { shown: shown.id, sent: sent.id, idle: idle.id, orphan: orphan.id };
  },
  /** Takes the video element out of the document: the track it shows then feeds nothing. */
  detachVideo() {
    document.getElementById('self').remove();
  },
  closeCall() {
    pc.close();
  },
  states() {
    const out = {};
    for (const [name, track] of Object.entries(held)) out[name] = track.readyState;
    return out;
  },
};
window.leaks = leaks;
document.getElementById('start').addEventListener('click', () => leaks.start());
