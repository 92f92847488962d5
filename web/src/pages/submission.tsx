import { DragEvent, useEffect, useRef, useState } from 'react';
import { ImportKind, ImportOutcome, ImportProgress, sendImport } from '../api/imports';
import { formatInteger, MessageKey, useI18n } from '../i18n';
import { useSession } from '../session';

const KINDS: Array<{ kind: ImportKind; label: MessageKey }> = [
  { kind: 'club-reports', label: 'sbKindReports' },
  { kind: 'members', label: 'sbKindMembers' },
  { kind: 'clubs', label: 'sbKindClubs' },
  { kind: 'fund-transactions', label: 'sbKindFund' },
];

interface HistoryEntry {
  at: string;
  file: string;
  kind: ImportKind;
  result: 'dry' | 'applied' | 'refused';
  rows: number;
  problems: number;
}

const HISTORY_SIZE = 20;
const historyKey = (who: string) => `ishc.imports.${who}`;

function readHistory(who: string): HistoryEntry[] {
  try {
    return JSON.parse(localStorage.getItem(historyKey(who)) ?? '[]') as HistoryEntry[];
  } catch {
    return [];
  }
}

/** Drop or choose a CSV file: it is checked at once (dry run); a clean file can then be written. */
export default function SubmissionPage() {
  const { t } = useI18n();
  const { viewer } = useSession();
  const who = String(viewer?.account?.id ?? 'key');
  const [kind, setKind] = useState<ImportKind>('club-reports');
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<{ dryRun: boolean; result: ImportOutcome } | null>(null);
  const [progress, setProgress] = useState<(ImportProgress & { dryRun: boolean }) | null>(null);
  const [networkProblem, setNetworkProblem] = useState(false);
  const [over, setOver] = useState(false);
  const [history, setHistory] = useState<HistoryEntry[]>(() => readHistory(who));
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (outcome) result.current?.focus();
  }, [outcome]);

  const remember = (entry: HistoryEntry) => {
    const next = [entry, ...readHistory(who)].slice(0, HISTORY_SIZE);
    localStorage.setItem(historyKey(who), JSON.stringify(next));
    setHistory(next);
  };

  const run = async (chosen: File, importKind: ImportKind, dryRun: boolean) => {
    setOutcome(null);
    setNetworkProblem(false);
    setProgress({ phase: 'uploading', fraction: 0, dryRun });
    try {
      const answer = await sendImport(importKind, chosen, dryRun, (p) => setProgress({ ...p, dryRun }));
      setOutcome({ dryRun, result: answer });
      const report = 'report' in answer ? answer.report : null;
      remember({
        at: new Date().toISOString(),
        file: chosen.name,
        kind: importKind,
        result: !report || report.problems.length ? 'refused' : report.applied ? 'applied' : 'dry',
        rows: report?.rows ?? 0,
        problems: report ? report.problems.length : 1,
      });
    } catch {
      setNetworkProblem(true);
    } finally {
      setProgress(null);
    }
  };

  const choose = (chosen: File | undefined | null) => {
    if (!chosen) return;
    setFile(chosen);
    void run(chosen, kind, true);
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    choose(event.dataTransfer.files[0]);
  };

  const report = outcome && 'report' in outcome.result ? outcome.result.report : null;
  const refusal = outcome && 'refusal' in outcome.result ? outcome.result.refusal : null;
  const clean = !!report && report.dryRun && report.problems.length === 0 && outcome?.result.status === 200;
  const problems = report ? [...report.problems].sort((a, b) => a.row - b.row) : [];
  const kindLabel = (k: ImportKind) => t(KINDS.find((x) => x.kind === k)!.label);

  return (
    <section aria-labelledby="submission-title">
      <h1 id="submission-title">{t('sbTitle')}</h1>
      <div className="controls">
        <label>
          {t('sbKind')}
          <select
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              setOutcome(null);
              setFile(null);
              if (input.current) input.current.value = '';
            }}
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {t(k.label)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div
        className={`dropzone${over ? ' over' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>
          {t('sbDrop')}{' '}
          <label htmlFor="submission-file">{t('sbChoose')}:</label>{' '}
          <input
            id="submission-file"
            ref={input}
            type="file"
            accept=".csv,text/csv"
            disabled={!!progress}
            onChange={(e) => {
              choose(e.target.files?.[0]);
            }}
          />
        </p>
        {file && <p>{file.name}</p>}
      </div>

      {progress && (
        <div role="status" className="panel">
          <p>{progress.dryRun ? t('sbChecking') : t('sbApplying')}</p>
          {progress.phase === 'uploading' ? (
            <>
              <label htmlFor="upload-progress">{t('sbUploading')}</label>{' '}
              <progress id="upload-progress" max={100} value={Math.round(progress.fraction * 100)} />
            </>
          ) : (
            <>
              <label htmlFor="server-progress">{t('sbProcessing')}</label> <progress id="server-progress" />
            </>
          )}
        </div>
      )}
      {networkProblem && (
        <p role="alert" className="problem">
          {t('requestFailed')}
        </p>
      )}

      {outcome && (
        <section className="panel" aria-labelledby="report-title">
          <h2 id="report-title" ref={result} tabIndex={-1}>
            {t('sbReport')}
          </h2>
          {refusal && (
            <p role="alert" className="problem">
              {t('sbRefused')} ({refusal.status} {refusal.code}): {refusal.message}
            </p>
          )}
          {report && (
            <>
              <p role={problems.length ? 'alert' : 'status'} className={problems.length ? 'problem' : 'ok'}>
                {problems.length ? t('sbDryRunProblems') : report.applied ? t('sbAppliedOk') : t('sbDryRunClean')}
              </p>
              {problems.length > 0 && (
                <table>
                  <caption className="visually-hidden">{t('sbProblems')}</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="number">
                        {t('sbRow')}
                      </th>
                      <th scope="col">{t('sbColumn')}</th>
                      <th scope="col">{t('sbCode')}</th>
                      <th scope="col">{t('sbMessage')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problems.map((p, i) => (
                      <tr key={i}>
                        <td className="number">{p.row}</td>
                        <td>{p.column ?? '—'}</td>
                        <td>{p.code}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <dl className="cards summary">
                {(
                  [
                    ['sbRows', report.rows],
                    ['sbCreated', report.created],
                    ['sbUpdated', report.updated],
                    ['sbUnchanged', report.unchanged],
                    ['sbProblems', report.problems.length],
                  ] as Array<[MessageKey, number]>
                ).map(([label, n]) => (
                  <div key={label}>
                    <dt className="label">{t(label)}</dt>
                    <dd className="figure">{formatInteger(n)}</dd>
                  </div>
                ))}
              </dl>
              {clean && file && (
                <button type="button" className="primary" onClick={() => void run(file, kind, false)} disabled={!!progress}>
                  {t('sbApply')}
                </button>
              )}
            </>
          )}
        </section>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('sbHistory')}</h2>
        {history.length === 0 ? (
          <p>{t('sbNoHistory')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sbWhen')}</th>
                <th scope="col">{t('sbFile')}</th>
                <th scope="col">{t('sbKind')}</th>
                <th scope="col">{t('sbResult')}</th>
                <th scope="col" className="number">
                  {t('sbRows')}
                </th>
                <th scope="col" className="number">
                  {t('sbProblems')}
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={i}>
                  <td>{new Date(h.at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}</td>
                  <td>{h.file}</td>
                  <td>{kindLabel(h.kind)}</td>
                  <td>{t(h.result === 'dry' ? 'sbResultDry' : h.result === 'applied' ? 'sbResultApplied' : 'sbResultRefused')}</td>
                  <td className="number">{formatInteger(h.rows)}</td>
                  <td className="number">{formatInteger(h.problems)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
