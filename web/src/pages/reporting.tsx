import { FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { HubError, request } from '../api/client';
import {
  WebApprovalsDocument,
  WebApproveDataDocument,
  WebIndicatorsDocument,
  WebMissingReportsDocument,
  WebUnapproveDataDocument,
  type AdminStructure,
  type UnitLevel,
  type WebApprovalsQuery,
  type WebIndicatorsQuery,
  type WebMissingReportsQuery,
} from '../api/gql/graphql';
import { useChanges } from '../api/use-changes';
import { CompletenessHeatmap, HeatmapUnit } from '../components/completeness-heatmap';
import { LiveLine } from '../components/live-line';
import { formatDate, formatInteger, formatPercent, formatPeriod, MessageKey, useI18n } from '../i18n';
import { href, navigate } from '../router';
import { useSession } from '../session';

type ApprovalMonth = WebApprovalsQuery['approvals']['months'][number];

/** "2026-12" for a Date, in Vietnam's time zone (months end there). */
function monthInVietnam(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).formatToParts(date);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to && months.length < 36; m = addMonths(m, 1)) months.push(m);
  return months;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const childLevel = (structure: AdminStructure, level: UnitLevel): UnitLevel | null =>
  level === 'NATION' ? 'PROVINCE' : level === 'PROVINCE' ? (structure === 'PRE_2025' ? 'DISTRICT' : 'COMMUNE') : level === 'DISTRICT' ? 'COMMUNE' : null;

function problemText(error: unknown): string {
  if (error instanceof HubError) {
    const problems = error.extensions.problems as Array<{ message: string }> | undefined;
    return problems?.length ? problems.map((p) => p.message).join(' ') : error.message;
  }
  return String(error);
}

interface Data {
  approvals: WebApprovalsQuery['approvals'];
  completeness: WebIndicatorsQuery['indicators']['rows'];
  missing: WebMissingReportsQuery['missingReports'];
  at: Date;
}

/** #/reporting/STRUCTURE/CODE/FROM/TO: completeness, approvals and missing reports of one unit, kept live. */
export default function ReportingPage(props: { structure?: string; code?: string; from?: string; to?: string }) {
  const { t } = useI18n();
  const { viewer } = useSession();
  const home = viewer?.scope ?? { structure: 'POST_2025' as AdminStructure, code: 'VN' };
  const structure = (props.structure === 'PRE_2025' || props.structure === 'POST_2025' ? props.structure : home.structure) as AdminStructure;
  const code = props.code || (structure === home.structure ? home.code : 'VN');
  const lastMonth = addMonths(monthInVietnam(new Date()), -1);
  const to = props.to && MONTH.test(props.to) ? props.to : lastMonth;
  const from = props.from && MONTH.test(props.from) && props.from <= to ? props.from : addMonths(to, -5);
  const months = useMemo(() => monthsBetween(from, to), [from, to]);

  const [data, setData] = useState<Data | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const approvals = (await request(WebApprovalsDocument, { structure, unitCode: code, from, to: months[months.length - 1] })).approvals;
      const below = childLevel(structure, approvals.unit.level);
      const periods = [`${from.replace('-', '')}..${months[months.length - 1].replace('-', '')}`];
      const [indicators, missing] = await Promise.all([
        request(
          WebIndicatorsDocument,
          below
            ? { ids: ['reporting_completeness'], level: below, under: { structure, code }, periods, structure }
            : { ids: ['reporting_completeness'], units: [{ structure, code }], periods, structure },
        ),
        request(WebMissingReportsDocument, { structure, code: code === 'VN' ? null : code, from, to: months[months.length - 1], first: 100 }),
      ]);
      if (mine !== generation.current) return;
      setData({ approvals, completeness: indicators.indicators.rows, missing: missing.missingReports, at: new Date() });
      setLoadError(null);
    } catch (error) {
      if (mine === generation.current) setLoadError(problemText(error));
    }
  }, [structure, code, from, to, months]);

  useEffect(() => {
    setData(null);
    void load();
  }, [load]);

  const { status, reconnect } = useChanges({ structure, unitCode: code }, () => void load());

  const go = (next: { code?: string; from?: string; to?: string }) => navigate('reporting', structure, next.code ?? code, next.from ?? from, next.to ?? to);

  return (
    <section aria-labelledby="reporting-title">
      <h1 id="reporting-title">
        {t('rpTitle')}
        {data && `: ${data.approvals.unit.fullName}`}
      </h1>
      <LiveLine status={status} at={data?.at} onRefresh={reconnect} />
      <PeriodForm from={from} to={to} onShow={(f, tt) => go({ from: f, to: tt })} />
      {code !== home.code && (
        <p>
          <a href={href('reporting', home.structure, home.code, from, to)}>{t('rpUp')}</a>
        </p>
      )}
      {loadError && (
        <p role="alert" className="problem">
          {loadError}
        </p>
      )}
      {!data ? (
        !loadError && <p role="status">{t('loading')}</p>
      ) : (
        <>
          <Completeness rows={data.completeness} months={months} unit={data.approvals.unit} onPick={(c) => go({ code: c })} />
          <Approvals state={data.approvals} structure={structure} code={code} mayApprove={viewer?.role === 'ADMIN' || viewer?.role === 'ASSOCIATION'} onChanged={() => void load()} />
          <MissingReports missing={data.missing} />
        </>
      )}
    </section>
  );
}

function PeriodForm({ from, to, onShow }: { from: string; to: string; onShow: (from: string, to: string) => void }) {
  const { t } = useI18n();
  const [f, setF] = useState(from);
  const [tt, setT] = useState(to);
  useEffect(() => {
    setF(from);
    setT(to);
  }, [from, to]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (MONTH.test(f) && MONTH.test(tt) && f <= tt) onShow(f, tt);
  };
  return (
    <form className="controls" onSubmit={submit} aria-label={t('rpUnitPicker')}>
      <label>
        {t('rpFrom')}
        <input type="month" value={f} onChange={(e) => setF(e.target.value)} required />
      </label>
      <label>
        {t('rpTo')}
        <input type="month" value={tt} onChange={(e) => setT(e.target.value)} required />
      </label>
      <button type="submit">{t('rpShow')}</button>
    </form>
  );
}

function Completeness(props: { rows: WebIndicatorsQuery['indicators']['rows']; months: string[]; unit: WebApprovalsQuery['approvals']['unit']; onPick: (code: string) => void }) {
  const { t } = useI18n();
  const { rows, months } = props;
  const periods = useMemo(() => months.map((m) => m.replace('-', '')), [months]);
  const { units, values } = useMemo(() => {
    const byCode = new Map<string, HeatmapUnit>();
    const values = new Map<string, number | null>();
    for (const row of rows) {
      if (!byCode.has(row.unit.code)) byCode.set(row.unit.code, { code: row.unit.code, name: row.unit.fullName });
      values.set(`${row.unit.code}|${row.period}`, row.value);
    }
    return { units: [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)), values };
  }, [rows]);
  const value = useCallback((unit: string, period: string) => values.get(`${unit}|${period}`) ?? null, [values]);
  const drillable = props.unit.level !== 'COMMUNE';
  const colour = (v: number | null) => (v === null ? undefined : v >= 95 ? 'cell-good' : v >= 70 ? 'cell-fair' : 'cell-poor');

  return (
    <section className="panel" aria-labelledby="completeness-title">
      <h2 id="completeness-title">{t('rpHeatmap')}</h2>
      {units.length === 0 ? (
        <p>{t('noData')}</p>
      ) : (
        <>
          <CompletenessHeatmap units={units} months={periods} value={value} label={t('rpHeatmapLabel')} onPick={drillable ? props.onPick : undefined} />
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t('rpHeatmapTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('unit')}</th>
                  {periods.map((p) => (
                    <th key={p} scope="col" className="number">
                      {formatPeriod(p)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {units.map((unit) => (
                  <tr key={unit.code}>
                    <th scope="row">
                      {drillable ? <a href={href('reporting', props.unit.structure, unit.code, months[0], months[months.length - 1])}>{unit.name}</a> : unit.name}
                    </th>
                    {periods.map((p) => {
                      const v = value(unit.code, p);
                      return (
                        <td key={p} className={`number ${colour(v) ?? ''}`}>
                          {v === null ? '—' : formatPercent(v)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function monthState(m: ApprovalMonth, structure: AdminStructure, t: (key: MessageKey) => string): string {
  if (m.approved) return `🔒 ${t('rpLocked')} (${m.approval?.approvedBy ?? ''}, ${m.approval ? formatDate(m.approval.approvedAt) : ''})`;
  if (m.approvedAbove.length) return `🔒 ${t('rpLockedAbove')} (${m.approvedAbove[0].approvedBy})`;
  if (m.ready) return t('rpReady');
  const why = m.structureInForce !== structure ? t('rpOtherStructure') : m.unitsBelowApproved < m.unitsBelowExpected ? t('rpBelowPending') : t('rpNotOver');
  return `${t('rpNotReady')}: ${why}`;
}

function Approvals(props: { state: WebApprovalsQuery['approvals']; structure: AdminStructure; code: string; mayApprove: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [unapproving, setUnapproving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (unapproving) reasonInput.current?.focus();
  }, [unapproving]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      setMessage({ ok: true, text: done });
      setUnapproving(null);
      setReason('');
      props.onChanged();
    } catch (error) {
      setMessage({ ok: false, text: `${t('actionFailed')}: ${problemText(error)}` });
    } finally {
      setBusy(false);
    }
  };
  const approve = (month: string) =>
    act(() => request(WebApproveDataDocument, { input: { period: month, structure: props.structure, unitCode: props.code } }), `${t('rpApproved')} ${formatPeriod(month.replace('-', ''))}`);
  const unapprove = (event: FormEvent, month: string) => {
    event.preventDefault();
    void act(
      () => request(WebUnapproveDataDocument, { input: { period: month, structure: props.structure, unitCode: props.code, reason } }),
      `${t('rpUnapproved')} ${formatPeriod(month.replace('-', ''))}`,
    );
  };

  return (
    <section className="panel" aria-labelledby="approvals-title">
      <h2 id="approvals-title">{t('rpApprovals')}</h2>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'problem'}>
          {message.text}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('rpMonth')}</th>
            <th scope="col" className="number">
              {t('rpExpected')}
            </th>
            <th scope="col" className="number">
              {t('rpBelow')}
            </th>
            <th scope="col">{t('rpState')}</th>
            {props.mayApprove && <th scope="col">{t('rpActions')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.state.months.map((m) => {
            const label = formatPeriod(m.month.replace('-', ''));
            const locked = m.approved || m.approvedAbove.length > 0;
            return (
              <tr key={m.month} className={locked ? 'locked' : undefined} data-month={m.month}>
                <th scope="row">{label}</th>
                <td className="number">{formatInteger(m.reportsExpected)}</td>
                <td className="number">
                  {m.unitsBelowExpected ? `${formatInteger(m.unitsBelowApproved)} / ${formatInteger(m.unitsBelowExpected)}` : '—'}
                </td>
                <td>{monthState(m, props.structure, t)}</td>
                {props.mayApprove && (
                  <td>
                    {m.ready && (
                      <button type="button" disabled={busy} onClick={() => void approve(m.month)} aria-label={`${t('rpApprove')} ${label}`}>
                        {t('rpApprove')}
                      </button>
                    )}
                    {m.approved && unapproving !== m.month && (
                      <button type="button" disabled={busy} onClick={() => setUnapproving(m.month)} aria-label={`${t('rpUnapprove')} ${label}`}>
                        {t('rpUnapprove')}
                      </button>
                    )}
                    {m.approved && unapproving === m.month && (
                      <form className="inline-form" onSubmit={(e) => unapprove(e, m.month)}>
                        <label htmlFor={`reason-${m.month}`}>{t('rpReason')}</label>
                        <textarea id={`reason-${m.month}`} ref={reasonInput} required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
                        <button type="submit" disabled={busy || !reason.trim()}>
                          {t('rpConfirmUnapprove')}
                        </button>
                        <button type="button" onClick={() => setUnapproving(null)}>
                          {t('rpCancel')}
                        </button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function MissingReports({ missing }: { missing: WebMissingReportsQuery['missingReports'] }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="missing-title">
      <h2 id="missing-title">
        {t('rpMissing')} ({formatInteger(missing.totalCount)})
      </h2>
      {missing.edges.length === 0 ? (
        <p>{t('rpNoneMissing')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('club')}</th>
              <th scope="col">{t('commune')}</th>
              <th scope="col">{t('rpMonth')}</th>
              <th scope="col">{t('rpStatus')}</th>
              <th scope="col">{t('rpDeadline')}</th>
              <th scope="col">{t('rpSubmittedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {missing.edges.map(({ node }) => (
              <tr key={`${node.clubCode}-${node.month}`}>
                <td>
                  <a href={href('clubs', node.clubCode)}>{node.clubName}</a> ({node.clubCode})
                </td>
                <td>{node.commune?.fullName ?? '—'}</td>
                <td>{formatPeriod(node.month.slice(0, 7).replace('-', ''))}</td>
                <td>{t(`rpStatus${node.status}` as MessageKey)}</td>
                <td>{formatDate(node.deadline)}</td>
                <td>{node.submittedOn ? formatDate(node.submittedOn) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
