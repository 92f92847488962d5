import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/**
 * `npm run -s web:size`: the JavaScript the browser loads for the first page, gzipped (level 9, as a server
 * would send it): the entry chunk and its static imports for the sign-in page, plus the overview's chunk and
 * its imports (ECharts) for the first page after signing in. Budget: 400 KB. Reads the build's manifest.
 */
const ROOT = path.resolve(__dirname, '..', fs.existsSync(path.resolve(__dirname, '..', 'web')) ? '' : '..');
const BUDGET = 400 * 1024;

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
}

function main(): void {
  const dist = path.join(ROOT, 'dist', 'web');
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const closure = (key: string, into = new Set<string>()): Set<string> => {
    if (into.has(key)) return into;
    into.add(key);
    for (const imported of manifest[key].imports ?? []) closure(imported, into);
    return into;
  };
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry)!;
  const overview = Object.keys(manifest).find((key) => key.endsWith('pages/overview.tsx'))!;
  const size = (keys: Set<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const key of keys) {
      const bytes = fs.readFileSync(path.join(dist, manifest[key].file));
      raw += bytes.length;
      gzip += zlib.gzipSync(bytes, { level: 9 }).length;
    }
    return { raw, gzip };
  };
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const signIn = size(closure(entry));
  const firstPage = size(closure(overview, closure(entry)));
  console.log(`sign-in page JavaScript: ${kb(signIn.raw)} raw, ${kb(signIn.gzip)} gzipped`);
  console.log(`overview (first page after sign-in) JavaScript: ${kb(firstPage.raw)} raw, ${kb(firstPage.gzip)} gzipped (budget ${kb(BUDGET)})`);
  for (const key of closure(overview, closure(entry))) {
    const bytes = fs.readFileSync(path.join(dist, manifest[key].file));
    console.log(`  ${manifest[key].file}: ${kb(zlib.gzipSync(bytes, { level: 9 }).length)} gzipped`);
  }
  if (firstPage.gzip > BUDGET) {
    console.log('OVER BUDGET');
    process.exitCode = 1;
  }
}

main();
