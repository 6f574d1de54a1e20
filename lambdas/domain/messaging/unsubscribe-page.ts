/**
 * The page the unsubscribe link opens: plain, both languages, no script, no style, no tracking.
 */
import type { OptionalCategory, SubscriptionChannel } from './permissions';

const channelNames: Record<SubscriptionChannel, { ru: string; en: string }> = {
  email: { ru: 'по электронной почте', en: 'by email' },
  sms: { ru: 'по SMS', en: 'by SMS' },
  push: { ru: 'push-уведомлениями', en: 'as push notifications' },
};

const categoryNames: Record<OptionalCategory, { ru: string; en: string }> = {
  advertising: { ru: 'рекламные сообщения', en: 'advertising messages' },
  informational: { ru: 'информационные сообщения', en: 'informational messages' },
};

const page = (title: string, paragraphs: readonly string[]) =>
  `<!doctype html>\n<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${title}</title></head><body><main>` +
  paragraphs.map((p, i) => (i === 0 ? `<h1>${p}</h1>` : `<p>${p}</p>`)).join('') +
  `</main></body></html>\n`;

export const unsubscribedPage = (channel: SubscriptionChannel, category: OptionalCategory): string =>
  page('Вы отписались — Unsubscribed', [
    'Вы отписались — You are unsubscribed',
    `Мы больше не будем присылать вам ${categoryNames[category].ru} ${channelNames[channel].ru}. Это действует сразу; наши подрядчики по рассылкам получат изменение в течение часа, и не позднее чем через 3 дня, как сказано в политике конфиденциальности.`,
    `We will no longer send you ${categoryNames[category].en} ${channelNames[channel].en}. This takes effect at once; our mailing contractors get the change within the hour, and no later than 3 days as the privacy policy says.`,
    'Служебные сообщения о заказах и учётной записи приходят по-прежнему. Настройки подписок — в личном кабинете. — Service messages about orders and your account still come. Subscription settings are in your account.',
  ]);

export const invalidLinkPage = (why: 'invalid' | 'expired'): string =>
  page('Ссылка не действует — Link not valid', [
    why === 'expired' ? 'Ссылка устарела — This link has expired' : 'Ссылка не действует — This link is not valid',
    'Отписаться можно в личном кабинете, в разделе настроек подписок, или по ссылке из более нового письма.',
    'You can unsubscribe in your account, under subscription settings, or with the link in a newer message.',
  ]);
