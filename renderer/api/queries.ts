/**
 * TanStack Query over the contract: reads are cached by channel and request,
 * writes invalidate the channels whose answers they change (api/invalidation.ts). Locking clears the
 * whole cache (renderer/app/session.tsx), so no vault data outlives the keys.
 */
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Channel } from '../../shared/channels';
import type { Req, Res } from '../../shared/contract';
import { invalidateAfter, type WriteChannel } from './invalidation';
import { request, type ApiError } from './vigil';

/** The cache key of a read: its channel, then its request. */
export function queryKey<C extends Channel>(channel: C, req: Req<C>): readonly [C, Req<C>] {
  return [channel, req] as const;
}

/** Reads channel C with `req`; disabled while `enabled` is false. */
export function useApiQuery<C extends Channel>(
  channel: C,
  req: Req<C>,
  opts: { enabled?: boolean } = {},
): UseQueryResult<Res<C>, ApiError> {
  return useQuery<Res<C>, ApiError>({
    queryKey: queryKey(channel, req),
    queryFn: () => request(channel, req),
    enabled: opts.enabled ?? true,
  });
}

/** Writes through channel C, then refreshes every cached read it changes (api/invalidation.ts). */
export function useApiMutation<C extends WriteChannel>(channel: C): UseMutationResult<Res<C>, ApiError, Req<C>> {
  const client = useQueryClient();
  return useMutation<Res<C>, ApiError, Req<C>>({
    mutationFn: (req) => request(channel, req),
    onSuccess: () => invalidateAfter(client, channel),
  });
}
