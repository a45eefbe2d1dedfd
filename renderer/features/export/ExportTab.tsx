/**
 * The export wizard: items, profile, who can open it, a preview of exactly
 * what leaves the vault, then the export with progress and cancel, and the
 * result with the fingerprints to read out.
 */
import './export.css';
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantedPath, Res } from '../../../shared/contract';
import { assertNever } from '../../../shared/errors';
import { useApiQuery } from '../../api/queries';
import { passphraseStrength, type Strength } from '../unlock/strength';
import { ExportResult } from './ExportResult';
import { ItemsStep } from './ItemsStep';
import { PreviewStep, usePreviewPlan } from './PreviewStep';
import { ProfileStep } from './ProfileStep';
import { RunStep } from './RunStep';
import { SealStep } from './SealStep';
import { defaultPackageFileName } from '../../../shared/areas/packages.values';
import {
  EXPORT_STEPS,
  INITIAL_CHOICES,
  requestProfile,
  scopeItemIds,
  sealRecipients,
  stepReady,
  withChoices,
  type ExportChoices,
  type ExportStep,
} from './wizard-state';
import { useTaskRun, type TaskRunner } from '../../api/task-run';

function StepList({ current }: { current: number }): React.JSX.Element {
  const { t } = useTranslation('export');
  return (
    <ol className="export-steps" aria-label={t('stepsLabel')}>
      {EXPORT_STEPS.map((step, i) => (
        <li
          key={step}
          className="export-steps__step"
          data-state={i < current ? 'done' : i === current ? 'current' : 'todo'}
          aria-current={i === current ? 'step' : undefined}
        >
          {t(`steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}

interface BodyProps {
  step: ExportStep;
  caseId: string;
  choices: ExportChoices;
  candidates: Res<'packages:plan'>['candidates'];
  strength: Strength;
  onChange: (next: Partial<ExportChoices>) => void;
  runner: TaskRunner<'packages:export'>;
  output: GrantedPath | null;
  onOutput: (file: GrantedPath) => void;
  defaultName: string;
}

function StepBody(p: BodyProps): React.JSX.Element {
  const startExport = (): void => {
    const profile = requestProfile(p.choices.profile);
    if (p.output === null || profile === null) return;
    const itemIds = scopeItemIds(p.choices);
    void p.runner.start({
      caseId: p.caseId,
      ...(itemIds ? { itemIds } : {}),
      profile,
      recipients: sealRecipients(p.choices),
      ...(p.choices.seal === 'passphrase' ? { passphrase: p.choices.passphrase } : {}),
      output: p.output.grant,
      ...(p.choices.namesChecked ? { confirmProtectedNames: true } : {}),
      ...(p.choices.update && p.choices.seal === 'recipients' ? { update: true } : {}),
    });
  };
  switch (p.step) {
    case 'items':
      return <ItemsStep choices={p.choices} candidates={p.candidates} onChange={p.onChange} />;
    case 'profile':
      return <ProfileStep profile={p.choices.profile} onChange={p.onChange} />;
    case 'seal':
      return <SealStep caseId={p.caseId} choices={p.choices} strength={p.strength} onChange={p.onChange} />;
    case 'preview':
      return <PreviewStep caseId={p.caseId} choices={p.choices} onChange={p.onChange} />;
    case 'run':
      return (
        <RunStep
          output={p.output}
          defaultName={p.defaultName}
          run={p.runner.run}
          onOutput={p.onOutput}
          onStart={startExport}
          onCancel={p.runner.cancel}
        />
      );
    default:
      return assertNever(p.step, 'export step');
  }
}

/** The export tab of case `caseId`. */
export function ExportTab({ caseId }: { caseId: string }): React.JSX.Element {
  const { t } = useTranslation('export');
  const [index, setIndex] = useState(0);
  const [choices, setChoices] = useState<ExportChoices>(INITIAL_CHOICES);
  const [output, setOutput] = useState<GrantedPath | null>(null);
  const runner = useTaskRun('packages:export');
  const candidates = useApiQuery('packages:plan', { caseId, profile: { kind: 'protected' } });
  const strength = useMemo(() => passphraseStrength(choices.passphrase), [choices.passphrase]);
  const step: ExportStep = EXPORT_STEPS[index] ?? 'items';
  const preview = usePreviewPlan(caseId, choices, step === 'preview');
  // Next stays off until the preview is shown and any originals naming protected people are checked.
  const namesPending = preview.data === undefined || (preview.data.nameHits.length > 0 && !choices.namesChecked);

  if (candidates.isPending) return <Loader role="status" aria-label={t('loading')} />;
  if (candidates.error) {
    return (
      <Alert color="red" role="alert" title={t('loadFailed')}>
        {candidates.error.message}
      </Alert>
    );
  }
  const again = (): void => {
    runner.reset();
    setOutput(null);
    // A new package: the items that name protected people are checked again.
    setChoices((c) => ({ ...c, namesChecked: false }));
    setIndex(0);
  };
  const running = runner.run.phase === 'running';
  // Neutral: a package's file name lies outside the encryption, so it never carries the case's reference.
  const defaultName = defaultPackageFileName(new Date());
  return (
    <Stack className="export-wizard">
      <Title order={2} size="h3">
        {t('title')}
      </Title>
      {runner.run.phase === 'done' ? (
        <ExportResult result={runner.run.result} onAgain={again} />
      ) : (
        <>
          <Text>{t('intro')}</Text>
          <StepList current={index} />
          <Paper withBorder p="md" component="section" aria-label={t(`steps.${step}`)}>
            <Stack>
              <Title order={3} size="h4">
                {t(`steps.${step}`)}
              </Title>
              <StepBody
                step={step}
                caseId={caseId}
                choices={choices}
                candidates={candidates.data.candidates}
                strength={strength}
                onChange={(next) => setChoices((c) => withChoices(c, next))}
                runner={runner}
                output={output}
                onOutput={setOutput}
                defaultName={defaultName}
              />
            </Stack>
          </Paper>
          <Group justify="space-between">
            <Button
              variant="default"
              onClick={() => setIndex((i) => Math.max(0, i - 1))}
              disabled={index === 0 || running}
            >
              {t('back')}
            </Button>
            {index < EXPORT_STEPS.length - 1 && (
              <Button
                onClick={() => setIndex((i) => i + 1)}
                disabled={!stepReady(step, choices, strength.acceptable, step === 'preview' && namesPending)}
              >
                {t('next')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
