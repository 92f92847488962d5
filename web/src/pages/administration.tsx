import { FormEvent, ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { HubError, request } from '../api/client';
import {
  WebAccountsDocument,
  WebApiKeysDocument,
  WebCreateApiKeyDocument,
  WebInviteAccountDocument,
  WebRevokeApiKeyDocument,
  WebSetAccountActiveDocument,
  type AdminStructure,
  type Role,
  type WebApiKeysQuery,
} from '../api/gql/graphql';
import { DataTable } from '../components/data-table';
import { formatDate, useI18n } from '../i18n';
import { useSession } from '../session';

const ROLES: Role[] = ['ASSOCIATION', 'MINISTRY', 'PARTNER', 'ADMIN'];

const problemText = (error: unknown) => (error instanceof HubError ? error.message : String(error));
const scopeText = (scope: { structure: AdminStructure; code: string } | null, nation: string) => (scope ? `${scope.structure}:${scope.code}` : nation);

/** A secret the hub shows once (a set-password link, an API key): to copy now, then hide. */
function ShownOnce({ label, value, note, onDone }: { label: string; value: string; note: string; onDone: () => void }) {
  const { t } = useI18n();
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  return (
    <div className="shown-once" role="region" aria-label={label}>
      <label htmlFor={id}>{label}</label>
      <input id={id} ref={field} className="secret" readOnly value={value} onFocus={(e) => e.target.select()} />
      <p>
        <strong>{note}</strong>
      </p>
      <button type="button" onClick={onDone}>
        {t('adDone')}
      </button>
    </div>
  );
}

/** Role and scope fields, shared by the invitation and the key forms. */
function RoleAndScope(props: { role: Role; setRole: (r: Role) => void; structure: AdminStructure; setStructure: (s: AdminStructure) => void; code: string; setCode: (c: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('role')}
        <select value={props.role} onChange={(e) => props.setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('adScopeStructure')}
        <select value={props.structure} onChange={(e) => props.setStructure(e.target.value as AdminStructure)}>
          <option value="POST_2025">{t('structurePost')}</option>
          <option value="PRE_2025">{t('structurePre')}</option>
        </select>
      </label>
      <label>
        {t('adScopeCode')}
        <input value={props.code} onChange={(e) => props.setCode(e.target.value)} inputMode="numeric" />
      </label>
    </>
  );
}

function Outcome({ problem }: { problem: string | null }): ReactNode {
  const { t } = useI18n();
  return problem ? (
    <p role="alert" className="problem">
      {t('actionFailed')}: {problem}
    </p>
  ) : null;
}

/**
 * The list a panel shows and the actions that change it: an action disables the panel's submit button while it
 * runs, clears the last problem, shows its own, and reloads the list when it succeeds.
 */
function useManagedList<T>(fetch: () => Promise<T>) {
  const [items, setItems] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    try {
      setItems(await fetch());
    } catch (error) {
      setProblem(problemText(error));
    }
  }, [fetch]);
  useEffect(() => void load(), [load]);
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      await load();
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return { items, problem, busy, act };
}

const fetchAccounts = async () => (await request(WebAccountsDocument, {})).accounts;
const fetchApiKeys = async () => (await request(WebApiKeysDocument, {})).apiKeys;

function People() {
  const { t } = useI18n();
  const { viewer } = useSession();
  const { items: accounts, problem, busy, act } = useManagedList(fetchAccounts);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [form, setForm] = useState({ email: '', displayName: '', organisation: '', role: 'ASSOCIATION' as Role, structure: 'POST_2025' as AdminStructure, code: '', health: false });

  const invite = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const { inviteAccount } = await request(WebInviteAccountDocument, {
        input: {
          email: form.email,
          displayName: form.displayName,
          organisation: form.organisation,
          role: form.role,
          scope: form.code.trim() ? { structure: form.structure, code: form.code.trim() } : null,
          health: form.role === 'ASSOCIATION' && form.health,
        },
      });
      setLink({ url: `${window.location.origin}${inviteAccount.path}`, expiresAt: inviteAccount.expiresAt });
      setForm({ ...form, email: '', displayName: '' });
    });
  };

  const setActive = (id: number, active: boolean) =>
    act(async () => {
      await request(WebSetAccountActiveDocument, { accountId: id, active });
    });

  const field = (name: 'email' | 'displayName' | 'organisation') => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });

  return (
    <section className="panel" aria-labelledby="people-title">
      <h2 id="people-title">{t('adPeople')}</h2>
      <form className="form-grid" onSubmit={invite} aria-labelledby="invite-title">
        <h3 id="invite-title" style={{ gridColumn: '1 / -1', margin: 0 }}>
          {t('adInvite')}
        </h3>
        <label>
          {t('email')}
          <input type="email" required value={form.email} onChange={field('email')} autoComplete="off" />
        </label>
        <label>
          {t('adDisplayName')}
          <input required value={form.displayName} onChange={field('displayName')} />
        </label>
        <label>
          {t('adOrganisation')}
          <input required value={form.organisation} onChange={field('organisation')} />
        </label>
        <RoleAndScope
          role={form.role}
          setRole={(role) => setForm({ ...form, role })}
          structure={form.structure}
          setStructure={(structure) => setForm({ ...form, structure })}
          code={form.code}
          setCode={(code) => setForm({ ...form, code })}
        />
        {form.role === 'ASSOCIATION' && (
          <label className="check">
            <input type="checkbox" checked={form.health} onChange={(e) => setForm({ ...form, health: e.target.checked })} />
            {t('adHealth')}
          </label>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t('adSendInvite')}
          </button>
        </div>
      </form>
      <Outcome problem={problem} />
      {link && <ShownOnce label={`${t('adInviteLink')} ${new Date(link.expiresAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })})`} value={link.url} note={t('adShownOnce')} onDone={() => setLink(null)} />}
      {accounts === null ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <DataTable columns={[{ label: t('email') }, { label: t('adDisplayName') }, { label: t('adOrganisation') }, { label: t('role') }, { label: t('scope') }, { label: t('adStatus') }, { label: t('rpActions') }]}>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>{a.email}</td>
              <td>{a.displayName}</td>
              <td>{a.organisation}</td>
              <td>{a.role}</td>
              <td>{scopeText(a.scope, t('wholeNation'))}</td>
              <td>
                {a.active ? t('adActive') : t('adDisabled')}
                {!a.passwordSet && ` (${t('adNoPassword')})`}
              </td>
              <td>
                {a.id !== viewer?.account?.id && (
                  <button type="button" onClick={() => void setActive(a.id, !a.active)} aria-label={`${a.active ? t('adDisable') : t('adEnable')} ${a.email}`}>
                    {a.active ? t('adDisable') : t('adEnable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function Keys() {
  const { t } = useI18n();
  const { items: keys, problem, busy, act } = useManagedList(fetchApiKeys);
  const [created, setCreated] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [form, setForm] = useState({ organisation: '', role: 'PARTNER' as Role, structure: 'POST_2025' as AdminStructure, code: '', expiresOn: '', persistedOnly: false, health: false });

  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const { createApiKey } = await request(WebCreateApiKeyDocument, {
        input: {
          organisation: form.organisation,
          role: form.role,
          scope: form.code.trim() ? { structure: form.structure, code: form.code.trim() } : null,
          expiresOn: form.expiresOn || null,
          persistedOperationsOnly: form.persistedOnly,
          health: form.role === 'ASSOCIATION' && form.health,
        },
      });
      setCreated(createApiKey.key);
    });
  };

  const revoke = (prefix: string) => {
    setConfirming(null);
    return act(async () => {
      await request(WebRevokeApiKeyDocument, { prefix });
    });
  };

  const state = (k: WebApiKeysQuery['apiKeys'][number]) => (k.revokedAt ? t('adRevoked') : k.active ? t('adActive') : t('adExpired'));

  return (
    <section className="panel" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('adKeys')}</h2>
      <form className="form-grid" onSubmit={create} aria-labelledby="create-key-title">
        <h3 id="create-key-title" style={{ gridColumn: '1 / -1', margin: 0 }}>
          {t('adCreateKey')}
        </h3>
        <label>
          {t('adOrganisation')}
          <input required value={form.organisation} onChange={(e) => setForm({ ...form, organisation: e.target.value })} />
        </label>
        <RoleAndScope
          role={form.role}
          setRole={(role) => setForm({ ...form, role })}
          structure={form.structure}
          setStructure={(structure) => setForm({ ...form, structure })}
          code={form.code}
          setCode={(code) => setForm({ ...form, code })}
        />
        <label>
          {t('adExpiresOn')}
          <input type="date" value={form.expiresOn} onChange={(e) => setForm({ ...form, expiresOn: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={form.persistedOnly} onChange={(e) => setForm({ ...form, persistedOnly: e.target.checked })} />
          {t('adPersistedOnly')}
        </label>
        {form.role === 'ASSOCIATION' && (
          <label className="check">
            <input type="checkbox" checked={form.health} onChange={(e) => setForm({ ...form, health: e.target.checked })} />
            {t('adHealth')}
          </label>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t('adCreateKey')}
          </button>
        </div>
      </form>
      <Outcome problem={problem} />
      {created && <ShownOnce label={t('adNewKey')} value={created} note={t('adShownOnce')} onDone={() => setCreated(null)} />}
      {keys === null ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <DataTable columns={[{ label: t('adPrefix') }, { label: t('adOrganisation') }, { label: t('role') }, { label: t('scope') }, { label: t('adCreated') }, { label: t('adExpires') }, { label: t('adStatus') }, { label: t('rpActions') }]}>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>{k.organisation}</td>
              <td>{k.role}</td>
              <td>{scopeText(k.scope, t('wholeNation'))}</td>
              <td>{formatDate(k.createdAt)}</td>
              <td>{k.expiresAt ? formatDate(k.expiresAt) : t('adNever')}</td>
              <td>{state(k)}</td>
              <td>
                {k.active &&
                  (confirming === k.prefix ? (
                    <>
                      <button type="button" onClick={() => void revoke(k.prefix)} aria-label={`${t('adConfirmRevoke')} ${k.prefix}`}>
                        {t('adConfirmRevoke')}
                      </button>{' '}
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('rpCancel')}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(k.prefix)} aria-label={`${t('adRevoke')} ${k.prefix}`}>
                      {t('adRevoke')}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** ADMIN: people (invite, disable, enable) and API keys (create, shown once; revoke). */
export default function AdministrationPage() {
  const { t } = useI18n();
  const { viewer } = useSession();
  return (
    <section aria-labelledby="administration-title">
      <h1 id="administration-title">{t('adTitle')}</h1>
      {viewer?.may.manageAccounts ? (
        <>
          <People />
          <Keys />
        </>
      ) : (
        <p role="alert">{t('adForbidden')}</p>
      )}
    </section>
  );
}
