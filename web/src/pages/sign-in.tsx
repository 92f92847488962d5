import { FormEvent, useEffect, useRef, useState } from 'react';
import { HubError } from '../api/client';
import { MessageKey, useI18n } from '../i18n';
import { useSession } from '../session';

function problemOf(error: unknown): MessageKey {
  if (!(error instanceof HubError)) return 'requestFailed';
  if (error.extensions.secondFactorRequired) return 'secondFactorNeeded';
  if (error.codes.includes('RATE_LIMITED')) return 'tooManyAttempts';
  if (error.codes.includes('UNAUTHENTICATED') || error.codes.includes('BAD_USER_INPUT')) return 'wrongCredentials';
  return 'requestFailed';
}

export function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await signIn(email, password, needsTotp ? totp : undefined);
    } catch (error) {
      const key = problemOf(error);
      if (key === 'secondFactorNeeded') setNeedsTotp(true);
      setProblem(key);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" ref={heading} tabIndex={-1}>
        {t('signInTitle')}
      </h1>
      <form onSubmit={submit} noValidate={false}>
        <label htmlFor="sign-in-email">{t('email')}</label>
        <input id="sign-in-email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="sign-in-password">{t('password')}</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {needsTotp && (
          <>
            <label htmlFor="sign-in-totp">{t('totp')}</label>
            <input id="sign-in-totp" name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" value={totp} onChange={(e) => setTotp(e.target.value)} />
          </>
        )}
        {problem && (
          <p role="alert" className="problem">
            {t(problem)}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </section>
  );
}
