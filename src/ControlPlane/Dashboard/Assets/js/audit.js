// The audit trail: the /api/events pages filtered by type, node, time range (server side) and text
// (on the shown page), the chain-verified badge, and a JSONL export of the whole filtered range.
import { el, utc, getJson, tokens } from './api.js';

const PAGE = 50;
const MAX_SHOWN = 160;
const $ = (id) => document.getElementById(id);

function isoOf(local) { return local ? new Date(local).toISOString() : ''; }
function localOf(date) {
  const d = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 19);
}

// a one-line summary of the event's data; the whole JSON in the tooltip and in the JSONL export
function dataCell(data) {
  const json = JSON.stringify(data);
  return el('td', { class: 'data', title: json.length > MAX_SHOWN ? json : null }, json.length > MAX_SHOWN ? json.slice(0, MAX_SHOWN) + '…' : json);
}

export class AuditTrail {
  constructor() {
    this.after = 0;
    this.history = [];
    this.next = null;
    this.reloadTimer = null;
    $('audit-filter').addEventListener('submit', (e) => { e.preventDefault(); this.first(); });
    $('f-reset').addEventListener('click', () => { for (const id of ['f-type', 'f-node', 'f-from', 'f-to', 'f-text']) $(id).value = ''; this.first(); });
    $('f-export').addEventListener('click', () => this.export());
    $('page-first').addEventListener('click', () => this.first());
    $('page-prev').addEventListener('click', () => { if (this.history.length) this.load(this.history.pop(), false); });
    $('page-next').addEventListener('click', () => { if (this.next !== null) { this.history.push(this.after); this.load(this.next, false); } });
  }

  setTypes(types) { $('event-types').replaceChildren(...types.map((t) => el('option', { value: t }))); }

  query(after, limit) {
    const q = new URLSearchParams({ after: String(after), limit: String(limit) });
    const type = $('f-type').value.trim();
    const node = $('f-node').value.trim();
    if (type) q.set('type', type);
    if (node) q.set('node', node);
    if ($('f-from').value) q.set('from', isoOf($('f-from').value));
    if ($('f-to').value) q.set('to', isoOf($('f-to').value));
    return '/api/events?' + q;
  }

  matchesText(e) {
    const t = $('f-text').value.trim().toLowerCase();
    return !t || JSON.stringify(e).toLowerCase().includes(t);
  }

  first(quiet = false) { this.history = []; this.load(0, quiet); }

  async load(after, quiet) {
    let page;
    try { page = await getJson(this.query(after, PAGE), tokens.forAudit()); } catch (e) {
      $('audit-status').textContent = e.message + (e.status === 401 ? ' — enter the auditor token (button at the top).' : '');
      $('audit-status').className = 'no';
      return;
    }
    this.after = after;
    this.next = page.next;
    const shown = page.events.filter((e) => this.matchesText(e));
    $('events').querySelector('tbody').replaceChildren(...shown.map((e) => el('tr', { id: `event-${e.sequence}`, 'data-type': e.type },
      el('td', {}, String(e.sequence)), el('td', {}, utc(e.timestamp)), el('td', { 'data-field': 'type' }, e.type),
      dataCell(e.data))));
    $('audit-status').className = 'muted';
    $('audit-status').textContent = `${shown.length} event(s) on this page` + (page.next !== null ? ', more on the next' : ', last page');
    $('page-prev').disabled = this.history.length === 0;
    $('page-next').disabled = page.next === null;
    if (!quiet) $('events').scrollIntoView?.({ block: 'nearest' });
  }

  // a new audit event arrived: the last page is shown again (debounced), other pages stay put
  onEvent() {
    if (this.next !== null || this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => { this.reloadTimer = null; this.load(this.after, true); }, 700);
  }

  // the events recorded around a runbook step
  showAround(at) {
    const t = new Date(at);
    $('f-type').value = '';
    $('f-node').value = '';
    $('f-text').value = '';
    $('f-from').value = localOf(new Date(t.getTime() - 2000));
    $('f-to').value = localOf(new Date(t.getTime() + 2000));
    this.first();
    $('audit').scrollIntoView();
  }

  async verifyChain() {
    const badge = $('chain');
    try {
      const v = await getJson('/api/audit/verify', tokens.forAudit());
      badge.className = 'badge ' + (v.ok ? 'ok' : 'bad');
      badge.textContent = v.ok ? `chain verified ✓ through #${v.events}` : `chain BROKEN at #${v.firstBad}: ${v.reason}`;
    } catch (e) {
      badge.className = 'badge bad';
      badge.textContent = 'chain: ' + e.message;
    }
  }

  async export() {
    const lines = [];
    let after = 0;
    try {
      for (;;) {
        const page = await getJson(this.query(after, 1000), tokens.forAudit());
        for (const e of page.events) if (this.matchesText(e)) lines.push(JSON.stringify(e));
        if (page.next === null) break;
        after = page.next;
      }
    } catch (e) {
      $('audit-status').textContent = 'Export: ' + e.message;
      return;
    }
    const url = URL.createObjectURL(new Blob([lines.join('\n') + (lines.length ? '\n' : '')], { type: 'application/x-ndjson' }));
    const a = el('a', { href: url, download: 'cctsa-events.jsonl' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    $('audit-status').textContent = `exported ${lines.length} event(s)`;
  }
}
