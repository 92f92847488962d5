import { useCallback, useEffect, useRef, useState } from 'react';
import { ChangeEvent, ChangeFilter, LiveStatus, subscribeToChanges } from './live';

/**
 * Calls `refetch` when the hub announces a committed write the filter matches (or GAP: events may have been
 * missed). Bursts (an import announces many records) are folded into one refetch. `reconnect` starts a new
 * subscription after the hub gave up (status offline) and refetches, for the page's refresh button.
 */
export function useChanges(filter: ChangeFilter, refetch: () => void): { status: LiveStatus | 'connecting'; reconnect: () => void } {
  const [status, setStatus] = useState<LiveStatus | 'connecting'>('connecting');
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(refetch);
  latest.current = refetch;
  const key = JSON.stringify(filter);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onEvent = (_event: ChangeEvent) => {
      // 150 ms folds a burst while keeping the page well inside its two seconds.
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), 150);
    };
    // Before the first connection, "reconnecting" is only connecting: nothing has dropped yet.
    let wasLive = false;
    const onStatus = (next: LiveStatus) => {
      wasLive ||= next === 'live';
      setStatus(next === 'reconnecting' && !wasLive ? 'connecting' : next);
    };
    const stop = subscribeToChanges(JSON.parse(key) as ChangeFilter, onEvent, onStatus);
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [key, attempt]);

  const reconnect = useCallback(() => {
    setStatus('connecting');
    setAttempt((n) => n + 1);
    latest.current();
  }, []);
  return { status, reconnect };
}
