import { expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { frameOf } from '../../background/senders';

const EXTENSION = 'chrome-extension://abc/';
const sender = (over: Partial<Runtime.MessageSender> & { origin?: string }): Runtime.MessageSender =>
  ({ tab: { id: 3 } as Runtime.MessageSender['tab'], frameId: 2, ...over });

it('keeps a frame\'s origin raw, and an opaque frame\'s address without query or fragment', () => {
  expect(frameOf(sender({ origin: 'https://a.test', url: 'https://a.test/x?secret' }), EXTENSION))
    .toEqual({ tabId: 3, frameId: 2, origin: 'https://a.test' });
  expect(frameOf(sender({ url: 'https://b.test/y' }), EXTENSION)).toEqual({ tabId: 3, frameId: 2, origin: 'https://b.test' });
  expect(frameOf(sender({ origin: 'null', url: 'data:text/html,<p>hi' }), EXTENSION))
    .toEqual({ tabId: 3, frameId: 2, origin: 'null', url: 'data:text/html,<p>hi' });
  expect(frameOf(sender({ url: 'about:srcdoc?x#y' }), EXTENSION))
    .toEqual({ tabId: 3, frameId: 2, origin: 'null', url: 'about:srcdoc' });
});

it('is no frame for an extension page', () => {
  expect(frameOf(sender({ url: `${EXTENSION}popup.html` }), EXTENSION)).toBeUndefined();
});
