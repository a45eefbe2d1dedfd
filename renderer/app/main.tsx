/** The renderer entry: translations first, then the React root. */
import '@mantine/core/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n';
import { App } from './App';
import { Providers } from './Providers';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

void initI18n(navigator.language.slice(0, 2)).then((i18n) => {
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
