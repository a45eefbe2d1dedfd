/** The unlocked window: a navigation rail and the current screen. */
import { Box, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../shared/errors';
import { CaseWorkspace } from '../features/case/CaseWorkspace';
import { CasesScreen } from '../features/cases/CasesScreen';
import { VaultCustodyScreen } from '../features/custody/VaultCustodyScreen';
import { ReceiveScreen } from '../features/receive/ReceiveScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { RecoveryNotice } from './RecoveryNotice';
import { useRouter, type Route } from './router';
import { useSession } from './session';
import { useAppShortcuts, useOpenedPackages } from './shortcuts';

const NAV: { screen: 'cases' | 'search' | 'custody' | 'settings'; label: string }[] = [
  { screen: 'cases', label: 'nav.cases' },
  { screen: 'search', label: 'nav.search' },
  { screen: 'custody', label: 'nav.custody' },
  { screen: 'settings', label: 'nav.settings' },
];

function CurrentScreen({ route }: { route: Route }): React.JSX.Element {
  switch (route.screen) {
    case 'cases':
      return <CasesScreen />;
    case 'case':
      return <CaseWorkspace caseId={route.caseId} tab={route.tab} focusId={route.focusId} />;
    case 'receive':
      // A new package from the OS starts the screen afresh.
      return <ReceiveScreen key={route.file?.grant ?? 'chosen'} initialFile={route.file ?? null} />;
    case 'search':
      return <SearchScreen />;
    case 'custody':
      return <VaultCustodyScreen />;
    case 'settings':
      return <SettingsScreen />;
    default:
      return assertNever(route, 'route');
  }
}

/** The workspace frame. */
export function Workspace(): React.JSX.Element {
  const { t } = useTranslation('common');
  const { route, navigate } = useRouter();
  const { state, lock } = useSession();
  useAppShortcuts();
  useOpenedPackages();
  // A case and a package being received both belong under Cases.
  const activeNav = route.screen === 'case' || route.screen === 'receive' ? 'cases' : route.screen;
  return (
    // A plain two-column layout: Mantine's AppShell injects a <style> element, which the CSP refuses.
    <div className="workspace">
      <Box component="nav" className="workspace__nav" p="sm" aria-label={t('nav.label')}>
        <Stack justify="space-between" h="100%">
          <Stack gap={4}>
            <Title order={2} size="h4" px="sm" py="xs">
              Vigil
            </Title>
            {NAV.map((item) => (
              <NavLink
                key={item.screen}
                component="button"
                label={t(item.label)}
                active={activeNav === item.screen}
                aria-current={activeNav === item.screen ? 'page' : undefined}
                onClick={() => navigate({ screen: item.screen })}
              />
            ))}
          </Stack>
          <Stack gap="xs">
            {state?.unlocked === true && (
              <Text size="sm" c="dimmed" px="sm">
                {t('signedInAs', { name: state.member.name })}
              </Text>
            )}
            <Group px="sm">
              <Button variant="light" color="gray" onClick={() => void lock()}>
                {t('lock')}
              </Button>
            </Group>
          </Stack>
        </Stack>
      </Box>
      <Box component="main" className="workspace__main" p="md">
        <RecoveryNotice recovered={state?.unlocked === true ? state.recovered : undefined} />
        <CurrentScreen route={route} />
      </Box>
    </div>
  );
}
