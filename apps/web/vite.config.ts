// Vite configuration of the back office: builds to dist/ (served by the API at /) and, in dev mode,
// forwards /api to a locally running `pnpm gie serve` so the cookie stays same-origin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  // pinned to this folder so a build started from another working directory (tests, scripts) finds index.html
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
