import { CSRF_HEADERS } from './client';

export type ImportKind = 'clubs' | 'members' | 'fund-transactions' | 'club-reports';

export interface RowProblem {
  row: number;
  column?: string | null;
  code: string;
  message: string;
}

/** The hub's answer to POST /imports/<kind> (see the README's CSV imports section). */
export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  auditEntries: number;
  problems: RowProblem[];
  requestId?: string;
}

/** A refusal of the whole file (encoding, size, content type, rights, limits): the route's own shape. */
export interface ImportRefusal {
  status: number;
  code: string;
  message: string;
}

export type ImportOutcome = { status: number; report: ImportReport } | { status: number; refusal: ImportRefusal };

export interface ImportProgress {
  phase: 'uploading' | 'processing';
  /** 0..1 while uploading. */
  fraction: number;
}

/**
 * Sends a CSV file to /imports/<kind> (a dry run or for real). XMLHttpRequest rather than fetch: only it
 * reports upload progress, which a large file needs. The session cookie and the CSRF header go with it.
 */
export function sendImport(kind: ImportKind, file: Blob, dryRun: boolean, onProgress: (progress: ImportProgress) => void): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/imports/${encodeURIComponent(kind)}${dryRun ? '?dryRun=true' : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'text/csv; charset=utf-8');
    for (const [name, value] of Object.entries(CSRF_HEADERS)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress({ phase: 'uploading', fraction: event.lengthComputable ? event.loaded / event.total : 0 });
    xhr.upload.onload = () => onProgress({ phase: 'processing', fraction: 1 });
    xhr.onerror = () => reject(new Error('network'));
    xhr.onload = () => {
      const body = xhr.response as (ImportReport & { error?: { code: string; message: string } }) | null;
      if (body && !body.error && Array.isArray(body.problems)) resolve({ status: xhr.status, report: body });
      else resolve({ status: xhr.status, refusal: { status: xhr.status, code: body?.error?.code ?? `HTTP_${xhr.status}`, message: body?.error?.message ?? `HTTP ${xhr.status}` } });
    };
    onProgress({ phase: 'uploading', fraction: 0 });
    xhr.send(file);
  });
}
