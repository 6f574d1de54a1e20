/**
 * Service messages about a customer's privacy request (policy 1.2.1): received with its due
 * date, extended with the reason (152-FZ Art. 14 part 3 requires a reasoned notice), completed
 * with the resolution, rejected with the reason. They cannot be refused (policy 1.3.2).
 *
 * And the operators' summary of the deadline watch: request ids, types and due dates only — no
 * customer's name, email or any other personal data travels to the operations mailbox.
 */
import { moscowDate } from '../privacy/working-days';
import type { OutboundMessage } from './outbound-message';

type Notice = Pick<OutboundMessage, 'subject' | 'text'>;

const typeNames: Readonly<Record<string, string>> = {
  access: 'access to your personal data',
  rectify: 'rectification of your personal data',
  block: 'blocking of your personal data',
  destroy: 'destruction of your personal data',
  stop_processing: 'stopping the processing of your personal data',
  withdraw_consent: 'withdrawal of your consent',
};

const what = (type: string) => typeNames[type] ?? type;
/** A due date as the Moscow calendar date it ends on (the end of that day, Moscow time). */
const day = (iso: string) => `${moscowDate(new Date(iso))} (end of day, Moscow time)`;

export const privacyNotices = {
  received: (requestId: string, type: string, dueBy: string): Notice => ({
    subject: 'We received your personal data request',
    text:
      `We received your request for ${what(type)} (request ${requestId}).\n` +
      `We will complete it by ${day(dueBy)}, as the law on personal data (152-FZ) requires.\n` +
      'You can follow its status in your account.',
  }),
  extended: (requestId: string, type: string, dueBy: string, reason: string): Notice => ({
    subject: 'Your personal data request needs more time',
    text:
      `Your request for ${what(type)} (request ${requestId}) needs more time, for this reason:\n${reason}\n` +
      `The law allows one extension; we will complete it by ${day(dueBy)}.`,
  }),
  completed: (requestId: string, type: string, resolution: string): Notice => ({
    subject: 'Your personal data request is completed',
    text: `Your request for ${what(type)} (request ${requestId}) is completed:\n${resolution}`,
  }),
  rejected: (requestId: string, type: string, reason: string): Notice => ({
    subject: 'Your personal data request was refused',
    text:
      `We refused your request for ${what(type)} (request ${requestId}), for this reason:\n${reason}\n` +
      'You may appeal to Roskomnadzor (rkn.gov.ru) or to a court, or write to info@imobook.ru.',
  }),
};

export interface DeadlineAlert {
  readonly requestId: string;
  readonly type: string;
  readonly dueBy: string;
  readonly flag: 'overdue' | 'due_soon';
}

/** The operators' summary: ids, types and due dates only. */
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
