/**
 * The sandboxed preload: exposes window.vigil built from the contract's channel
 * list, and nothing else. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { PRELOAD_CHANNELS } from '../../shared/areas/app.channels';
import { buildApi } from './api';

const DROPPED_FILES: (typeof PRELOAD_CHANNELS)[number] = 'dialog:dropped-files';

const api = buildApi({
  invoke: (channel, req) => ipcRenderer.invoke(channel, req),
  subscribe: (name, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(name, wrapped);
    return () => {
      ipcRenderer.removeListener(name, wrapped);
    };
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
  grantDropped: (paths) => ipcRenderer.invoke(DROPPED_FILES, { paths }),
});

contextBridge.exposeInMainWorld('vigil', api);
