import { HubError } from '../api/client';
import { MessageKey, useI18n } from '../i18n';

const BY_CODE: Record<string, MessageKey> = {
  FORBIDDEN: 'problemForbidden',
  NOT_FOUND: 'problemNotFound',
  RATE_LIMITED: 'problemBusy',
  QUERY_TOO_COMPLEX: 'problemBusy',
  UNAUTHENTICATED: 'problemSignedOut',
};

/** A failed request, said in the page's language; the hub's own (English) message follows for support. */
export function Problem({ error }: { error: Error }) {
  const { t } = useI18n();
  const code = error instanceof HubError ? error.codes.find((c) => c in BY_CODE) : undefined;
  return (
    <p role="alert" className="problem">
      {t(code ? BY_CODE[code] : 'requestFailed')} <span className="detail" lang="en">({error.message})</span>
    </p>
  );
}
