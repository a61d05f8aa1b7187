// Checks that the camera and the microphone may be used, then forgets both streams: the camera light stays on.
async function checkPermissions() {
  const camera = await navigator.mediaDevices.getUserMedia({ video: true });
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
  return camera.active && microphone.active;
}

window.checked = checkPermissions().then((ok) => {
  document.body.dataset.checked = String(ok);
});
