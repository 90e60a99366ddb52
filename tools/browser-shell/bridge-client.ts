import { BRIDGE_GLOBAL, EVENT_NAMES, INVOKE_NAMES } from '../../src/shared/channels'

/**
 * The script the browser shell serves at /__shell/bridge.js, before the renderer's own script. It defines
 * `window.accountDesk` with the same functions as the Electron preload, carried over HTTP to the shell on
 * loopback. The per-run secret arrives in the URL fragment (never sent to a server, never in a Referer), is moved
 * to sessionStorage and removed from the address bar.
 */
export function bridgeClientSource(): string {
  return `(() => {
  'use strict';
  const INVOKE = ${JSON.stringify(INVOKE_NAMES)};
  const EVENTS = ${JSON.stringify(EVENT_NAMES)};
  const KEY = 'account-desk-shell-secret';
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('secret')) {
    sessionStorage.setItem(KEY, hash.get('secret'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  const secret = sessionStorage.getItem(KEY) || '';
  const headers = { 'content-type': 'application/json', 'x-account-desk-secret': secret };
  const listeners = new Map(EVENTS.map((name) => [name, new Set()]));
  const bridge = {};
  // rendererReady waits for the event stream: the shell delivers links only to a page that listens and is ready.
  let connected;
  const whenConnected = new Promise((resolve) => (connected = resolve));
  let saidReady = false;
  let streams = 0;
  const invoke = async (name, request) => {
    try {
      const response = await fetch('/__shell/invoke/' + name, { method: 'POST', headers, body: JSON.stringify(request ?? {}) });
      return await response.json();
    } catch (error) {
      return { ok: false, error: { kind: 'internal', message: 'The browser shell is not reachable.' } };
    }
  };
  for (const name of INVOKE) bridge[name] = (request) => invoke(name, request);
  bridge.rendererReady = async (request) => {
    saidReady = true;
    await whenConnected;
    return invoke('rendererReady', request);
  };
  for (const name of EVENTS) {
    bridge[name] = (listener) => {
      if (typeof listener !== 'function') return () => {};
      listeners.get(name).add(listener);
      return () => listeners.get(name).delete(listener);
    };
  }
  async function listen() {
    for (;;) {
      try {
        const response = await fetch('/__shell/events', { headers });
        if (!response.ok || !response.body) throw new Error('events ' + response.status);
        // A new stream is a new page for the shell: after a reconnect, say ready again if this page already had.
        if (streams++ > 0 && saidReady) void invoke('rendererReady', {});
        connected();
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let newline;
          while ((newline = buffer.indexOf('\\n')) >= 0) {
            const line = buffer.slice(0, newline);
            buffer = buffer.slice(newline + 1);
            if (!line.trim()) continue;
            const message = JSON.parse(line);
            const set = listeners.get(message.name);
            if (set) for (const listener of set) listener(message.payload);
          }
        }
      } catch (error) {
        // The shell restarted or the connection dropped: try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  void listen();
  Object.defineProperty(window, ${JSON.stringify(BRIDGE_GLOBAL)}, { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`
}
