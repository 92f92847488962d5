import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * dist/web (built by `npm run web:build`): beside dist/src when compiled, under dist/ when run from src. Decided by
 * where this file is, never by what exists: a hub started before the build must still serve the build, not web/'s
 * sources.
 */
export function webAppDir(): string {
  const compiled = path.basename(path.dirname(__dirname)) === 'dist';
  return compiled ? path.resolve(__dirname, '..', 'web') : path.resolve(__dirname, '..', 'dist', 'web');
}

/**
 * Everything from the hub itself (the app works offline and loads nothing from elsewhere); inline styles
 * because ECharts and React style attributes use them; connect-src 'self' covers the live updates' WebSocket.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The web app at `/`: index.html and its hashed assets, nothing else (app pages are hash routes, so /graphql,
 * /exports, /imports and /auth keep their own handlers). Mounted before authentication: a signed-in browser
 * sends its cookie on these plain GETs, which the CSRF rule would refuse, and they hold no data.
 */
export function webAppRouter(dir = webAppDir()): Router {
  const router = Router();
  const index = path.join(dir, 'index.html');
  // Asset names carry a content hash: a browser may keep them for good. index.html is always revalidated.
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // The boundaries are sent gzipped (written so by the build) to browsers that accept it.
  router.get('/geo/:file', (req, res, next) => {
    const file = path.join(dir, 'geo', path.basename(req.params.file));
    if (!file.endsWith('.geojson') || !req.acceptsEncodings('gzip') || !fs.existsSync(`${file}.gz`)) return next();
    res.set({ 'content-encoding': 'gzip', vary: 'accept-encoding', 'cache-control': 'public, max-age=86400' }).type('application/geo+json');
    res.sendFile(`${file}.gz`);
  });
  router.use('/geo', express.static(path.join(dir, 'geo'), { maxAge: '1d', index: false }));
  // A missing file is a plain 404 here, not a request for the API's handlers further on.
  router.use(['/assets', '/geo'], (_req, res) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  // /set-password is the path of the links an ADMIN hands out (people.resolver.ts); its token is in the fragment.
  router.get(['/', '/index.html', '/set-password'], (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built: run `npm run web:build` (npm start does).\n');
      return;
    }
    res.set({ 'cache-control': 'no-cache', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.sendFile(index);
  });
  return router;
}
