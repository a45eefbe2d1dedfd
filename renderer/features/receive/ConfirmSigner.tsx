/**
 * The confirm step for a package whose only problem is its signer: new to this vault, or a known
 * vault's changed key. The person calls the sender, types the fingerprint the sender reads out,
 * and can import only when it is the package's; the import request carries what they typed and
 * the core compares it again.
 */
import { Alert, Button, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeFingerprint, sameFingerprint } from '../../../shared/fingerprint';
import type { SignerVerdict } from './signer-trust';

function SignerToConfirm({
  signer,
  typed,
  onType,
  busy,
}: {
  signer: SignerVerdict;
  typed: string;
  onType: (value: string) => void;
  busy: boolean;
}): React.JSX.Element {
  const { t } = useTranslation('receive');
  const matches = sameFingerprint(typed, signer.fingerprint);
  // Judged once a whole fingerprint's worth of characters is typed, so half-typed input is not called wrong.
  const complete =
    normalizeFingerprint(typed).replaceAll(' ', '').length >= signer.fingerprint.replaceAll(' ', '').length;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {signer.status === 'changed'
          ? t('confirm.changed', { name: signer.name })
          : t('confirm.unknown', { name: signer.name })}
      </Text>
      {signer.status === 'changed' && (
        <Text size="sm">
          {t('confirm.before')} <Code className="receive-fingerprint">{(signer.expected ?? []).join(', ')}</Code>
        </Text>
      )}
      <Text size="sm">
        {t('confirm.packageSays')} <Code className="receive-fingerprint">{signer.fingerprint}</Code>
      </Text>
      <TextInput
        className="receive-typed-fingerprint"
        label={t('confirm.typed', { name: signer.name })}
        description={matches ? t('confirm.matches') : t('confirm.typedHint')}
        error={complete && !matches ? t('confirm.mismatch') : undefined}
        value={typed}
        disabled={busy}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onType(e.currentTarget.value)}
      />
    </Stack>
  );
}

/** Asks for each signer's fingerprint as the sender reads it out; `onConfirm` gets them once all match. */
export function ConfirmSigner({
  signers,
  busy,
  onConfirm,
}: {
  signers: SignerVerdict[];
  busy: boolean;
  onConfirm: (fingerprints: string[]) => void;
}): React.JSX.Element {
  const { t } = useTranslation('receive');
  const [typed, setTyped] = useState<Record<string, string>>({});
  const allMatch = signers.every((s) => sameFingerprint(typed[s.publicKey] ?? '', s.fingerprint));
  return (
    <Stack gap="sm" role="group" aria-label={t('confirm.label')}>
      <Title order={3} size="h5">
        {t('confirm.title')}
      </Title>
      <Alert color="yellow">
        <Text size="sm">{t('confirm.how')}</Text>
      </Alert>
      {signers.map((s) => (
        <SignerToConfirm
          key={s.publicKey}
          signer={s}
          busy={busy}
          typed={typed[s.publicKey] ?? ''}
          onType={(value) => setTyped((prev) => ({ ...prev, [s.publicKey]: value }))}
        />
      ))}
      <Group>
        <Button
          disabled={!allMatch || busy}
          onClick={() => onConfirm(signers.map((s) => normalizeFingerprint(typed[s.publicKey] ?? '')))}
        >
          {t('confirm.import')}
        </Button>
      </Group>
    </Stack>
  );
}
