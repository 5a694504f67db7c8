// First: modules below may parse with zod while they load.
import './zod-jitless';
import { i18n, languageReady } from './i18n';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from './api/query-client';
import { App } from './App';
import { CurrentConnectionProvider } from './connections/current-connection';
import { initTheme } from './styles/theme';
import './styles/base.css';
import './styles/layout.css';
import './connections/connections.css';
import './subscriptions/subscriptions.css';
import './messages/messages.css';
import './topics/topics.css';
import './inspector/inspector.css';
import './payload-formats/payload-formats.css';
import './publish/publish.css';
import './ui/form-controls.css';
import './packets/packets.css';
import './profiles/profiles.css';

initTheme();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const paint = () =>
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={createQueryClient()}>
          <CurrentConnectionProvider>
            <App />
          </CurrentConnectionProvider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
// A Chinese window paints once its strings are in (one small chunk); should the chunk fail, it paints in English.
languageReady.then(paint, paint);
