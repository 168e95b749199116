import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The origin serves dist/ (copied next to the host as web/); `npm run dev` proxies the API to a running origin.
const origin = process.env.MARQUEE_ORIGIN ?? 'http://127.0.0.1:8080';

/**
 * Writes Brotli (quality 11) and gzip (level 9) copies of the hashed scripts and styles next to them, once per
 * build, so the origin sends the smallest bytes without compressing on every first visit.
 */
function precompress(): Plugin {
  return {
    name: 'marquee-precompress',
    apply: 'build',
    async closeBundle() {
      const assets = path.resolve(import.meta.dirname, 'dist', 'assets');
      for (const name of await readdir(assets)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const file = path.join(assets, name);
        const bytes = await readFile(file);
        await writeFile(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * Names the player page's own script and code in a comment of index.html (`<!--marquee:player-head …-->`): the
 * origin opens the comment up on /watch/{id} (src/Marquee.Origin/Web/WatchPage.cs), every other page keeps it a
 * comment and ships without hls.js. Opened, it holds
 * - `<script type="module">` for src/player/earlyStream.ts, an entry of its own with hls.js and nothing of the app,
 *   placed before the app's script so it runs first: it starts the stream the page carried before React and the
 *   app's 296 KB have been evaluated;
 * - `<link rel="modulepreload">` for the player's chunk, so it is fetched alongside the app's script rather than
 *   after it has run.
 */
function playerHead(): Plugin {
  const moduleEnds = (chunk: { facadeModuleId?: string | null }, end: string) => chunk.facadeModuleId?.endsWith(end) ?? false;
  return {
    name: 'marquee-player-head',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const early = chunks.find((chunk) => chunk.isEntry && moduleEnds(chunk, '/src/player/earlyStream.ts'));
        const player = chunks.find((chunk) => moduleEnds(chunk, '/src/player/PlayerPage.tsx'));
        if (!early) throw new Error('marquee-player-head: no entry chunk for src/player/earlyStream.ts');
        if (!player) throw new Error('marquee-player-head: no chunk for src/player/PlayerPage.tsx');
        const entries = new Set(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
        const preload = [...new Set([...early.imports, player.fileName, ...player.imports])].filter((file) => !entries.has(file) && !html.includes(`/${file}"`));
        const tags = [
          `<script type="module" crossorigin src="/${early.fileName}"></script>`,
          ...preload.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
        ].join('');
        const comment = `<!--marquee:player-head ${tags}-->\n    `;
        const withoutMarker = html.replace(/\s*<!--marquee:player-head-->/, '');
        const firstScript = withoutMarker.indexOf('<script type="module"');
        if (firstScript < 0) throw new Error("marquee-player-head: index.html has no module script to go before");
        return withoutMarker.slice(0, firstScript) + comment + withoutMarker.slice(firstScript);
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress(), playerHead()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The player page's first script is an entry of its own (see playerHead above).
    rolldownOptions: {
      input: {
        index: path.resolve(import.meta.dirname, 'index.html'),
        earlyStream: path.resolve(import.meta.dirname, 'src/player/earlyStream.ts'),
      },
    },
    // A budget, not a wish: the home page must stay under 300 KB of gzipped script (the player loads on demand).
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': origin,
      '/artwork': origin,
      '/media': origin,
      '/hubs': { target: origin, ws: true },
    },
  },
});
