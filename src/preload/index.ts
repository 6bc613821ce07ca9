import { contextBridge, ipcRenderer } from 'electron';
import { apiGlobalName, buildApi } from './build-api';

contextBridge.exposeInMainWorld(apiGlobalName, buildApi(ipcRenderer));
