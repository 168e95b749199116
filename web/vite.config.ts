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
 * Names the player's code in a comment of index.html (`<!--marquee:player-head <link rel="modulepreload" …>-->`):
 * the origin opens the comment up on /watch/{id} (src/Marquee.Origin/Web/WatchPage.cs), so a page opened straight at
 * the player fetches hls.js alongside the app's script rather than after it; every other page keeps it a comment
 * and ships without hls.js.
 */
function playerHead(): Plugin {
  return {
    name: 'marquee-player-head',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const player = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/player/PlayerPage.tsx'));
        if (!player) throw new Error('marquee-player-head: no chunk for src/player/PlayerPage.tsx');
        const entries = new Set(chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName));
        const files = [player.fileName, ...player.imports.filter((file) => !entries.has(file))];
        const links = files.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('');
        return html.replace(/\s*<!--marquee:player-head-->/, '').replace('</head>', `  <!--marquee:player-head ${links}-->\n  </head>`);
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
    // A budget, not a wish: the home page must stay under 300 KB of gzipped script (the player loads on demand).
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': origin,
      '/artwork': origin,
      '/media': origin,
    },
  },
});
