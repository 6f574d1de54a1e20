/**
 * A message that outlives the page that made it, shown above the next one until the visitor
 * moves on or dismisses it: the farewell after closing the account, for instance, whose page is
 * gone once the session has ended.
 */
import { useTexts } from './i18n';
import { currentLocation } from './router';
import { createStore, useStore } from './store';

export interface FlashMessage {
  readonly kind: 'success' | 'info' | 'warning';
  readonly title: string;
  readonly lines: readonly string[];
}

const flash = createStore<FlashMessage | undefined>(undefined);

/** Shows the message on the page at `path` (the one being navigated to) until the visitor leaves it. */
export const showFlash = (message: FlashMessage, path: string): void => {
  flash.set(message);
  const stop = currentLocation.subscribe((to) => {
    if (new URL(to, window.location.origin).pathname === path) return;
    flash.set(undefined);
    stop();
  });
};

const texts = { ru: { dismiss: 'Закрыть сообщение' }, en: { dismiss: 'Dismiss this message' } };

export const Flash = () => {
  const message = useStore(flash);
  const t = useTexts(texts);
  if (message === undefined) return null;
  return (
    <div class={`notice notice--${message.kind} flash`} role="status">
      <p class="notice__title">{message.title}</p>
      {message.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" class="button button--secondary button--small" onClick={() => flash.set(undefined)}>
        {t.dismiss}
      </button>
    </div>
  );
};
