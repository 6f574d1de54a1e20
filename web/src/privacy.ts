/**
 * What the customer pages and the console both say about consents and personal data requests:
 * the purposes of processing, the kinds and states of a request, and the published legal
 * documents (GET /v1/legal/documents). Their words live here once, so a customer and an
 * operator read the same name for the same thing.
 */
import { api } from './api';
import type { Lang } from './i18n';

/** The purposes of processing, each with its own consent (policy 1.2). */
export const purposes = ['personal_data_processing', 'advertising', 'personalization', 'loyalty_program'] as const;
export type Purpose = (typeof purposes)[number];

/** The consent an account cannot do without. */
export const requiredPurpose: Purpose = 'personal_data_processing';

export const isPurpose = (purpose: string | undefined): purpose is Purpose => purpose !== undefined && (purposes as readonly string[]).includes(purpose);

/** A purpose in a few words (the consent forms use longer ones: pages/sign-up.tsx `purposeTexts`). */
export const purposeWords: Readonly<Record<Lang, Readonly<Record<Purpose, string>>>> = {
  ru: {
    personal_data_processing: 'Регистрация, заказы и служебные сообщения',
    advertising: 'Реклама и информационные рассылки',
    personalization: 'Анализ покупок и персональные рекомендации',
    loyalty_program: 'Программа лояльности',
  },
  en: {
    personal_data_processing: 'Registration, orders and service messages',
    advertising: 'Advertising and informational newsletters',
    personalization: 'Purchase analysis and personal recommendations',
    loyalty_program: 'Loyalty programme',
  },
};

/** The kinds of personal data request (152-FZ Art. 14, 20, 21; lambdas/domain/privacy). */
export const requestTypes = ['access', 'rectify', 'block', 'destroy', 'stop_processing', 'withdraw_consent'] as const;
export type RequestType = (typeof requestTypes)[number];

export const requestStatuses = ['RECEIVED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REJECTED'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** A request's state in words. */
export const requestStatusWords: Readonly<Record<Lang, Readonly<Record<RequestStatus, string>>>> = {
  ru: { RECEIVED: 'Получен', IN_PROGRESS: 'В работе', EXTENDED: 'Срок продлён', COMPLETED: 'Выполнен', REJECTED: 'Отклонён' },
  en: { RECEIVED: 'Received', IN_PROGRESS: 'In progress', EXTENDED: 'Deadline extended', COMPLETED: 'Completed', REJECTED: 'Rejected' },
};

/** A request as both lists show it (GET /v1/me/privacy-requests, GET /v1/admin/privacy-requests). */
export interface PrivacyRequestSummary {
  readonly requestId: string;
  readonly type: RequestType;
  readonly status: RequestStatus;
  readonly receivedAt: string;
  readonly dueBy: string;
  readonly overdue: boolean;
  readonly extended: boolean;
  readonly details: string | null;
  readonly purposes: readonly Purpose[] | null;
}

export interface LegalDocument {
  readonly purpose?: string;
  readonly version: string;
  readonly title: string;
  readonly text: string;
  readonly sha256: string;
}

export interface LegalDocuments {
  readonly privacyPolicy: LegalDocument;
  readonly consents: readonly LegalDocument[];
}

/** The privacy policy and the consent documents, as published. */
export const loadLegalDocuments = (): Promise<LegalDocuments> => api.get<LegalDocuments>('/v1/legal/documents', { anonymous: true });
