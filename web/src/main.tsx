/** The pages start here: read the configuration, start the session worker, show the app. */
import { render } from 'preact';
import type { WebConfig } from '../../system/web';
import { App } from './app';
import { startLanguage } from './i18n';
import { startSession } from './session/session';

const start = async () => {
  startLanguage();
  const config = (await (await fetch('/config.json', { cache: 'no-store' })).json()) as WebConfig;
  await startSession(config.apiBaseUrl);
  const root = document.getElementById('app');
  if (root === null) return;
  root.replaceChildren();
  render(<App />, root);
};

void start();
