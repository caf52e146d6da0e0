// The /api/stream client. EventSource cannot send an Authorization header, and audit reads need one
// when the control plane is not on loopback, so the stream is read with fetch and parsed here (the
// SSE format: "field: value" lines, a blank line ends an event). On a drop it reconnects after the
// server's retry delay with Last-Event-ID = the last audit sequence seen: nothing missed, nothing twice.
import { tokens } from './api.js';

export function openStream(handlers) {
  let lastId = null;
  let retry = 2000;
  let stopped = false;

  function dispatch(ev) {
    if (ev.id !== null) lastId = ev.id;
    if (ev.retry !== null) retry = ev.retry;
    if (!ev.event && ev.data === '') return;
    let data = null;
    try { data = ev.data ? JSON.parse(ev.data) : null; } catch { return; }
    const h = handlers[ev.event || 'message'];
    if (h) h(data, ev.id);
  }

  async function run() {
    const h = { Accept: 'text/event-stream' };
    const token = tokens.forAudit();
    if (token) h.Authorization = 'Bearer ' + token;
    if (lastId !== null) h['Last-Event-ID'] = lastId;
    const response = await fetch('/api/stream', { headers: h, cache: 'no-store' });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch { /* no body */ }
      handlers.refused?.(response.status, detail);
      return false;
    }
    handlers.open?.();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let ev = { id: null, event: '', data: '', retry: null };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return true;
      buffer += decoder.decode(value, { stream: true });
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') { dispatch(ev); ev = { id: null, event: '', data: '', retry: null }; continue; }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') ev.id = val;
        else if (field === 'event') ev.event = val;
        else if (field === 'data') ev.data = ev.data ? ev.data + '\n' + val : val;
        else if (field === 'retry' && /^\d+$/.test(val)) ev.retry = Number(val);
      }
    }
  }

  (async () => {
    while (!stopped) {
      let again = true;
      try { again = await run(); } catch { again = true; }
      handlers.closed?.();
      if (!again) { stopped = true; break; }
      await new Promise((r) => setTimeout(r, retry));
    }
  })();

}
