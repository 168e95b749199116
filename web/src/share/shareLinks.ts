/**
 * The addresses of the share menu: the page's own link, and each network's "share this" address. Every value goes
 * through encodeURIComponent; nothing here builds markup.
 */

/** A title's share address: its page, which unfurls into a card. */
export function titleShareUrl(origin: string, slugOrId: string): string {
  return `${origin}/title/${encodeURIComponent(slugOrId)}`;
}

/**
 * The player's share address, optionally starting at a whole second. An episode carries its series (`title=`),
 * which the player needs for its heading and next episode.
 */
export function watchShareUrl(origin: string, id: string, startSeconds?: number | null, titleId?: string): string {
  const query: string[] = [];
  if (titleId && titleId !== id) query.push(`title=${encodeURIComponent(titleId)}`);
  if (startSeconds !== null && startSeconds !== undefined && startSeconds > 0) query.push(`t=${Math.floor(startSeconds)}`);
  return `${origin}/watch/${encodeURIComponent(id)}${query.length ? `?${query.join('&')}` : ''}`;
}

export interface NetworkLink {
  name: string;
  href: string;
}

const e = encodeURIComponent;

/** The networks' own share addresses, in the order the menu shows them. */
export function networkLinks(url: string, text: string): NetworkLink[] {
  return [
    { name: 'X', href: `https://twitter.com/intent/tweet?url=${e(url)}&text=${e(text)}` },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${e(url)}` },
    { name: 'Reddit', href: `https://www.reddit.com/submit?url=${e(url)}&title=${e(text)}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${e(`${text} ${url}`)}` },
    { name: 'Telegram', href: `https://t.me/share/url?url=${e(url)}&text=${e(text)}` },
    { name: 'Email', href: `mailto:?subject=${e(text)}&body=${e(`${text}\n\n${url}`)}` },
  ];
}

/**
 * A Mastodon (or other fediverse) instance as a viewer types it: a plain host name such as mastodon.social, also
 * pasted as "https://mastodon.social/" or "@ada@mastodon.social". Null for anything that is not a host name (no
 * paths, ports, user info or single labels), so the link can only ever go to https://{host}/share.
 */
export function mastodonInstance(input: string): string | null {
  let text = input.trim().toLowerCase();
  text = text.replace(/^https:\/\//, '').replace(/\/+$/, '');
  const handle = /^@?[a-z0-9_]+@([^@]+)$/.exec(text);
  if (handle?.[1]) text = handle[1];
  if (text.length > 253) return null;
  const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  if (!new RegExp(`^${label}(?:\\.${label})+$`).test(text)) return null;
  // The last label is a top-level domain: letters (or an IDN's xn--), never all digits (that would be an address).
  if (/\.\d+$/.test(text)) return null;
  return text;
}

export function mastodonShareUrl(instance: string, url: string, text: string): string {
  return `https://${instance}/share?text=${e(`${text} ${url}`)}`;
}
