// Saves a running origin's OpenAPI document as web/openapi.json, the source of the app's generated API types.
// Usage: node scripts/pull-openapi.mjs [ORIGIN_URL]   (default http://127.0.0.1:8080)
// The servers list names the address it was fetched from, so it is left out; an origin test compares the rest.
import { writeFile } from 'node:fs/promises';

const origin = process.argv[2] ?? 'http://127.0.0.1:8080';
const response = await fetch(new URL('/openapi/v1.json', origin));
if (!response.ok) {
  console.error(`${origin} answered ${response.status}; is the origin running?`);
  process.exit(1);
}
const document = await response.json();
delete document.servers;
await writeFile(new URL('../openapi.json', import.meta.url), JSON.stringify(document, null, 2) + '\n');
console.log(`web/openapi.json updated from ${origin}`);
