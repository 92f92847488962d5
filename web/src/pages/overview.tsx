import { useI18n } from '../i18n';

export default function OverviewPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview')}</h1>
    </section>
  );
}
