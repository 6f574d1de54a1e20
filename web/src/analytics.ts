/**
 * Page views for the impersonal site statistics (POST /v1/events): the path without its query,
 * the referrer's origin, nothing that identifies the visitor (no token is sent: the call is
 * anonymous). Nothing at all is sent when the browser asks for Global Privacy Control.
 */
import { call } from './session/session';

export const globalPrivacyControl = (): boolean => (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

let lastPath: string | undefined;

export const recordPageView = (path: string): void => {
  if (globalPrivacyControl() || path === lastPath) return;
  const referrer = lastPath === undefined && document.referrer !== '' ? new URL(document.referrer).origin : undefined;
  lastPath = path;
  // Fire and forget: statistics never hold up or break a page.
  call({ method: 'POST', path: '/v1/events', body: { type: 'page_view', path, ...(referrer === undefined || referrer === window.location.origin ? {} : { referrer }) } }, false).catch(() => undefined);
};
