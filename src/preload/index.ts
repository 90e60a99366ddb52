import { contextBridge, ipcRenderer } from 'electron'
import { BRIDGE_GLOBAL } from '../shared/channels'
import { buildBridge } from './bridge'

// No logic here: the bridge is built from the contract and exposed under one name.
contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, buildBridge(ipcRenderer))
