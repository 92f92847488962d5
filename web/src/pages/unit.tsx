import { useI18n } from '../i18n';

export default function UnitPage(_props: { structure?: string; level?: string; code?: string }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="unit-title">
      <h1 id="unit-title">{t('drillDown')}</h1>
    </section>
  );
}
