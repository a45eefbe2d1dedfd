/** The hits: title, kind, date and the snippet with its matches marked; each opens the record's place. */
import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouter } from '../../app/router';
import { routeOf, snippetParts, type SearchHit } from './search-target';

function Snippet({ hit }: { hit: SearchHit }): React.JSX.Element {
  return (
    <Text size="sm" className="search-hit__snippet">
      {snippetParts(hit.snippet, hit.highlights).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </Text>
  );
}

function HitBody({ hit }: { hit: SearchHit }): React.JSX.Element {
  const { t } = useTranslation('search');
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge variant="default" size="sm">
          {t(`kindShort.${hit.kind}`)}
        </Badge>
        <Text fw={600} size="sm">
          {hit.title}
        </Text>
        {hit.date !== null && (
          <Text size="xs" c="dimmed">
            {hit.date}
          </Text>
        )}
        {hit.caseId === null && (
          <Text size="xs" c="dimmed">
            {t('noCase')}
          </Text>
        )}
      </Group>
      <Snippet hit={hit} />
    </Stack>
  );
}

/** The list of hits. */
export function SearchResults({ hits }: { hits: SearchHit[] }): React.JSX.Element {
  const { t } = useTranslation('search');
  const { navigate } = useRouter();
  return (
    <ul className="search-results" aria-label={t('results')}>
      {hits.map((hit) => {
        const route = routeOf(hit);
        return (
          <li key={`${hit.kind}:${hit.refId}`}>
            {route === null ? (
              <div className="search-hit">
                <HitBody hit={hit} />
              </div>
            ) : (
              <UnstyledButton className="search-hit" onClick={() => navigate(route)}>
                <HitBody hit={hit} />
              </UnstyledButton>
            )}
          </li>
        );
      })}
    </ul>
  );
}
