/** Everything the screens rely on: theme and direction, translations, the query cache, the session. */
import { DirectionProvider, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { SessionProvider } from './session';

const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', Ubuntu, Cantarell, sans-serif",
  defaultRadius: 'sm',
  // Visible focus for keyboard users everywhere, not only after a key press.
  focusRing: 'always',
});

/** Wraps the app. */
export function Providers({ i18n, children }: { i18n: I18n; children: ReactNode }): React.JSX.Element {
  // Vault data changes only through this window: no refetch on focus, no retries that repeat a failing unlock.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false }, mutations: { retry: false } },
      }),
  );
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={i18n.dir() === 'rtl' ? 'rtl' : 'ltr'} detectDirection>
        {/* No injected <style> tags: the CSP allows only the bundled stylesheet. */}
        <MantineProvider theme={theme} defaultColorScheme="auto" withCssVariables={false} withGlobalClasses={false}>
          <QueryClientProvider client={client}>
            <SessionProvider>{children}</SessionProvider>
          </QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
