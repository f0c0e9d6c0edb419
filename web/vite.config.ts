import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The Hearth server serves web/dist at "/" under a strict Content-Security-Policy,
// so the build must produce only external script and style files.
export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // The module-preload polyfill is not needed by the browsers we support.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev:web` proxies the API to a running hearth (HEARTH_URL, default port 8080).
    proxy: {
      '/api': process.env.HEARTH_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
