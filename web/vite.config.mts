import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const webRoot = import.meta.dirname;

/** The boundaries (≈190 kB each) are also written gzipped (≈50 kB); the hub sends those to browsers that accept it. */
function gzipBoundaries(outDir: string): Plugin {
  return {
    name: 'gzip-boundaries',
    apply: 'build',
    closeBundle() {
      const dir = path.join(outDir, 'geo');
      for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.geojson'))) {
        const raw = fs.readFileSync(path.join(dir, file));
        fs.writeFileSync(path.join(dir, `${file}.gz`), zlib.gzipSync(raw, { level: 9 }));
      }
    },
  };
}

const outDir = path.resolve(webRoot, '..', 'dist', 'web');

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
  plugins: [gzipBoundaries(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    minify: process.env.WEB_MINIFY !== '0',
    // dist/web/.vite/manifest.json: which chunks a page loads (read by `npm run web:size`; not served).
    manifest: true,
    reportCompressedSize: false,
    // The overview's chunk holds ECharts (≈650 kB, ≈215 kB gzipped); the first page's budget is checked by `npm run web:size`.
    chunkSizeWarningLimit: 800,
    target: 'es2022',
  },
  server: {
    // `vite --config web/vite.config.mts` during development, against a hub on :4000.
    proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000', '/exports': 'http://localhost:4000', '/imports': 'http://localhost:4000' },
  },
});
