import { useI18n } from '../i18n';

export default function ClubPage(_props: { code?: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="club-title">
      <h1 id="club-title">{t('club')}</h1>
    </section>
  );
}
