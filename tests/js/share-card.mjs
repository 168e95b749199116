// A link preview's view of a page: fetched as a crawler fetches it (a bot's user agent, no script run), then read by
// open-graph-scraper, the parser many unfurlers use. Prints {status, og, jsonLd} as JSON.
// Usage: node share-card.mjs URL
import ogs from 'open-graph-scraper';

const url = process.argv[2];
const response = await fetch(url, { headers: { 'User-Agent': 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)' }, redirect: 'manual' });
const html = await response.text();
let og = null;
try {
  const { result } = await ogs({ html });
  og = result;
} catch (error) {
  og = { error: String(error?.result?.error ?? error) };
}
console.log(JSON.stringify({ status: response.status, og }));
