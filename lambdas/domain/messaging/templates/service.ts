/**
 * The service messages made from domain events (policy 1.3.2: order status, the basket,
 * favourites, loyalty status), in Russian and English: an email (subject, plain text, HTML), an
 * SMS where the event has one (at most two parts with any inserted value: test/unit/templates.test.ts
 * proves it), and a push (title and a short body). They carry ids, statuses, counts, amounts and
 * book titles — never a password, code, token, name or address.
 */
import { emailHtml } from './html';
import { type Locale, bookCount, formatRoubles } from './locale';

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface PushContent {
  readonly title: string;
  readonly body: string;
}

export interface ServiceContent {
  readonly email: EmailContent;
  /** Only for the events whose SMS the dispatcher sends (order placed, order status, loyalty tier). */
  readonly sms?: string;
  readonly push: PushContent;
}

const footers: Readonly<Record<Locale, string>> = {
  ru: 'Это служебное сообщение о ваших заказах и аккаунте на imobook.ru; оно приходит независимо от подписок на рассылки.',
  en: 'This is a service message about your imobook.ru orders and account; it is sent whatever your newsletter subscriptions.',
};

/** An email from its paragraphs: the same words in the plain text and the HTML. */
export const serviceEmail = (locale: Locale, subject: string, paragraphs: readonly string[], footer = footers[locale]): EmailContent => ({
  subject,
  text: [...paragraphs, footer].join('\n\n'),
  html: emailHtml(locale, subject, paragraphs, footer),
});

/** The short reference an SMS and a push use: the start of the order id (the email has it whole). */
export const orderRef = (orderId: string): string => orderId.slice(0, 8);

/** A book title shortened for a push. */
const short = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

// ---------------------------------------------------------------------------------------------

export interface OrderPlacedFacts {
  readonly orderId: string;
  readonly itemCount: number;
  readonly totalMinor: number;
}

export const orderPlaced = (locale: Locale, f: OrderPlacedFacts): ServiceContent => {
  const total = formatRoubles(f.totalMinor, locale);
  const books = bookCount(f.itemCount, locale);
  const ref = orderRef(f.orderId);
  if (locale === 'ru') {
    return {
      email: serviceEmail(locale, 'Ваш заказ на imobook.ru оформлен', [
        `Спасибо! Мы приняли ваш заказ ${f.orderId}: ${books} на сумму ${total}.`,
        'Мы сообщим, когда заказ будет подтверждён. Следить за ним можно в личном кабинете.',
      ]),
      sms: `imobook.ru: заказ ${ref} оформлен, ${books} на ${total}. Сообщим, когда он будет подтверждён.`,
      push: { title: 'Заказ оформлен', body: `Заказ ${ref}: ${books} на ${total}.` },
    };
  }
  return {
    email: serviceEmail(locale, 'Your imobook.ru order is placed', [
      `Thank you! We received your order ${f.orderId}: ${books} for ${total}.`,
      'We will tell you when the order is confirmed. You can follow it in your account.',
    ]),
    sms: `imobook.ru: order ${ref} is placed, ${books} for ${total}. We will tell you when it is confirmed.`,
    push: { title: 'Order placed', body: `Order ${ref}: ${books} for ${total}.` },
  };
};

// ---------------------------------------------------------------------------------------------

export const announcedStatuses = ['CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type AnnouncedStatus = (typeof announcedStatuses)[number];

interface StatusWords {
  readonly subject: string;
  readonly line: (orderId: string) => string;
  readonly sms: (ref: string) => string;
  readonly title: string;
  readonly push: (ref: string) => string;
}

const statusWords: Readonly<Record<Locale, Readonly<Record<AnnouncedStatus, StatusWords>>>> = {
  ru: {
    CONFIRMED: {
      subject: 'Ваш заказ на imobook.ru подтверждён',
      line: (id) => `Заказ ${id} подтверждён, мы собираем его.`,
      sms: (ref) => `imobook.ru: заказ ${ref} подтверждён, мы собираем его.`,
      title: 'Заказ подтверждён',
      push: (ref) => `Заказ ${ref} подтверждён, мы собираем его.`,
    },
    SHIPPED: {
      subject: 'Ваш заказ на imobook.ru отправлен',
      line: (id) => `Заказ ${id} отправлен и едет к вам.`,
      sms: (ref) => `imobook.ru: заказ ${ref} отправлен и едет к вам.`,
      title: 'Заказ отправлен',
      push: (ref) => `Заказ ${ref} отправлен и едет к вам.`,
    },
    DELIVERED: {
      subject: 'Ваш заказ на imobook.ru доставлен',
      line: (id) => `Заказ ${id} доставлен. Приятного чтения!`,
      sms: (ref) => `imobook.ru: заказ ${ref} доставлен. Приятного чтения!`,
      title: 'Заказ доставлен',
      push: (ref) => `Заказ ${ref} доставлен. Приятного чтения!`,
    },
    CANCELLED: {
      subject: 'Ваш заказ на imobook.ru отменён',
      line: (id) => `Заказ ${id} отменён. Если у вас есть вопросы, напишите на info@imobook.ru.`,
      sms: (ref) => `imobook.ru: заказ ${ref} отменён. Вопросы: info@imobook.ru`,
      title: 'Заказ отменён',
      push: (ref) => `Заказ ${ref} отменён.`,
    },
  },
  en: {
    CONFIRMED: {
      subject: 'Your imobook.ru order is confirmed',
      line: (id) => `Your order ${id} is confirmed and is being prepared.`,
      sms: (ref) => `imobook.ru: your order ${ref} is confirmed and is being prepared.`,
      title: 'Order confirmed',
      push: (ref) => `Order ${ref} is confirmed and is being prepared.`,
    },
    SHIPPED: {
      subject: 'Your imobook.ru order is on its way',
      line: (id) => `Your order ${id} has been shipped and is on its way to you.`,
      sms: (ref) => `imobook.ru: your order ${ref} has been shipped and is on its way.`,
      title: 'Order shipped',
      push: (ref) => `Order ${ref} has been shipped and is on its way.`,
    },
    DELIVERED: {
      subject: 'Your imobook.ru order is delivered',
      line: (id) => `Your order ${id} has been delivered. Enjoy your reading!`,
      sms: (ref) => `imobook.ru: your order ${ref} has been delivered. Enjoy your reading!`,
      title: 'Order delivered',
      push: (ref) => `Order ${ref} has been delivered. Enjoy your reading!`,
    },
    CANCELLED: {
      subject: 'Your imobook.ru order is cancelled',
      line: (id) => `Your order ${id} was cancelled. If you have questions, write to info@imobook.ru.`,
      sms: (ref) => `imobook.ru: your order ${ref} was cancelled. Questions: info@imobook.ru`,
      title: 'Order cancelled',
      push: (ref) => `Order ${ref} was cancelled.`,
    },
  },
};

export const isAnnouncedStatus = (status: unknown): status is AnnouncedStatus =>
  typeof status === 'string' && (announcedStatuses as readonly string[]).includes(status);

export const orderStatusChanged = (locale: Locale, f: { readonly orderId: string; readonly to: AnnouncedStatus }): ServiceContent => {
  const words = statusWords[locale][f.to];
  const ref = orderRef(f.orderId);
  const follow = locale === 'ru' ? 'Следить за заказом можно в личном кабинете.' : 'You can follow the order in your account.';
  return {
    email: serviceEmail(locale, words.subject, [words.line(f.orderId), follow]),
    sms: words.sms(ref),
    push: { title: words.title, body: words.push(ref) },
  };
};

// ---------------------------------------------------------------------------------------------

export const basketReminder = (locale: Locale, f: { readonly itemCount: number }): ServiceContent => {
  const books = bookCount(f.itemCount, locale);
  if (locale === 'ru') {
    return {
      email: serviceEmail(locale, 'Книги ждут вас в корзине на imobook.ru', [
        `В вашей корзине на imobook.ru остались книги: ${books}.`,
        'Оформить заказ можно в любой момент; цены в корзине — текущие цены магазина.',
      ]),
      push: { title: 'Книги ждут вас', body: `В корзине: ${books}.` },
    };
  }
  return {
    email: serviceEmail(locale, 'Books are waiting in your imobook.ru basket', [
      `You left books in your imobook.ru basket: ${books}.`,
      'You can place the order at any time; the basket shows the store\'s current prices.',
    ]),
    push: { title: 'Books are waiting', body: `In your basket: ${books}.` },
  };
};

// ---------------------------------------------------------------------------------------------

export interface PriceDropFacts {
  readonly title: string;
  readonly oldPriceMinor: number;
  readonly newPriceMinor: number;
}

export const priceDrop = (locale: Locale, f: PriceDropFacts): ServiceContent => {
  const was = formatRoubles(f.oldPriceMinor, locale);
  const now = formatRoubles(f.newPriceMinor, locale);
  if (locale === 'ru') {
    return {
      email: serviceEmail(locale, `Книга из избранного подешевела: ${f.title}`, [
        `Книга «${f.title}» из вашего избранного теперь стоит ${now} вместо ${was}.`,
        'Цена действует, пока её не изменят; в заказ попадает цена на момент оформления.',
      ]),
      push: { title: 'Цена снижена', body: `«${short(f.title, 60)}»: ${now} вместо ${was}.` },
    };
  }
  return {
    email: serviceEmail(locale, `A book in your favourites is cheaper: ${f.title}`, [
      `"${f.title}" from your favourites now costs ${now} instead of ${was}.`,
      'The price holds until it is changed; an order gets the price of the moment it is placed.',
    ]),
    push: { title: 'Price drop', body: `"${short(f.title, 60)}": ${now} instead of ${was}.` },
  };
};

// ---------------------------------------------------------------------------------------------

const tierNames: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  ru: { bronze: 'Бронзовый', silver: 'Серебряный', gold: 'Золотой' },
  en: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' },
};

/** A tier's name in the language; an unknown tier (configuration changed) reads as its id. */
export const tierName = (tier: string, locale: Locale): string => tierNames[locale][tier] ?? tier;

export const loyaltyTierAssigned = (locale: Locale, f: { readonly tier: string }): ServiceContent => {
  const tier = tierName(f.tier, locale);
  if (locale === 'ru') {
    return {
      email: serviceEmail(locale, `Ваш уровень в программе лояльности imobook.ru: ${tier}`, [
        `Ваш уровень в программе лояльности imobook.ru теперь «${tier}».`,
        'Уровень считается по сумме доставленных заказов. Подробности — в личном кабинете.',
      ]),
      sms: `imobook.ru: ваш уровень в программе лояльности теперь «${tier}». Подробности в личном кабинете.`,
      push: { title: 'Новый уровень лояльности', body: `Ваш уровень теперь «${tier}».` },
    };
  }
  return {
    email: serviceEmail(locale, `Your imobook.ru loyalty tier is now ${tier}`, [
      `Your tier in the imobook.ru loyalty programme is now ${tier}.`,
      'The tier follows from the total of your delivered orders. See your account for details.',
    ]),
    sms: `imobook.ru: your loyalty tier is now ${tier}. See your account for details.`,
    push: { title: 'New loyalty tier', body: `Your tier is now ${tier}.` },
  };
};
