/** Money and dates as the visitor reads them. */
import { formatDate, formatMoney, useLang } from '../i18n';

export const Money = ({ minor, currency = 'RUB' }: { minor: number; currency?: string }) => {
  const lang = useLang();
  return <span class="money">{formatMoney(minor, currency, lang)}</span>;
};

export const DateText = ({ iso, withTime }: { iso: string; withTime?: boolean }) => {
  const lang = useLang();
  return <time dateTime={iso}>{formatDate(iso, lang, withTime === true)}</time>;
};
