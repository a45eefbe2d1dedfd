import { describe, expect, it } from 'vitest';
import { createHandlerTable } from '../../../main/ipc/handlers';
import { CHANNELS } from '../../../shared/channels';

describe('ipc/handlers/createHandlerTable', () => {
  it('has exactly one handler per contract channel', () => {
    const table = createHandlerTable({ appInfo: () => ({ name: 'vigil', version: '1.2.3' }) });
    expect(Object.keys(table).sort()).toEqual([...CHANNELS].sort());
  });

  it('app:info answers from the services', async () => {
    const table = createHandlerTable({ appInfo: () => ({ name: 'vigil', version: '1.2.3' }) });
    await expect(table['app:info']({})).resolves.toEqual({ name: 'vigil', version: '1.2.3' });
  });
});
