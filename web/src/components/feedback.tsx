/** Loading, errors and notices: how a page tells the visitor what is happening. */
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { describeError, fieldMessage } from '../errors';
import { useLang, useTexts } from '../i18n';

const texts = {
  ru: { loading: 'Загружаем…', retry: 'Попробовать снова', problemTitle: 'Не получилось' },
  en: { loading: 'Loading…', retry: 'Try again', problemTitle: 'That did not work' },
};

export const Loading = () => {
  const t = useTexts(texts);
  return (
    <p class="loading" role="status">
      {t.loading}
    </p>
  );
};

/**
 * An error in words: the sentence for its status and, for a 422, every field the API named
 * (with the page's label for it when the page gives one).
 */
export const ProblemMessage = ({ error, labels, onRetry }: { error: unknown; labels?: Readonly<Record<string, string>>; onRetry?: () => void }) => {
  const lang = useLang();
  const t = useTexts(texts);
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const labelOf = (path: string) => {
    const bare = path.replace(/^(body|query|header)\./, '');
    const key = Object.keys(labels ?? {}).find((name) => bare === name || bare.startsWith(`${name}.`));
    return key === undefined ? undefined : labels?.[key];
  };
  return (
    <div class="notice notice--error" role="alert">
      <p class="notice__title">{t.problemTitle}</p>
      <p>{describeError(error, lang)}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((field) => (
            <li key={field.path}>
              {labelOf(field.path) ?? field.path.replace(/^(body|query|header)\./, '')}: {fieldMessage(field.message, lang)}
            </li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && (
        <button type="button" class="button button--secondary" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
};

export const Notice = ({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children?: ComponentChildren }) => (
  <div class={`notice notice--${kind}`} role={kind === 'success' ? 'status' : undefined}>
    {children}
  </div>
);
