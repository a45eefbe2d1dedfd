/**
 * The sandboxed preload: exposes window.vigil built from the contract's channel
 * list, and nothing else. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildApi } from './api';

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
});

contextBridge.exposeInMainWorld('vigil', api);
