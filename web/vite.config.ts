import { createHash } from 'node:crypto';
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

/**
 * Preloads the app's own chunk (src/appMain.tsx: React and every page), which main.tsx imports dynamically so the
 * player page can put off evaluating it: `<link rel="modulepreload">` for it and its imports, so it is fetched with
 * the page rather than only once main.tsx has run.
 */
function appPreload(): Plugin {
  return {
    name: 'marquee-app-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/appMain.tsx'));
        if (!app) throw new Error('marquee-app-preload: no chunk for src/appMain.tsx');
        // Outside the player head's comment, which is inert on every page but the player's.
        const live = html.replace(/<!--marquee:player-head[\s\S]*?-->/, '');
        const files = [...new Set([app.fileName, ...app.imports])].filter((file) => !live.includes(`/${file}"`));
        const links = files.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('');
        return html.replace('</head>', `  ${links}\n  </head>`);
      },
    },
  };
}

/**
 * Writes the service worker (src/pwa/sw.js) to dist/sw.js with the build's files to precache and a version that
 * changes with any of them. A plugin of our own rather than vite-plugin-pwa: that one brings workbox-build (a
 * bundler and Babel of its own) for what is here a list of files and a hash, and its releases follow Vite's majors
 * behind ours; the worker itself is some sixty lines a reader can check.
 */
function serviceWorker(): Plugin {
  const dist = path.resolve(import.meta.dirname, 'dist');
  async function files(folder: string): Promise<string[]> {
    const entries = await readdir(folder, { withFileTypes: true });
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? files(path.join(folder, entry.name)) : [path.join(folder, entry.name)])));
    return nested.flat();
  }
  return {
    name: 'marquee-service-worker',
    apply: 'build',
    async closeBundle() {
      // index.html is cached as / answers it (with its card and policy), the compressed copies are the server's business.
      const list = (await files(dist))
        .map((file) => `/${path.relative(dist, file).split(path.sep).join('/')}`)
        .filter((url) => url !== '/index.html' && url !== '/sw.js' && !/\.(br|gz)$/.test(url))
        .sort();
      const template = await readFile(path.resolve(import.meta.dirname, 'src', 'pwa', 'sw.js'), 'utf8');
      const hash = createHash('sha256').update(template);
      for (const url of ['/index.html', ...list]) hash.update(url).update(await readFile(path.join(dist, url)));
      const version = hash.digest('hex').slice(0, 16);
      const worker = template
        .replace("'__MARQUEE_SW_VERSION__'", JSON.stringify(version))
        .replace('/* __MARQUEE_SW_PRECACHE__ */ []', JSON.stringify(list));
      if (worker === template) throw new Error('marquee-service-worker: src/pwa/sw.js lost its markers');
      await writeFile(path.join(dist, 'sw.js'), worker);
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress(), playerHead(), appPreload(), serviceWorker()],
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
