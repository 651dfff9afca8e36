// The bureau workspace's browser program (served by the collection server below /bureau).
import './zodConfig'; // must stay first
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';

void initI18n().then(() => {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<App />);
});
