/**
 * Service messages about a customer's privacy request (policy 1.2.1), in the customer's language: received with its due
 * date, extended with the reason (152-FZ Art. 14 part 3 requires a reasoned notice), completed
 * with the resolution, rejected with the reason. They cannot be refused (policy 1.3.2).
 *
 * And the operators' summary of the deadline watch: request ids, types and due dates only — no
 * customer's name, email or any other personal data travels to the operations mailbox.
 */
import { moscowDate } from '../privacy/working-days';
import type { OutboundMessage } from './outbound-message';
import { emailHtml } from './templates/html';
import type { Locale } from './templates/locale';

type Notice = Pick<OutboundMessage, 'subject' | 'text' | 'html'>;

const typeNames: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    access: 'access to your personal data',
    rectify: 'rectification of your personal data',
    block: 'blocking of your personal data',
    destroy: 'destruction of your personal data',
    stop_processing: 'stopping the processing of your personal data',
    withdraw_consent: 'withdrawal of your consent',
  },
  ru: {
    access: 'о доступе к вашим персональным данным',
    rectify: 'об уточнении ваших персональных данных',
    block: 'о блокировании ваших персональных данных',
    destroy: 'об уничтожении ваших персональных данных',
    stop_processing: 'о прекращении обработки ваших персональных данных',
    withdraw_consent: 'об отзыве вашего согласия',
  },
};

const what = (locale: Locale, type: string) => typeNames[locale][type] ?? type;
/** A due date as the Moscow calendar date it ends on (the end of that day, Moscow time). */
const day = (locale: Locale, iso: string) =>
  locale === 'ru' ? `${moscowDate(new Date(iso))} (до конца дня по московскому времени)` : `${moscowDate(new Date(iso))} (end of day, Moscow time)`;

/** The text is the lines as they are; the HTML part has one paragraph per line. */
const email = (locale: Locale, subject: string, lines: readonly string[]): Notice => ({
  subject,
  text: lines.join('\n'),
  html: emailHtml(locale, subject, lines),
});

export const privacyNotices = {
  received: (locale: Locale, requestId: string, type: string, dueBy: string): Notice =>
    locale === 'ru'
      ? email(locale, 'Мы получили ваш запрос о персональных данных', [
          `Мы получили ваш запрос ${what(locale, type)} (запрос ${requestId}).`,
          `Мы выполним его до ${day(locale, dueBy)}, как требует закон о персональных данных (152-ФЗ).`,
          'Следить за его статусом можно в личном кабинете.',
        ])
      : email(locale, 'We received your personal data request', [
          `We received your request for ${what(locale, type)} (request ${requestId}).`,
          `We will complete it by ${day(locale, dueBy)}, as the law on personal data (152-FZ) requires.`,
          'You can follow its status in your account.',
        ]),
  extended: (locale: Locale, requestId: string, type: string, dueBy: string, reason: string): Notice =>
    locale === 'ru'
      ? email(locale, 'Вашему запросу о персональных данных нужно больше времени', [
          `Вашему запросу ${what(locale, type)} (запрос ${requestId}) нужно больше времени по такой причине:\n${reason}`,
          `Закон допускает одно продление; мы выполним запрос до ${day(locale, dueBy)}.`,
        ])
      : email(locale, 'Your personal data request needs more time', [
          `Your request for ${what(locale, type)} (request ${requestId}) needs more time, for this reason:\n${reason}`,
          `The law allows one extension; we will complete it by ${day(locale, dueBy)}.`,
        ]),
  completed: (locale: Locale, requestId: string, type: string, resolution: string): Notice =>
    locale === 'ru'
      ? email(locale, 'Ваш запрос о персональных данных выполнен', [`Ваш запрос ${what(locale, type)} (запрос ${requestId}) выполнен:\n${resolution}`])
      : email(locale, 'Your personal data request is completed', [`Your request for ${what(locale, type)} (request ${requestId}) is completed:\n${resolution}`]),
  rejected: (locale: Locale, requestId: string, type: string, reason: string): Notice =>
    locale === 'ru'
      ? email(locale, 'В вашем запросе о персональных данных отказано', [
          `Мы отказали в вашем запросе ${what(locale, type)} (запрос ${requestId}) по такой причине:\n${reason}`,
          'Вы можете обжаловать отказ в Роскомнадзоре (rkn.gov.ru) или в суде либо написать на info@imobook.ru.',
        ])
      : email(locale, 'Your personal data request was refused', [
          `We refused your request for ${what(locale, type)} (request ${requestId}), for this reason:\n${reason}`,
          'You may appeal to Roskomnadzor (rkn.gov.ru) or to a court, or write to info@imobook.ru.',
        ]),
};

export interface DeadlineAlert {
  readonly requestId: string;
  readonly type: string;
  readonly dueBy: string;
  readonly flag: 'overdue' | 'due_soon';
}

/** The operators' summary: ids, types and due dates only; in English, for operations. */
export const deadlineSummary = (alerts: readonly DeadlineAlert[]): Notice => {
  const overdue = alerts.filter((a) => a.flag === 'overdue');
  const soon = alerts.filter((a) => a.flag === 'due_soon');
  const line = (a: DeadlineAlert) => `- ${a.requestId}  ${a.type}  due ${a.dueBy}`;
  return {
    subject: `Privacy requests: ${overdue.length} overdue, ${soon.length} due within 2 working days`,
    text: [
      'Privacy requests newly past or near their legal deadline (152-FZ). Act on them in the operators\' queue.',
      '',
      `Overdue (${overdue.length}):`,
      ...(overdue.length === 0 ? ['- none'] : overdue.map(line)),
      '',
      `Due within 2 working days (${soon.length}):`,
      ...(soon.length === 0 ? ['- none'] : soon.map(line)),
    ].join('\n'),
  };
};
