// Entry point of the page (bundled to dist/renderer/app.js).
import './zodConfig'; // must stay first
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initBridge } from './bridge';
import { openWebSession } from './bridge/webSession';
import { initI18n } from './i18n/setup';
import { App } from './App';
import { PageErrorBoundary } from './components/PageError';

async function start(): Promise<void> {
  // Web mode without a session: leave the server's notice (how to open the app) on screen.
  const webSecret = window.selfcheck ? null : await openWebSession();
  if (!window.selfcheck && webSecret === null) return;
  initBridge(webSecret);
  await initI18n('zh-CN'); // the saved language is applied as soon as settings load
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  root.replaceChildren(); // the no-session slot
  createRoot(root).render(
    <StrictMode>
      <PageErrorBoundary>
        <App />
      </PageErrorBoundary>
    </StrictMode>,
  );
}

void start();
