import path from 'node:path';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;

/**
 * The web app builds to dist/web, which the hub serves at `/`. Everything it loads comes from the hub itself
 * (no CDN, no web fonts: the system's fonts), so it works offline.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: path.join(webRoot, 'public'),
  // vite 8 transforms TSX with oxc; React 17+'s automatic runtime needs no React import in every file.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(webRoot, '..', 'dist', 'web'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    target: 'es2022',
  },
  server: {
    // `vite --config web/vite.config.mts` during development, against a hub on :4000.
    proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000', '/exports': 'http://localhost:4000', '/imports': 'http://localhost:4000' },
  },
});
