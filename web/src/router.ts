import { useEffect, useState } from 'react';

/**
 * Hash routes (#/overview, #/units/POST_2025/PROVINCE/42, #/clubs/HT-0001): the hub serves one index.html at
 * `/` and needs no fallback for app paths, so /graphql, /exports, /imports and /auth stay untouched.
 */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function useRoute(): string[] {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}

export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

export function navigate(...segments: string[]): void {
  window.location.hash = href(...segments).slice(1);
}
