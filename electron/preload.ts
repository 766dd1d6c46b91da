/**
 * The preload passes messages and nothing else: `invoke`, `cancel` and event
 * subscription. No Node, no file paths, no keys reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CreditDeskBridge } from './contract/index';
import type { CoreEvent } from './contract/types';

const bridge: CreditDeskBridge = {
  invoke: (method, input, callId) => ipcRenderer.invoke('credit-desk:invoke', { method, input, callId }),
  cancel: (callId) => ipcRenderer.invoke('credit-desk:cancel', callId),
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, coreEvent: CoreEvent) => listener(coreEvent);
    ipcRenderer.on('credit-desk:event', handler);
    return () => ipcRenderer.removeListener('credit-desk:event', handler);
  },
};

contextBridge.exposeInMainWorld('creditDesk', bridge);
