/** Loading data for a page: `const orders = useLoad(() => api.get<Page<Order>>('/v1/orders'), [])`. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Loading, ProblemMessage } from './feedback';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
  /** Replace the data with what a change answered, without another call. */
  readonly replace: (data: T) => void;
}

export const useLoad = <T,>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> => {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setLoading(false);
      },
      (problem: unknown) => {
        if (!current) return;
        setError(problem);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, reload, replace: setData };
};

/** Shows loading, the error, or the children made from the data. */
export const Loaded = <T,>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) => {
  if (state.error !== undefined) return <ProblemMessage error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
};
