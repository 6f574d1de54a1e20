/**
 * Every API error in words a customer understands, in both languages. Pages show them with
 * `<ProblemMessage>`; field errors appear beside their fields (components/form.tsx).
 */
import { ApiError, NetworkError } from './api';
import type { Lang } from './i18n';

const byStatus: Record<Lang, Record<number, string>> = {
  ru: {
    400: 'Запрос не удалось прочитать. Обновите страницу и попробуйте ещё раз.',
    401: 'Сеанс закончился. Войдите снова.',
    403: 'Это действие вам недоступно.',
    404: 'Ничего не нашлось. Возможно, ссылка устарела.',
    409: 'Это уже изменилось или сейчас недоступно. Обновите страницу.',
    413: 'Слишком много данных за один раз. Сократите текст.',
    415: 'Запрос не удалось прочитать. Обновите страницу и попробуйте ещё раз.',
    422: 'Проверьте выделенные поля.',
    429: 'Слишком много попыток. Подождите немного и попробуйте снова.',
    500: 'У нас что-то сломалось. Ваши данные в порядке; попробуйте ещё раз через минуту.',
  },
  en: {
    400: 'We could not read that request. Please reload the page and try again.',
    401: 'Your session has ended. Please sign in again.',
    403: 'You cannot do that.',
    404: 'We could not find that. The link may be out of date.',
    409: 'That has already changed or is not possible now. Please reload the page.',
    413: 'That is too much at once. Please shorten the text.',
    415: 'We could not read that request. Please reload the page and try again.',
    422: 'Please check the highlighted fields.',
    429: 'Too many attempts. Please wait a little and try again.',
    500: 'Something broke on our side. Your data is safe; please try again in a minute.',
  },
};

const offline: Record<Lang, string> = {
  ru: 'Не удаётся связаться с сервером. Проверьте подключение к интернету.',
  en: 'We cannot reach the server. Please check your internet connection.',
};

const wait: Record<Lang, (minutes: number) => string> = {
  ru: (m) => `Попробуйте снова через ${m} мин.`,
  en: (m) => `Please try again in ${m} min.`,
};

/** An error a page words itself (e.g. "Wrong email or password"), shown as it is. */
export class Refusal extends Error {
  override readonly name = 'Refusal';
}

/** The sentence for an error thrown by `api` (or anything else). */
export const describeError = (error: unknown, lang: Lang): string => {
  if (error instanceof Refusal) return error.message;
  if (error instanceof NetworkError) return offline[lang];
  if (!(error instanceof ApiError)) return byStatus[lang][500] ?? '';
  const status = error.problem.status;
  const words = byStatus[lang][status] ?? byStatus[lang][status >= 500 ? 500 : 400] ?? '';
  if (status === 429 && error.retryAfter !== undefined) return `${words} ${wait[lang](Math.max(1, Math.ceil(error.retryAfter / 60)))}`;
  return words;
};

/**
 * A field's message in the visitor's language. The API's field messages are English phrases
 * ("must be a valid email"); the common ones are translated, the rest shown as they are.
 */
const russian: readonly [RegExp, string][] = [
  [/is not a known field/, 'поле не ожидалось'],
  [/postal code|six digits/i, 'введите почтовый индекс из шести цифр'],
  [/at most (\d+) characters/i, 'не длиннее $1 символов'],
  [/required|expected .*, received undefined/i, 'обязательное поле'],
  [/email/i, 'введите адрес электронной почты, например name@example.com'],
  [/E\.164|phone/i, 'введите телефон в международном формате, например +79161234567'],
  [/at least (\d+) characters/i, 'не короче $1 символов'],
  [/lower-case/i, 'нужна строчная буква'],
  [/upper-case/i, 'нужна заглавная буква'],
  [/contain a digit/i, 'нужна цифра'],
  [/contain a symbol/i, 'нужен символ, например ! или #'],
  [/too_big|at most|too long|<=/i, 'слишком длинно'],
  [/too_small|>=/i, 'слишком коротко или мало'],
  [/code|wrong or expired/i, 'неверный или устаревший код'],
  [/not the current password/i, 'это не ваш текущий пароль'],
  [/must not be empty/i, 'заполните это поле'],
];

export const fieldMessage = (message: string, lang: Lang): string => {
  if (lang === 'en') return message;
  for (const [pattern, words] of russian) {
    const match = pattern.exec(message);
    if (match !== null) return words.replace('$1', match[1] ?? '');
  }
  return message;
};
