import { describe, expect, expectTypeOf, it } from 'vitest';
import { contract, schemasOf, type Req, type Res, type Result, type VigilApi } from '../../../shared/contract';

describe('shared/contract/app:info', () => {
  it('accepts an empty request and refuses anything extra or missing', () => {
    expect(contract['app:info'].req.safeParse({}).success).toBe(true);
    expect(contract['app:info'].req.safeParse({ extra: 1 }).success).toBe(false);
    expect(contract['app:info'].req.safeParse(undefined).success).toBe(false);
    expect(contract['app:info'].req.safeParse('{}').success).toBe(false);
  });

  it('requires a name and a version in the answer', () => {
    expect(contract['app:info'].res.safeParse({ name: 'vigil', version: '0.1.0' }).success).toBe(true);
    expect(contract['app:info'].res.safeParse({ name: 'vigil' }).success).toBe(false);
    expect(contract['app:info'].res.safeParse({ name: 'vigil', version: 1 }).success).toBe(false);
  });
});

describe('shared/contract/schemasOf', () => {
  it('returns the very schemas of the channel', () => {
    expect(schemasOf('app:info')).toBe(contract['app:info']);
  });
});

describe('shared/contract/VigilApi', () => {
  it('derives one method per channel with Result answers', () => {
    expectTypeOf<Req<'app:info'>>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Res<'app:info'>>().toEqualTypeOf<{ name: string; version: string }>();
    expectTypeOf<VigilApi['appInfo']>().toEqualTypeOf<(req: Req<'app:info'>) => Promise<Result<Res<'app:info'>>>>();
    expectTypeOf<'appInfo' | 'vaultUnlock' | 'taskCancel' | 'onEvent' | 'grantDroppedFiles'>().toExtend<
      keyof VigilApi
    >();
  });
});
