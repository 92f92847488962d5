import { useState } from 'react';
import { download } from '../api/client';
import { useI18n } from '../i18n';

/** The CSV and DHIS2 files of the figures on screen (the /exports routes with the same arguments). */
export function ExportLinks({ query, name }: { query: string; name: string }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const get = (path: string, filename: string) => {
    setProblem(null);
    download(`${path}?${query}`, filename).catch((error: Error) => setProblem(error.message));
  };
  return (
    <p className="exports">
      <a href={`/exports/indicators.csv?${query}`} onClick={(e) => { e.preventDefault(); get('/exports/indicators.csv', `${name}.csv`); }}>
        {t('exportCsv')}
      </a>{' '}
      <a href={`/exports/dataValueSets.json?${query}`} onClick={(e) => { e.preventDefault(); get('/exports/dataValueSets.json', `${name}.json`); }}>
        {t('exportDhis2')}
      </a>
      {problem && (
        <span role="alert" className="problem">
          {' '}
          {problem}
        </span>
      )}
    </p>
  );
}
