/** Search across the vault with filters and highlighted snippets. */
import { Alert, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchFilters } from './SearchFilters';
import { SearchResults } from './SearchResults';
import { dateLooksValid, NO_FILTERS, searchRequest, useSearchPages, type FilterState } from './useSearch';
import './search.css';

/** Search across the vault with filters and highlighted snippets. */
export function SearchScreen(): React.JSX.Element {
  const { t } = useTranslation('search');
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<FilterState>(NO_FILTERS);
  // Wait for a pause in typing: every keystroke need not reach the core.
  const [debounced] = useDebouncedValue(text, 300);
  const query = searchRequest(debounced.trim(), filters);
  const ready = query.text !== '' && dateLooksValid(filters.dateFrom) && dateLooksValid(filters.dateTo);
  const pages = useSearchPages(query, ready);
  const hits = pages.data?.pages.flatMap((p) => p.hits) ?? [];
  const total = pages.data?.pages[0]?.total;

  return (
    <Stack className="search-screen">
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <Text>{t('intro')}</Text>
      <search>
        <Stack>
          <TextInput
            type="search"
            label={t('box')}
            description={t('boxHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-autofocus
          />
          <SearchFilters value={filters} onChange={setFilters} />
        </Stack>
      </search>
      <section aria-label={t('results')} aria-busy={pages.isFetching}>
        {!ready && query.text === '' && <Text c="dimmed">{t('startTyping')}</Text>}
        {ready && pages.isPending && <Loader role="status" aria-label={t('results')} />}
        {pages.isError && (
          <Alert color="red" role="alert">
            {t('error', { message: pages.error.message })}
          </Alert>
        )}
        {pages.isSuccess && hits.length === 0 && (
          <Alert color="gray" role="status">
            {t('noResults', { text: query.text })}
          </Alert>
        )}
        {pages.isSuccess && hits.length > 0 && (
          <Stack gap="xs">
            <Text size="sm" c="dimmed" role="status">
              {total === undefined ? t('countMany', { count: 1000 }) : t('count', { count: total })}
            </Text>
            <SearchResults hits={hits} />
            {pages.hasNextPage && (
              <Group>
                <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                  {t('more')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
