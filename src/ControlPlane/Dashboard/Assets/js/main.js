// Wires the dashboard: first state from /api/dashboard, then /api/stream keeps every panel current.
import { getJson, operatorPost, tokens, ApiError } from './api.js';
import { openStream } from './stream.js';
import { renderCluster } from './cluster.js';
import { Charts } from './charts.js';
import { loadIncidents } from './incidents.js';
import { AuditTrail } from './audit.js';

const $ = (id) => document.getElementById(id);
const INCIDENT_EVENTS = new Set(['incident_opened', 'runbook_step_completed', 'incident_resolved', 'checklist_token_recorded', 'cluster_state_changed', 'node_lost', 'node_readmitted']);
const STATE_NAMES = { healthy: 'Healthy', degraded: 'Degraded', critical: 'Critical', unavailable: 'Unavailable', recovering: 'Recovering' };

// the state timeline before the page opened: the last 15 minutes of cluster_state_changed
async function loadStateHistory() {
  const from = new Date(Date.now() - 15 * 60 * 1000).toISOString();
  try {
    const page = await getJson(`/api/events?type=cluster_state_changed&from=${encodeURIComponent(from)}&limit=1000`, tokens.forAudit());
    for (const e of page.events) {
      const state = STATE_NAMES[String(e.data.to).toLowerCase()];
      if (state) charts.addState(Date.parse(e.timestamp) / 1000, state);
    }
  } catch {
    // audit reads refused (no auditor token off loopback): the timeline starts now, the audit panel says why
  }
}

function report(message, refused) {
  const box = $('action-result');
  box.hidden = false;
  box.textContent = message;
  box.className = 'action-result' + (refused ? ' refused' : '');
}

function askToken(kind) {
  $('token-kind').value = kind;
  $('token-form').hidden = false;
  $('token-input').focus();
}

const audit = new AuditTrail();
const charts = new Charts();
let incidentTimer = null;
let lastIncidentLoad = 0;
let hasOpen = false;
let stream = null;

function reloadIncidents(delay) {
  if (incidentTimer) return;
  incidentTimer = setTimeout(async () => {
    incidentTimer = null;
    lastIncidentLoad = Date.now();
    await loadIncidents((at) => audit.showAround(at));
    hasOpen = document.querySelectorAll('#incidents .incident:not(.resolved)').length > 0;
  }, delay);
}

function startStream() {
  stream = openStream({
    open: () => { $('live').textContent = '● live'; $('live').classList.add('on'); },
    closed: () => { $('live').textContent = '○ reconnecting'; $('live').classList.remove('on'); },
    refused: (status, detail) => {
      $('live').textContent = '○ offline';
      report(`Live stream refused (HTTP ${status}): ${detail}`, true);
      if (status === 401 || status === 403) askToken('auditor');
      stream = null;
    },
    dashboard: (view) => {
      renderCluster(view, report);
      charts.addView(view);
      // the engine's status line changes without an event: refresh open incidents now and then
      if (hasOpen && Date.now() - lastIncidentLoad > 3000) reloadIncidents(0);
    },
    audit: (e) => {
      if (INCIDENT_EVENTS.has(e.type)) reloadIncidents(300);
      if (e.type === 'cluster_state_changed' && STATE_NAMES[String(e.data.to).toLowerCase()])
        charts.addState(Date.parse(e.timestamp) / 1000, STATE_NAMES[String(e.data.to).toLowerCase()]);
      audit.onEvent();
    },
  });
}

$('token-button').addEventListener('click', () => askToken('operator'));
$('token-cancel').addEventListener('click', () => { $('token-form').hidden = true; $('token-button').focus(); });
$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  tokens.set($('token-kind').value, $('token-input').value);
  $('token-input').value = '';
  $('token-form').hidden = true;
  report(`${$('token-kind').value} token kept for this tab`, false);
  if (!stream) startStream();
  reloadIncidents(0);
  audit.first(true);
  audit.verifyChain();
});

$('compromise-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const nodes = $('compromise-nodes').value.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    const r = await operatorPost('/api/incidents/compromise', { nodes, at: new Date().toISOString(), reason: $('compromise-reason').value });
    report(`Compromise reported: incident ${r.incident} opened`, false);
    reloadIncidents(0);
  } catch (err) {
    report('Report compromise: ' + err.message, true);
    if (err instanceof ApiError && err.status === 401) askToken('operator');
  }
});

async function start() {
  await loadStateHistory();
  try {
    const view = await getJson('/api/dashboard');
    renderCluster(view, report);
    charts.addView(view);
    audit.setTypes(view.eventTypes || []);
  } catch (e) {
    report('Dashboard: ' + e.message, true);
  }
  startStream();
  reloadIncidents(0);
  audit.first(true);
  audit.verifyChain();
  setInterval(() => audit.verifyChain(), 60000);
}

start();
