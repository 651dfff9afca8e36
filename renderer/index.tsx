// Entry point of the page (bundled to dist/renderer/app.js).
import './zodConfig'; // must stay first
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initBridge } from './bridge';
import { initI18n } from './i18n/setup';
import { App } from './App';

async function start(): Promise<void> {
  initBridge();
  await initI18n('zh-CN'); // the saved language is applied as soon as settings load
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void start();
