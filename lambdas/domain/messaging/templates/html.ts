/**
 * The HTML part of every service email: one simple, accessible layout (a language attribute, a
 * title, one heading, readable paragraphs, no images, no tracking, no scripts), built from the
 * same paragraphs as the plain text. Every value is HTML-escaped where it is inserted.
 */
import type { Locale } from './locale';

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (char) => entities[char] ?? char);

/** Lines of one paragraph keep their breaks. */
const paragraph = (text: string) => `<p style="margin:0 0 16px 0">${text.split('\n').map(escapeHtml).join('<br>')}</p>`;

/** A footer line, optionally ending in a link (an advertising email's unsubscribe link). */
export type EmailFooter = string | { readonly text: string; readonly link: { readonly label: string; readonly href: string } };

const footerHtml = (footer: EmailFooter): string =>
  typeof footer === 'string'
    ? escapeHtml(footer)
    : `${escapeHtml(footer.text)} <a href="${escapeHtml(footer.link.href)}" style="color:#555555">${escapeHtml(footer.link.label)}</a>`;

export const emailHtml = (locale: Locale, subject: string, paragraphs: readonly string[], footer?: EmailFooter): string =>
  [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    '<div role="article" style="max-width:600px;margin:0 auto;padding:24px">',
    '<p style="margin:0 0 16px 0;font-weight:bold;color:#444444">imobook.ru</p>',
    `<h1 style="margin:0 0 16px 0;font-size:22px;line-height:1.3">${escapeHtml(subject)}</h1>`,
    ...paragraphs.filter((p) => p.length > 0).map(paragraph),
    ...(footer === undefined ? [] : [`<p style="margin:24px 0 0 0;font-size:13px;color:#555555">${footerHtml(footer)}</p>`]),
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
