/**
 * A page's frame: its title in the tab and as the one `<h1>`, which takes focus when the page
 * opens so a screen reader announces where the visitor is.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export const Page = ({ title, children, wide }: { title: string; children?: ComponentChildren; wide?: boolean }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — folio`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div class={wide === true ? 'page page--wide' : 'page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
};

/** A titled part of a page. */
export const Section = ({ title, children, id }: { title: string; children?: ComponentChildren; id?: string }) => (
  <section class="section" aria-labelledby={id === undefined ? undefined : `${id}-title`}>
    <h2 id={id === undefined ? undefined : `${id}-title`}>{title}</h2>
    {children}
  </section>
);
