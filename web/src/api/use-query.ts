import { useCallback, useEffect, useState } from 'react';
import { request } from './client';
import type { TypedDocumentString } from './gql/graphql';

export interface QueryState<Result> {
  data: Result | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Asks again (the refresh button; live updates call it too). */
  refetch(): void;
}

/** Runs a persisted operation whenever its variables change; the last answer wins, earlier ones are aborted. */
export function useQuery<Result, Variables>(document: TypedDocumentString<Result, Variables>, variables: Variables, skip = false): QueryState<Result> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data?: Result; error?: Error; loading: boolean }>({ loading: !skip });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (skip) return;
    const abort = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    request(document, JSON.parse(key) as Variables, abort.signal).then(
      (data) => setState({ data, loading: false }),
      (error: Error) => {
        if (!abort.signal.aborted) setState({ error, loading: false });
      },
    );
    return () => abort.abort();
  }, [document, key, round, skip]);
  const refetch = useCallback(() => setRound((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, refetch };
}
