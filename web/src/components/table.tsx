/**
 * A table of records, the one way every page draws one: inside `.table-wrap` (at phone width
 * each row becomes a card whose cells are named by their `data-label`), a caption for screen
 * readers, and a header cell per column. A column without a visible heading (a row's buttons)
 * still has one for screen readers.
 */
import type { ComponentChildren } from 'preact';

export interface Column {
  readonly label: string;
  /** Read out but not shown: a column of buttons. */
  readonly hidden?: boolean;
}

export const Table = ({ caption, columns, class: className, children }: { caption: string; columns: readonly (string | Column)[]; class?: string; children?: ComponentChildren }) => (
  <div class="table-wrap">
    <table class={className}>
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => {
            const { label, hidden } = typeof column === 'string' ? { label: column, hidden: false } : column;
            return (
              <th key={label} scope="col">
                {hidden === true ? <span class="visually-hidden">{label}</span> : label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  </div>
);
