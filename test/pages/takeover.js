/*
 * A hostile page: it reaches a same-origin realm before that realm's document starts, and tries everything the
 * threat model names (content/page/guard.ts). `?attack=` picks the way in: `iframe` (a parent's frame), `opener` (a
 * window it opens), `sibling` (a frame reached from another frame), `docopen` (a frame rewritten by document.open()),
 * `poison` (the parent replaces the child realm's built-ins before the child navigates), `scriptless` (a same-origin
 * frame without scripts, whose camera the parent asks for). What it achieved is kept in `window.attack`.
 */
const attack = window.attack = { heard: 0, lines: [], reports: 0, seen: [], fakesOffered: 0, view: null };
const mode = new URL(location.href).searchParams.get('attack');

/** Listens first, on the child's window, for Trackstop's announcement: keeps, reads and swallows it, and fakes one. */
function listen(view) {
  view.addEventListener('trackstop:hello', (event) => {
    attack.heard++;
    const line = event.relatedTarget;
    if (line && !attack.lines.includes(line)) {
      attack.lines.push(line);
      line.addEventListener('r', () => { attack.reports++; });
    }
    event.stopImmediatePropagation();
    offerFake(view);
  }, true);
}

/** A fake line that reports an invented microphone and answers every stop with "ended". */
function offerFake(view) {
  attack.fakesOffered++;
  const fake = new EventTarget();
  const say = (message) => fake.dispatchEvent(new CustomEvent('r', { detail: JSON.stringify(message) }));
  fake.addEventListener('s', (event) => {
    const command = JSON.parse(event.detail);
    if (command.type === 'stop' || command.type === 'pause') {
      say({ type: 'answered', data: { results: command.data.ids.map((id) => ({ id, outcome: 'ended' })) } });
    }
  });
  view.dispatchEvent(new FocusEvent('trackstop:hello', { relatedTarget: fake }));
  say({ type: 'events', data: [{ type: 'added', track: { id: 'invented-microphone', kind: 'audio',
    label: 'Invented microphone', creator: 'getUserMedia', sourceId: 'invented', readyState: 'live', muted: false,
    enabled: true, createdAt: Date.now() } }] });
}

/** Replaces the child realm's built-ins with ones that pass through and remember what Trackstop handed them. */
function poison(view) {
  const note = (what) => { if (attack.seen.length < 100) attack.seen.push(what); };
  const seenObject = (x) => x instanceof view.EventTarget && !(x instanceof view.Node) && x !== view;
  const stringify = view.JSON.stringify;
  view.JSON.stringify = function (...args) {
    const text = stringify.apply(this, args);
    if (typeof text === 'string' && text.includes('"type"')) note(`JSON.stringify ${text.slice(0, 60)}`);
    return text;
  };
  const dispatch = view.EventTarget.prototype.dispatchEvent;
  view.EventTarget.prototype.dispatchEvent = function (event) {
    if (seenObject(this)) note(`dispatchEvent on a line (${event.type})`);
    if (event.relatedTarget && seenObject(event.relatedTarget)) note('a line as relatedTarget');
    return dispatch.call(this, event);
  };
  const add = view.EventTarget.prototype.addEventListener;
  view.EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (String(type).startsWith('trackstop')) { note(`dropped a ${type} listener`); return undefined; }
    if (seenObject(this)) note(`listener on a line (${type})`);
    return add.call(this, type, ...rest);
  };
  for (const name of ['CustomEvent', 'FocusEvent']) {
    const Native = view[name];
    view[name] = new Proxy(Native, { construct(target, args) {
      if (args[1] && (args[1].detail || args[1].relatedTarget)) note(`new ${name}`);
      return Reflect.construct(target, args);
    } });
  }
  const get = view.WeakMap.prototype.get;
  view.WeakMap.prototype.get = function (key) {
    if (key instanceof view.MediaStreamTrack) note('a track as a WeakMap key');
    return get.call(this, key);
  };
  const apply = view.Reflect.apply;
  view.Reflect.apply = function (fn, self, args) {
    const isTrack = (x) => x instanceof view.MediaStreamTrack;
    if (isTrack(self) || (args && isTrack(args[0]))) note('Reflect.apply on a track');
    return apply(fn, self, args);
  };
}

/** Sends stop and pause for every track id on every line it holds: none of them may end or pause anything. */
window.commandStolenLines = (ids) => {
  for (const line of attack.lines) {
    for (const type of ['stop', 'pause']) {
      const data = type === 'stop'
        ? { ids, dispatchEnded: false } : { ids, isPaused: true };
      line.dispatchEvent(new CustomEvent('s', { detail: JSON.stringify({ type, data }) }));
    }
  }
  return attack.lines.length;
};

const frame = (id, src) => {
  const element = document.createElement('iframe');
  element.id = id;
  if (src) element.src = src;
  document.body.append(element);
  return element;
};

/** The child's window once its document has loaded, for the test to drive. */
window.child = () => new Promise((resolve) => {
  const wait = () => {
    const view = attack.view;
    if (view && view.document.readyState === 'complete' && typeof view.camera === 'function') resolve(true);
    else setTimeout(wait, 20);
  };
  wait();
});

if (mode === 'iframe' || mode === 'poison') {
  const view = attack.view = frame('child', 'takeover-child.html').contentWindow;
  listen(view);
  if (mode === 'poison') poison(view);
} else if (mode === 'opener') {
  const view = attack.view = window.open('takeover-child.html');
  listen(view);
} else if (mode === 'sibling') {
  // Frame A, made first, reaches frame B with A's own realm's getter, in the same task in which B is made.
  const a = frame('a');
  const b = frame('b', 'takeover-child.html');
  const getter = Object.getOwnPropertyDescriptor(a.contentWindow.HTMLIFrameElement.prototype, 'contentWindow').get;
  const view = attack.view = getter.call(b);
  listen(view);
} else if (mode === 'docopen') {
  const element = frame('child');
  const view = attack.view = element.contentWindow;
  listen(view);
  const doc = element.contentDocument;
  doc.open();
  doc.write('<!doctype html><p>Rewritten.</p><script src="takeover-child.js"></' + 'script>');
  doc.close();
} else if (mode === 'scriptless') {
  const element = document.createElement('iframe');
  element.id = 'child';
  element.sandbox = 'allow-same-origin';
  element.allow = 'camera';
  element.src = 'takeover-child.html';
  document.body.append(element);
  const view = attack.view = element.contentWindow;
  listen(view);
  // The frame runs no script: its parent asks for its camera with the frame's own function.
  window.scriptlessCamera = async () => {
    const stream = await element.contentWindow.navigator.mediaDevices.getUserMedia({ video: true });
    window.scriptlessTrack = stream.getTracks()[0];
    return window.scriptlessTrack.id;
  };
}
