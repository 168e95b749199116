import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The origin serves dist/ (copied next to the host as web/); `npm run dev` proxies the API to a running origin.
const origin = process.env.MARQUEE_ORIGIN ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
