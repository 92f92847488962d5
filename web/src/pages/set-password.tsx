import { FormEvent, useState } from 'react';
import { HubError, postAuth } from '../api/client';
import { useI18n } from '../i18n';

/** The page of a set-password link (/set-password#token=…): the person chooses a password and is signed in. */
export function SetPasswordPage({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await postAuth('/auth/set-password', { token, password });
      window.history.replaceState(null, '', '/#/overview');
      onDone();
    } catch (error) {
      setProblem(error instanceof HubError && error.status < 500 ? error.message : t('requestFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sign-in" aria-labelledby="set-password-title">
      <h1 id="set-password-title">{t('setPasswordTitle')}</h1>
      <form onSubmit={submit}>
        <label htmlFor="new-password">{t('newPassword')}</label>
        <input id="new-password" type="password" autoComplete="new-password" required minLength={12} value={password} onChange={(e) => setPassword(e.target.value)} />
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy || !token}>
          {t('setPassword')}
        </button>
      </form>
    </section>
  );
}
