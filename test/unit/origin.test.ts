import { expect, it } from 'vitest';
import { MAX_ADDRESS, addressOf, originOf } from '../../src/origin';

it.each([
  ['https://example.com/a?b', 'https://example.com'], ['http://localhost:8000/x', 'http://localhost:8000'],
  ['about:blank', undefined], ['data:text/html,<p>hi', undefined], ['not a url', undefined], ['', undefined],
  [undefined, undefined],
])('originOf(%s) is %s', (url, origin) => expect(originOf(url)).toBe(origin));

it('keeps of an address neither its query nor its fragment, and at most MAX_ADDRESS characters', () => {
  expect(addressOf('about:srcdoc?x#y')).toBe('about:srcdoc');
  expect(addressOf('http://a.test/child.html#top')).toBe('http://a.test/child.html');
  expect(addressOf(`data:text/html,${'x'.repeat(5000)}`)).toHaveLength(MAX_ADDRESS);
});
