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
  /** One more clone each for a recorder, Web Audio and an <audio> element with a class, all consuming. */
  async consumers() {
    const mic = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks()[0];
    const recorded = held.shown.clone();
    const recorder = new MediaRecorder(new MediaStream([recorded]));
    recorder.start();
    const context = new AudioContext();
    context.createMediaStreamSource(new MediaStream([mic]));
    const heard = mic.clone();
    const audio = document.createElement('audio');
    audio.className = 'remote voice';
    audio.srcObject = new MediaStream([heard]);
    document.body.append(audio);
    Object.assign(held, { mic, recorded, heard, recorder, context });
    return { recorded: recorded.id, mic: mic.id, heard: heard.id };
  },
  stopRecorder() {
    held.recorder.stop();
  },
  states() {
    const out = {};
    for (const [name, track] of Object.entries(held)) {
      if (track instanceof MediaStreamTrack) out[name] = track.readyState;
    }
    return out;
  },
};
window.leaks = leaks;
document.getElementById('start').addEventListener('click', () => leaks.start());
