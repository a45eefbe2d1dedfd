/**
 * "Print / save report": the case report as a signed PDF. The person picks the
 * language and the profile, then the file in the native save dialog (a
 * save-file grant; the window never names a path), and sees what was written:
 * the file, its SHA-256 and the checkpoint it is tied to.
 */
import { Alert, Button, Code, Group, Radio, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_LANGUAGES, REPORT_PROFILES } from '../../../../shared/areas/reports.contract';
import { request } from '../../../api/vigil';
import { useApiMutation } from '../../../api/queries';
import { DialogFrame } from '../../../components/FormModal';
import { LANGUAGES } from '../../../i18n';

type Language = (typeof REPORT_LANGUAGES)[number];
type Profile = (typeof REPORT_PROFILES)[number];

/** The name the save dialog offers: neutral, like a package's, so a recent-files list names no case. */
function reportFileName(now = new Date()): string {
  return `vigil-report-${now.toISOString().slice(0, 10).replace(/-/g, '')}.pdf`;
}

function initialLanguage(current: string): Language {
  return (REPORT_LANGUAGES as readonly string[]).includes(current) ? (current as Language) : 'en';
}

/** The dialog; mounted only while open, so each opening starts fresh. */
export function CaseReportModal({ caseId, onClose }: { caseId: string; onClose: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('cases');
  const [lang, setLang] = useState<Language>(() => initialLanguage(i18n.language));
  const [profile, setProfile] = useState<Profile>('protected');
  const [dialogError, setDialogError] = useState<string | null>(null);
  const make = useApiMutation('reports:case');
  const save = async (): Promise<void> => {
    setDialogError(null);
    try {
      const { file } = await request('dialog:save-file', {
        title: t('report.saveTitle'),
        defaultName: reportFileName(),
      });
      if (file !== null) make.mutate({ caseId, lang, profile: { kind: profile }, output: file.grant });
    } catch (e) {
      setDialogError(e instanceof Error ? e.message : String(e));
    }
  };
  const done = make.data;
  return (
    <DialogFrame title={t('report.title')} onClose={onClose} size="lg">
      <Stack>
        <Text size="sm">{t('report.intro')}</Text>
        <Stack gap={4}>
          <Text size="sm" fw={600} id="report-language">
            {t('report.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="report-language"
            value={lang}
            onChange={(v) => setLang(initialLanguage(v))}
            data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
          />
        </Stack>
        <Radio.Group
          label={t('report.profile')}
          value={profile}
          onChange={(v) => setProfile(v === 'full' ? 'full' : 'protected')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="protected" label={t('report.protected')} description={t('report.protectedHint')} />
            <Radio value="full" label={t('report.full')} description={t('report.fullHint')} />
          </Stack>
        </Radio.Group>
        {done !== undefined && (
          <Alert color="teal" title={t('report.written')} role="status">
            <Stack gap={4}>
              <Code>{done.path}</Code>
              <Text size="sm">{t('report.signature', { file: done.signaturePath })}</Text>
              <Text size="sm">{t('report.sha256')}</Text>
              <Code>{done.sha256}</Code>
              <Text size="sm">
                {t('report.tiedTo', {
                  size: done.checkpoint.size,
                  root: done.checkpoint.root.slice(0, 16),
                  fingerprint: done.signerFingerprint,
                })}
              </Text>
            </Stack>
          </Alert>
        )}
        {(make.isError || dialogError !== null) && (
          <Alert color="red" role="alert" title={t('report.failed')}>
            {make.error?.message ?? dialogError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('report.close')}
          </Button>
          <Button onClick={() => void save()} loading={make.isPending}>
            {t('report.save')}
          </Button>
        </Group>
      </Stack>
    </DialogFrame>
  );
}
