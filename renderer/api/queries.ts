/**
 * TanStack Query over the contract: reads are cached by channel and request,
 * writes invalidate the channels whose answers they change. Locking clears the
 * whole cache (renderer/app/session.tsx), so no vault data outlives the keys.
 */
import { useMutation, useQuery, useQueryClient, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query';
import type { Channel } from '../../shared/channels';
import type { Req, Res } from '../../shared/contract';
import { request, type ApiError } from './vigil';

/** The cache key of a read: its channel, then its request. */
export function queryKey<C extends Channel>(channel: C, req: Req<C>): readonly [C, Req<C>] {
  return [channel, req] as const;
}

/** Reads channel C with `req`; disabled while `enabled` is false. */
export function useApiQuery<C extends Channel>(channel: C, req: Req<C>, opts: { enabled?: boolean } = {}): UseQueryResult<Res<C>, ApiError> {
  return useQuery<Res<C>, ApiError>({
    queryKey: queryKey(channel, req),
    queryFn: () => request(channel, req),
    enabled: opts.enabled ?? true,
  });
}

/** Writes through channel C, then refreshes every cached read of the `invalidates` channels. */
export function useApiMutation<C extends Channel>(channel: C, invalidates: readonly Channel[] = []): UseMutationResult<Res<C>, ApiError, Req<C>> {
  const client = useQueryClient();
  return useMutation<Res<C>, ApiError, Req<C>>({
    mutationFn: (req) => request(channel, req),
    onSuccess: async () => {
      await Promise.all(invalidates.map((name) => client.invalidateQueries({ queryKey: [name] })));
    },
  });
}
