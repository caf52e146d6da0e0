// The cluster panel: state with its alert level and colour, the nodes, epoch, certificates, keys.
import { el, utc, operatorPost } from './api.js';

const yesNo = (b) => el('span', { class: b ? 'yes' : 'no' }, b ? 'yes' : 'no');

// the TriHaRd rule (src/Crypto/Clock/TriHaRdRule.cs): out only when even the uncertainty cannot bring it inside
export function outOfBand(node, tolerance) {
  if (node.clockOffsetMicros === null || node.clockOffsetMicros === undefined) return false;
  return Math.abs(node.clockOffsetMicros) - (node.clockUncertaintyMicros ?? 0) > tolerance;
}

function offsetCell(node, tolerance) {
  if (node.clockOffsetMicros === null || node.clockOffsetMicros === undefined) return el('td', { 'data-field': 'clock' }, '–');
  const off = node.clockOffsetMicros;
  const unc = node.clockUncertaintyMicros ?? 0;
  const out = outOfBand(node, tolerance);
  return el('td', { 'data-field': 'clock', class: out ? 'out-of-band' : '', 'data-out-of-band': out ? 'true' : 'false' },
    `${off >= 0 ? '+' : ''}${off.toFixed(1)} ± ${unc.toFixed(1)} µs${out ? ' (out of band)' : ''}`);
}

function actions(node, report) {
  const act = (label, path) => el('button', {
    type: 'button', 'data-action': label, 'aria-label': `${label} ${node.id}`,
    onclick: async () => {
      try { await operatorPost(path); report(`${label} ${node.id}: accepted`, false); } catch (e) { report(`${label} ${node.id}: ${e.message}`, true); }
    },
  }, label);
  const list = [act('Clear fault', `/api/faults/${node.id}/clear`)];
  // embedded mode (cctsa up --faults) starts a fresh node with the same id; the runbook redistributes a share to it
  if (!node.online) list.push(act('Start replacement', `/api/faults/${node.id}/start`));
  return el('td', { class: 'actions' }, list);
}

export function renderCluster(view, report) {
  const state = document.getElementById('state');
  state.textContent = view.state;
  state.dataset.state = view.state;
  document.getElementById('alert').textContent = `alert: ${view.alertLevel}`;
  document.getElementById('epoch').textContent = view.epoch > 0 ? String(view.epoch) : 'none yet';
  document.getElementById('tolerance').textContent = `±${view.clockToleranceMicros} µs`;
  const certs = view.certificates.map((c) => el('div', {}, `${c.scheme}: serial ${c.serial}, expires ${utc(c.notAfter)}${c.revoked ? ' (REVOKED)' : ''}`));
  document.getElementById('certificates').replaceChildren(...(certs.length ? certs : ['none yet']));
  const keys = Object.entries(view.publicKeys || {}).map(([name, hex]) => el('div', {}, `${name}: ${hex}`));
  document.getElementById('public-keys').replaceChildren(...(keys.length ? keys : ['none yet']));
  const rows = view.nodes.map((n) => el('tr', { id: `node-${n.id}`, 'data-online': String(n.online) },
    el('th', { scope: 'row' }, n.id),
    el('td', {}, n.provider),
    el('td', { 'data-field': 'online' }, yesNo(n.online)),
    el('td', { 'data-field': 'attested' }, yesNo(n.attested)),
    el('td', { 'data-field': 'share' }, yesNo(n.holdsShare)),
    offsetCell(n, view.clockToleranceMicros),
    el('td', { 'data-field': 'excluded' }, n.excluded ? el('span', { class: 'no' }, 'excluded') : 'no'),
    actions(n, report)));
  const body = document.querySelector('#nodes tbody');
  // keep keyboard focus on a button across a redraw
  const focused = document.activeElement?.getAttribute('aria-label');
  body.replaceChildren(...rows);
  if (focused) body.querySelector(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
}
