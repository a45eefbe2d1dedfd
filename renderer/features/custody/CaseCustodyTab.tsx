/** The custody entries of a case and its records (people, items, interviews, timeline, requests). */
import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CustodyLog } from './CustodyLog';
import './custody.css';

/** The custody entries of a case and its items. */
export function CaseCustodyTab({ caseId }: { caseId: string }): React.JSX.Element {
  const { t } = useTranslation('custody');
  return (
    <Stack className="custody-screen">
      <Text>{t('caseIntro')}</Text>
      <CustodyLog scope={{ kind: 'case', caseId }} />
    </Stack>
  );
}
