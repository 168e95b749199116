import type { ReactNode } from 'react';

const linkPattern = /https?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence rather than the address ("see https://example.com.").
const trailing = /[.,;:!?)\]}]+$/;

/**
 * A person's text as text: React escapes every character, so markup in it shows as written and never runs. Only
 * http(s) addresses become links, marked as user content the site does not vouch for, opening in a new tab.
 */
export function LinkedText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const match of text.matchAll(linkPattern)) {
    let url = match[0];
    const start = match.index;
    const end = trailing.exec(url);
    if (end) url = url.slice(0, url.length - end[0].length);
    if (!isWebAddress(url)) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <a key={start} href={url} rel="nofollow ugc noopener" target="_blank">
        {url}
      </a>,
    );
    at = start + url.length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
