// A frame or window whose parent, opener or sibling tries to take Trackstop's channel (takeover.js). Everything the
// test asks of it goes through this page's own functions, read before any later tampering could matter.
const kept = Object.create(null);
const ids = [];
window.camera = async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  const track = stream.getTracks()[0];
  kept[track.id] = track;
  ids.push(track.id);
  return track.id;
};
window.states = () => {
  const out = {};
  for (const id of ids) out[id] = kept[id].readyState + (kept[id].enabled ? '' : ' disabled');
  return out;
};
