/**
 * One case: its title and a tab per area (overview, people, items, interviews, timeline, requests, custody, export).
 */
import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { assertNever } from '../../../shared/errors';
import { useApiQuery } from '../../api/queries';
import { CASE_TABS, useRouter, type CaseTab } from '../../app/router';
import { CaseCustodyTab } from '../custody/CaseCustodyTab';
import { ExportTab } from '../export/ExportTab';
import { InterviewsTab } from '../interviews/InterviewsTab';
import { ItemsTab } from '../items/ItemsTab';
import { PeopleTab } from '../people/PeopleTab';
import { RequestsTab } from '../requests/RequestsTab';
import { TimelineTab } from '../timeline/TimelineTab';
import { CaseOverview } from './CaseOverview';

function TabPanel({
  tab,
  caseId,
  focusId,
}: {
  tab: CaseTab;
  caseId: string;
  focusId: string | undefined;
}): React.JSX.Element {
  switch (tab) {
    case 'overview':
      return <CaseOverview caseId={caseId} />;
    case 'people':
      return <PeopleTab caseId={caseId} />;
    case 'items':
      return <ItemsTab caseId={caseId} focusId={focusId} />;
    case 'interviews':
      return <InterviewsTab caseId={caseId} focusId={focusId} />;
    case 'timeline':
      return <TimelineTab caseId={caseId} />;
    case 'requests':
      return <RequestsTab caseId={caseId} />;
    case 'custody':
      return <CaseCustodyTab caseId={caseId} />;
    case 'export':
      return <ExportTab caseId={caseId} />;
    default:
      return assertNever(tab, 'case tab');
  }
}

/** The case workspace for `caseId`, showing `tab`. */
export function CaseWorkspace({
  caseId,
  tab,
  focusId,
}: {
  caseId: string;
  tab: CaseTab;
  focusId?: string | undefined;
}): React.JSX.Element {
  const { t } = useTranslation('common');
  const { navigate } = useRouter();
  const caseQuery = useApiQuery('cases:get', { id: caseId });
  return (
    <Stack>
      <Title order={1} size="h2">
        {caseQuery.data ? caseQuery.data.title : t('loading')}
      </Title>
      <Tabs
        value={tab}
        onChange={(value) => value !== null && navigate({ screen: 'case', caseId, tab: value as CaseTab })}
        keepMounted={false}
      >
        <Tabs.List>
          {CASE_TABS.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`caseTabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={tab} pt="md">
          <TabPanel tab={tab} caseId={caseId} focusId={focusId} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
