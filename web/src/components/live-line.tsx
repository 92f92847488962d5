import { useI18n } from '../i18n';

/**
 * The live-update status of a page (useChanges), with when its figures were last loaded. Once the connection has
 * dropped the figures may be stale, so a refresh button refetches them and reconnects.
 */
export function LiveLine({ status, at, onRefresh }: { status: string; at?: Date; onRefresh: () => void }) {
  const { t } = useI18n();
  const time = at ? at.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '';
  return (
    <p className="live-line" role="status" data-live={status}>
      {status === 'live' ? t('rpLive') : status === 'offline' ? t('rpOffline') : status === 'reconnecting' ? t('rpReconnecting') : t('loading')}
      {at && ` · ${t('rpUpdatedAt')} ${time}`}{' '}
      {(status === 'offline' || status === 'reconnecting') && (
        <button type="button" onClick={onRefresh}>
          {t('rpRefresh')}
        </button>
      )}
    </p>
  );
}
