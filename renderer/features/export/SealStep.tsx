/** Step 3: who can open the package — address-book recipients or pasted keys, or a passphrase. */
import { Alert, Checkbox, Code, Loader, PasswordInput, Progress, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../api/queries';
import type { Strength } from '../unlock/strength';
import { UpdateChoice } from './UpdateChoice';
import type { ExportChoices } from './wizard-state';

const SCORE_COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

function RecipientChoice({
  choices,
  onChange,
}: {
  choices: ExportChoices;
  onChange: (next: Partial<ExportChoices>) => void;
}): React.JSX.Element {
  const { t } = useTranslation('export');
  const book = useApiQuery('packages:recipients', {});
  return (
    <Stack>
      {book.isPending && <Loader role="status" size="sm" aria-label={t('loading')} />}
      {book.error && (
        <Alert color="red" role="alert">
          {book.error.message}
        </Alert>
      )}
      {book.data?.length === 0 && <Text size="sm">{t('seal.emptyBook')}</Text>}
      {book.data !== undefined && book.data.length > 0 && (
        <Checkbox.Group
          label={t('seal.book')}
          value={choices.recipientIds}
          onChange={(ids) => onChange({ recipientIds: ids })}
        >
          <Stack gap="xs" mt="xs">
            {book.data.map((r) => (
              <Checkbox key={r.id} value={r.id} label={r.name} description={<Code>{r.fingerprint}</Code>} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      <Textarea
        label={t('seal.pasted')}
        description={t('seal.pastedHint')}
        value={choices.pastedKeys}
        onChange={(e) => onChange({ pastedKeys: e.currentTarget.value })}
        autosize
        minRows={2}
        spellCheck={false}
      />
    </Stack>
  );
}

function PassphraseChoice({
  choices,
  strength,
  onChange,
}: {
  choices: ExportChoices;
  strength: Strength;
  onChange: (next: Partial<ExportChoices>) => void;
}): React.JSX.Element {
  const { t } = useTranslation('export');
  const mismatch = choices.confirm !== '' && choices.confirm !== choices.passphrase;
  return (
    <Stack>
      <Text size="sm">{t('seal.passphraseHint')}</Text>
      <PasswordInput
        label={t('seal.passphrase')}
        value={choices.passphrase}
        onChange={(e) => onChange({ passphrase: e.currentTarget.value })}
        autoComplete="new-password"
      />
      <div>
        <Progress
          value={choices.passphrase === '' ? 0 : (strength.score + 1) * 20}
          color={SCORE_COLORS[strength.score]}
          aria-label={t('seal.strength')}
        />
        <Text size="sm" mt={4} aria-live="polite">
          {choices.passphrase === '' ? t('seal.strengthHint') : t(`seal.strengthScore.${strength.score}`)}
        </Text>
      </div>
      <PasswordInput
        label={t('seal.confirm')}
        value={choices.confirm}
        onChange={(e) => onChange({ confirm: e.currentTarget.value })}
        error={mismatch ? t('seal.mismatch') : undefined}
        autoComplete="new-password"
      />
    </Stack>
  );
}

/** The seal step; `strength` is the passphrase's, computed by the wizard. */
export function SealStep({
  caseId,
  choices,
  strength,
  onChange,
}: {
  caseId: string;
  choices: ExportChoices;
  strength: Strength;
  onChange: (next: Partial<ExportChoices>) => void;
}): React.JSX.Element {
  const { t } = useTranslation('export');
  return (
    <Stack>
      <Radio.Group
        label={t('seal.question')}
        value={choices.seal}
        onChange={(value) => onChange({ seal: value === 'passphrase' ? 'passphrase' : 'recipients' })}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="recipients" label={t('seal.toRecipients')} />
          <Radio value="passphrase" label={t('seal.toPassphrase')} />
        </Stack>
      </Radio.Group>
      {choices.seal === 'recipients' ? (
        <RecipientChoice choices={choices} onChange={onChange} />
      ) : (
        <PassphraseChoice choices={choices} strength={strength} onChange={onChange} />
      )}
      <UpdateChoice caseId={caseId} choices={choices} onChange={onChange} />
    </Stack>
  );
}
