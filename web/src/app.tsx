import { lazy, ReactNode, Suspense, useState } from 'react';
import { useI18n } from './i18n';
import { SetPasswordPage } from './pages/set-password';
import { SignInPage } from './pages/sign-in';
import { href, useRoute } from './router';
import { useSession } from './session';

// Each page is its own chunk: the first page loads only what it draws.
const OverviewPage = lazy(() => import('./pages/overview'));
const UnitPage = lazy(() => import('./pages/unit'));
const ClubPage = lazy(() => import('./pages/club'));
const ReportingPage = lazy(() => import('./pages/reporting'));
const SubmissionPage = lazy(() => import('./pages/submission'));
const AdministrationPage = lazy(() => import('./pages/administration'));

function Page({ path }: { path: string[] }): ReactNode {
  const { t } = useI18n();
  const [first, ...rest] = path;
  switch (first) {
    case undefined:
    case 'overview':
      return <OverviewPage />;
    case 'units':
      return <UnitPage structure={rest[0]} level={rest[1]} code={rest[2]} />;
    case 'clubs':
      return <ClubPage code={rest[0]} />;
    case 'reporting':
      return <ReportingPage structure={rest[0]} code={rest[1]} from={rest[2]} to={rest[3]} />;
    case 'submission':
      return <SubmissionPage />;
    case 'administration':
      return <AdministrationPage />;
    default:
      return (
        <section>
          <h1>{t('notFound')}</h1>
          <p>
            <a href={href('overview')}>{t('overview')}</a>
          </p>
        </section>
      );
  }
}

export function App() {
  const { t, language, setLanguage } = useI18n();
  const { viewer, signOut, reload } = useSession();
  const [settingPassword, setSettingPassword] = useState(() => window.location.pathname === '/set-password');
  const path = useRoute();
  const current = path[0] ?? 'overview';

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <span className="app-name">{t('appTitle')}</span>
        {viewer && (
          <nav aria-label={t('mainMenu')}>
            <ul>
              <li>
                <a href={href('overview')} aria-current={current === 'overview' ? 'page' : undefined}>
                  {t('overview')}
                </a>
              </li>
              <li>
                <a href={href('units')} aria-current={current === 'units' || current === 'clubs' ? 'page' : undefined}>
                  {t('drillDown')}
                </a>
              </li>
              <li>
                <a href={href('reporting')} aria-current={current === 'reporting' ? 'page' : undefined}>
                  {t('reporting')}
                </a>
              </li>
              {viewer.may.write && (
                <li>
                  <a href={href('submission')} aria-current={current === 'submission' ? 'page' : undefined}>
                    {t('submission')}
                  </a>
                </li>
              )}
              {viewer.may.manageAccounts && (
                <li>
                  <a href={href('administration')} aria-current={current === 'administration' ? 'page' : undefined}>
                    {t('administration')}
                  </a>
                </li>
              )}
            </ul>
          </nav>
        )}
        <div className="account">
          <button type="button" lang={language === 'vi' ? 'en' : 'vi'} aria-label={t('switchLanguageLabel')} onClick={() => setLanguage(language === 'vi' ? 'en' : 'vi')}>
            {t('switchLanguage')}
          </button>
          {viewer && (
            <>
              <span className="who">
                {t('signedInAs')} <strong>{viewer.account?.displayName ?? viewer.organisation}</strong> ({viewer.role})
              </span>
              <button type="button" onClick={() => void signOut()}>
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {settingPassword ? (
          <SetPasswordPage
            onDone={() => {
              setSettingPassword(false);
              void reload();
            }}
          />
        ) : viewer === undefined ? (
          <p role="status">{t('loading')}</p>
        ) : viewer === null ? (
          <SignInPage />
        ) : (
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <Page path={path} />
          </Suspense>
        )}
      </main>
    </>
  );
}
