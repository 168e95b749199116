// The share menu's pure helpers (web/src/share), compiled by `npm test` into .test-build: the `t` of a start-time
// link, the networks' share addresses and the Mastodon instance a viewer types.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';

const require = createRequire(import.meta.url);
const { parseStartTime, startTimeOf } = require('../.test-build/share/startTime.js');
const { titleShareUrl, watchShareUrl, networkLinks, mastodonInstance, mastodonShareUrl } = require('../.test-build/share/shareLinks.js');

test('t: seconds, with or without s, and h/m/s in order', () => {
  assert.equal(parseStartTime('90'), 90);
  assert.equal(parseStartTime('90s'), 90);
  assert.equal(parseStartTime('1m30s'), 90);
  assert.equal(parseStartTime('1h2m3s'), 3723);
  assert.equal(parseStartTime('2h'), 7200);
  assert.equal(parseStartTime('5m'), 300);
  assert.equal(parseStartTime('1h5s'), 3605);
  assert.equal(parseStartTime('0'), 0);
  assert.equal(parseStartTime('12h'), 43200);
  assert.equal(parseStartTime(' 1M30S '), 90);
});

test('t: junk, negative and absurd values are ignored', () => {
  for (const junk of [null, undefined, '', '-5', '-1m', 'abc', '1m30', '30s1m', 'h', 'ms', '1e3', '0x10', '1:30', '99999999', 'Infinity', 'NaN', '1h 2m', '83.7', '1.5s', '13h']) {
    assert.equal(parseStartTime(junk), null, `${junk}`);
  }
});

test('t from an address: only its t, other parameters ignored', () => {
  assert.equal(startTimeOf('?title=abc&t=1m30s'), 90);
  assert.equal(startTimeOf('?title=abc'), null);
  assert.equal(startTimeOf(''), null);
});

test('share addresses: the title page, and the player with a whole-second start', () => {
  assert.equal(titleShareUrl('https://m.example', 'the-long-signal'), 'https://m.example/title/the-long-signal');
  assert.equal(titleShareUrl('https://m.example', 'a/b?c'), 'https://m.example/title/a%2Fb%3Fc');
  assert.equal(watchShareUrl('https://m.example', 'abc', 83.9), 'https://m.example/watch/abc?t=83');
  assert.equal(watchShareUrl('https://m.example', 'abc', null), 'https://m.example/watch/abc');
  assert.equal(watchShareUrl('https://m.example', 'abc', 0), 'https://m.example/watch/abc');
  assert.equal(watchShareUrl('https://m.example', 'abc', 83, 'abc'), 'https://m.example/watch/abc?t=83');
  assert.equal(watchShareUrl('https://m.example', 'ep1', 83, 'series'), 'https://m.example/watch/ep1?title=series&t=83');
});

test('network links encode the address and the text, so neither can add parameters', () => {
  const url = 'https://m.example/watch/abc?t=90';
  const text = 'Tom & Jerry: "cat" #1 <b>';
  const links = Object.fromEntries(networkLinks(url, text).map((l) => [l.name, l.href]));
  assert.deepEqual(Object.keys(links), ['X', 'Facebook', 'Reddit', 'WhatsApp', 'Telegram', 'Email']);
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(text);
  assert.equal(links.X, `https://twitter.com/intent/tweet?url=${u}&text=${t}`);
  assert.equal(links.Facebook, `https://www.facebook.com/sharer/sharer.php?u=${u}`);
  assert.equal(links.Reddit, `https://www.reddit.com/submit?url=${u}&title=${t}`);
  assert.equal(links.Telegram, `https://t.me/share/url?url=${u}&text=${t}`);
  assert.equal(new URL(links.WhatsApp).searchParams.get('text'), `${text} ${url}`);
  assert.ok(links.Email.startsWith('mailto:?subject='));
  assert.equal(new URL(links.X).searchParams.get('url'), url);
  assert.equal(new URL(links.X).searchParams.get('text'), text);
  assert.equal([...new URL(links.X).searchParams.keys()].length, 2);
});

test('Mastodon instance: a plain host name, also pasted as a URL or a handle', () => {
  assert.equal(mastodonInstance('mastodon.social'), 'mastodon.social');
  assert.equal(mastodonInstance(' Mastodon.Social '), 'mastodon.social');
  assert.equal(mastodonInstance('https://fosstodon.org/'), 'fosstodon.org');
  assert.equal(mastodonInstance('@ada@hachyderm.io'), 'hachyderm.io');
  assert.equal(mastodonInstance('social.xn--bcher-kva.example'), 'social.xn--bcher-kva.example');
});

test('Mastodon instance: anything that could send the link elsewhere is refused', () => {
  for (const bad of ['', 'localhost', 'mastodon', 'evil.com/path', 'evil.com:8080', 'user@evil.com@x', 'http://evil.com', 'javascript:alert(1)',
    'evil.com?x=1', 'evil.com#x', '127.0.0.1', 'a..b', '-a.com', 'a-.com', 'exa mple.com', 'évil.com', '//evil.com']) {
    assert.equal(mastodonInstance(bad), null, bad);
  }
});

test('Mastodon share address: the instance host and the encoded text with the link', () => {
  const href = mastodonShareUrl('mastodon.social', 'https://m.example/title/x', 'A & B');
  assert.equal(href, `https://mastodon.social/share?text=${encodeURIComponent('A & B https://m.example/title/x')}`);
  assert.equal(new URL(href).host, 'mastodon.social');
});
