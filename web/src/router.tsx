/**
 * Which page a path shows. The table is in routes.ts; this is the machinery: matching,
 * `<Link>`, `navigate()`, and the guard that sends a signed-out visitor to sign in first (and
 * back afterwards) or tells a customer that a console page is for operators.
 */
import type { ComponentChildren, FunctionComponent } from 'preact';
import { createStore, useStore } from './store';

export type Access = 'public' | 'guest' | 'customer' | 'operator';

export interface PageProps {
  /** Path parameters, e.g. `{ productId }` for `/books/:productId`. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string. */
  readonly query: URLSearchParams;
}

export interface PageRoute {
  readonly path: string;
  /** public: anyone; guest: pages for the signed out (sign-in, sign-up); customer and operator need a session. */
  readonly access: Access;
  readonly page: FunctionComponent<PageProps>;
}

export const currentLocation = createStore<string>(window.location.pathname + window.location.search);

window.addEventListener('popstate', () => currentLocation.set(window.location.pathname + window.location.search));

export const navigate = (to: string, options: { replace?: boolean } = {}): void => {
  if (options.replace === true) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  currentLocation.set(to);
  window.scrollTo(0, 0);
};

export const useLocation = (): { path: string; query: URLSearchParams } => {
  const current = useStore(currentLocation);
  const url = new URL(current, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
};

const compiled = new Map<string, RegExp>();
const patternOf = (path: string): RegExp => {
  let pattern = compiled.get(path);
  if (pattern === undefined) {
    // `*` is the last entry of the table: every path no other page claims.
    pattern =
      path === '*'
        ? /^/
        : new RegExp(`^${path.replace(/\//g, '\\/').replace(/:(\w+)/g, '(?<$1>[^/]+)')}\\/?$`);
    compiled.set(path, pattern);
  }
  return pattern;
};

export const matchRoute = (routes: readonly PageRoute[], path: string): { route: PageRoute; params: Record<string, string> } | undefined => {
  for (const route of routes) {
    const match = patternOf(route.path).exec(path);
    if (match !== null) {
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { route, params };
    }
  }
  return undefined;
};

interface LinkProps {
  readonly href: string;
  readonly children?: ComponentChildren;
  readonly class?: string;
  readonly 'aria-current'?: 'page' | undefined;
  readonly 'aria-label'?: string;
}

/** An in-app link: a real `<a href>` (open in a new tab works) that navigates without a reload. */
export const Link = ({ href, children, ...rest }: LinkProps) => (
  <a
    {...rest}
    href={href}
    onClick={(event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    }}
  >
    {children}
  </a>
);
