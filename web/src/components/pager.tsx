/**
 * Lists the API gives a page at a time (`Page<T>`, `nextCursor`), shown two ways:
 *
 * - `useGrowingList` + `<MoreButton>`: the first page, and "Show more" adds the next one below
 *   (the customer's orders, requests, consent receipts);
 * - `usePagedList` + `<Pager>`: one page at a time, "next page" and "back to the start" (the
 *   console's lists).
 */
import { useState } from 'preact/hooks';
import { api, type Page as ApiPage } from '../api';
import { useTexts } from '../i18n';
import { ProblemMessage } from './feedback';
import { type Loaded, useLoad } from './load';

const texts = {
  ru: { next: 'Следующая страница', more: 'Показать ещё', loadingMore: 'Загружаем…' },
  en: { next: 'Next page', more: 'Show more', loadingMore: 'Loading…' },
};

export interface GrowingList<T> {
  /** The first page: for `<Loaded>`, which shows its loading and its error. */
  readonly first: Loaded<ApiPage<T>>;
  /** Every item read so far, the first page's first. */
  readonly items: readonly T[];
  /** The cursor of the page after the last one read; null when there is none. */
  readonly next: string | null;
  /** Reads the next page and adds its items. */
  readonly more: () => Promise<void>;
  readonly busy: boolean;
  /** Why the last "more" failed. */
  readonly error: unknown;
}

/**
 * A list read by `path(cursor)` (cursor null for the first page); reading it again (a change
 * of `deps`, `first.reload()`) starts over from the first page.
 */
export const useGrowingList = <T,>(path: (cursor: string | null) => string, deps: readonly unknown[]): GrowingList<T> => {
  const [extra, setExtra] = useState<{ items: readonly T[]; next: string | null } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const first = useLoad(async () => {
    const page = await api.get<ApiPage<T>>(path(null));
    setExtra(undefined);
    setError(undefined);
    return page;
  }, deps);
  const next = extra === undefined ? (first.data?.nextCursor ?? null) : extra.next;
  const more = async () => {
    if (next === null) return;
    setBusy(true);
    setError(undefined);
    try {
      const page = await api.get<ApiPage<T>>(path(next));
      setExtra((current) => ({ items: [...(current?.items ?? []), ...page.items], next: page.nextCursor }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  };
  return { first, items: [...(first.data?.items ?? []), ...(extra?.items ?? [])], next, more, busy, error };
};

/** "Show more" under a growing list while there is more, and why reading more failed. */
export const MoreButton = ({ list }: { list: Pick<GrowingList<unknown>, 'next' | 'more' | 'busy' | 'error'> }) => {
  const t = useTexts(texts);
  return (
    <>
      {list.error !== undefined && <ProblemMessage error={list.error} onRetry={() => void list.more()} />}
      {list.next !== null && (
        <div class="actions">
          <button type="button" class="button button--secondary" disabled={list.busy} onClick={() => void list.more()}>
            {list.busy ? t.loadingMore : t.more}
          </button>
        </div>
      )}
    </>
  );
};

export interface PagerProps {
  /** What the list is, for the navigation's name. */
  readonly label: string;
  /** Back to the first page; undefined on the first page. */
  readonly onFirst: (() => void) | undefined;
  readonly firstLabel: string;
  /** On to the next page; undefined on the last page. */
  readonly onNext: (() => void) | undefined;
  readonly nextLabel?: string;
}

/** A list shown one page at a time. */
export const Pager = ({ label, onFirst, firstLabel, onNext, nextLabel }: PagerProps) => {
  const t = useTexts(texts);
  return (
    <nav class="pager" aria-label={label}>
      {onFirst !== undefined && (
        <button type="button" class="button button--secondary" onClick={onFirst}>
          {firstLabel}
        </button>
      )}
      {onNext !== undefined && (
        <button type="button" class="button button--secondary" onClick={onNext}>
          {nextLabel ?? t.next}
        </button>
      )}
    </nav>
  );
};

export interface PagedList<T> {
  /** The page shown: for `<Loaded>`. */
  readonly page: Loaded<ApiPage<T>>;
  /** Whether the page shown is the first. */
  readonly atStart: boolean;
  /** For `<Pager>`. */
  readonly pager: Pick<PagerProps, 'onFirst' | 'onNext'>;
}

/**
 * `path` read one page at a time with `filters` as its query (empty ones left out); a change
 * of the filters starts again from the first page.
 */
export const usePagedList = <T,>(path: string, filters: Readonly<Record<string, string>>, limit = 25): PagedList<T> => {
  const key = JSON.stringify(filters);
  const [at, setAt] = useState<{ key: string; cursor: string | undefined }>({ key, cursor: undefined });
  const cursor = at.key === key ? at.cursor : undefined;
  const page = useLoad(() => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
    query.set('limit', String(limit));
    if (cursor !== undefined) query.set('cursor', cursor);
    return api.get<ApiPage<T>>(`${path}?${query.toString()}`);
  }, [path, key, limit, cursor]);
  const next = page.data?.nextCursor ?? null;
  return {
    page,
    atStart: cursor === undefined,
    pager: {
      onFirst: cursor === undefined ? undefined : () => setAt({ key, cursor: undefined }),
      onNext: next === null ? undefined : () => setAt({ key, cursor: next }),
    },
  };
};
