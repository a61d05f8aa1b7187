// The demo page: a person clicks through it; the e2e tests call the same functions through `window.demo`.
// It keeps every track it holds in `held`; a "leaked" clone is kept only through a WeakRef, so nothing in the page
// holds it, and yet Trackstop must still find and stop it.
const held = [];
const leaked = [];
const $ = (id) => document.getElementById(id);

function remember(tracks, how) {
  for (const track of tracks) {
    held.push({ track, how });
    track.addEventListener('ended', render);
  }
  render();
  return tracks.map((t) => t.id);
}

async function capture(constraints) {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  if (stream.getVideoTracks().length && $('preview')) $('preview').srcObject = stream;
  return remember(stream.getTracks(), 'getUserMedia');
}

const firstLive = (kind) => held.find((h) => h.track.kind === kind && h.track.readyState === 'live')?.track;

const demo = {
  camera: () => capture({ video: true }),
  microphone: () => capture({ audio: true }),
  both: () => capture({ video: true, audio: true }),
  async screen() {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: true });
    return remember(stream.getTracks(), 'getDisplayMedia');
  },
  clone() {
    const original = firstLive('video');
    if (!original) throw new Error('Start the camera first');
    return remember([original.clone()], 'clone')[0];
  },
  leak() {
    const original = firstLive('video');
    if (!original) throw new Error('Start the camera first');
    const clone = original.clone();
    leaked.push(new WeakRef(clone));
    render();
    return clone.id;
  },
  stopOwn() {
    for (const { track } of held) track.stop();
    render();
  },
  /** Ground truth from inside the page: the readyState of every track it made, leaked ones included. */
  states() {
    const out = {};
    for (const { track } of held) out[track.id] = track.readyState;
    for (const ref of leaked) {
      const track = ref.deref();
      if (track) out[track.id] = track.readyState;
    }
    return out;
  },
  track: (id) => held.find((h) => h.track.id === id)?.track,
};
window.demo = demo;

// Other fixture pages reuse `window.demo` without the demo's table and buttons.
function render() {
  if (!$('tracks')) return;
  const rows = held.map(({ track, how }) => [track, how]);
  for (const ref of leaked) { const t = ref.deref(); if (t) rows.push([t, 'leaked clone']); }
  $('tracks').replaceChildren(...rows.map(([t, how]) => {
    const tr = document.createElement('tr');
    tr.className = t.readyState;
    for (const text of [t.kind, t.label, how, t.id.slice(0, 8), t.readyState]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }));
}

for (const [id, action] of Object.entries({ camera: demo.camera, microphone: demo.microphone, both: demo.both,
  screen: demo.screen, clone: demo.clone, leak: demo.leak, 'stop-own': demo.stopOwn })) {
  $(id)?.addEventListener('click', async () => {
    try {
      await action();
      $('status').textContent = '';
    } catch (e) {
      $('status').textContent = `${e.name}: ${e.message}`;
    }
  });
}
