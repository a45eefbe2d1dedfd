import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/channels';
import { testServices, type TestServices } from '../../helpers/app-services';

let current: TestServices | null = null;
afterEach(async () => {
  await current?.dispose();
  current = null;
});

describe('ipc/handlers/createHandlerTable', () => {
  it('has exactly one handler per contract channel', async () => {
    current = await testServices();
    expect(Object.keys(current.table).sort()).toEqual([...CHANNELS].sort());
  });

  it('app:info answers from the services', async () => {
    current = await testServices();
    await expect(current.table['app:info']({})).resolves.toEqual({ name: 'Vigil', version: '0.0.0-test' });
  });
});
