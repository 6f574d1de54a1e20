/**
 * Where a console list opens the row an operator chose (an order, a request): the row's button
 * names this panel's id in `aria-controls`; the panel shows the record and a "Close" button.
 */
import type { ComponentChildren } from 'preact';
import { useTexts } from '../i18n';

const texts = { ru: { close: 'Закрыть' }, en: { close: 'Close' } };

export const SelectedPanel = ({ id, open, onClose, children }: { id: string; open: boolean; onClose: () => void; children?: ComponentChildren }) => {
  const t = useTexts(texts);
  return (
    <div id={id}>
      {open && (
        <>
          {children}
          <button type="button" class="button button--secondary" onClick={onClose}>
            {t.close}
          </button>
        </>
      )}
    </div>
  );
};
