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

export default defineConfig({
  plugins: [react(), precompress()],
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
