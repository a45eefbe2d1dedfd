/** The renderer entry: translations first, then the React root. */
import './zod-config';
import '@mantine/core/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { call } from '../api/vigil';
import { initI18n } from '../i18n';
import { startLanguage } from '../features/settings/language';
import { App } from './App';
import { Providers } from './Providers';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

// The saved language (settings exist before any vault is unlocked), else the system's.
void call('settings:get', {})
  .then((saved) => initI18n(startLanguage(saved.ok ? saved.value.language : null, navigator.language)))
  .then((i18n) => {
    document.documentElement.lang = i18n.language;
    document.documentElement.dir = i18n.dir();
    createRoot(container).render(
      <StrictMode>
        <Providers i18n={i18n}>
          <App />
        </Providers>
      </StrictMode>,
    );
  });
