// The incidents panel: open and recent incidents with their runbook, the steps the engine recorded
// (time, outcome, a link to their events), the step in progress and what the operator must do.
import { el, utc, getJson, tokens } from './api.js';
import { RUNBOOKS } from './runbooks.js';

const RECENT = 8;

function stepItem(s, showEvents) {
  return el('li', { class: s.succeeded ? 'step-done' : 'step-failed' },
    `${s.succeeded ? '✓' : '✗'} ${s.step} — ${utc(s.at)}${s.detail ? ': ' + s.detail : ''} `,
    el('a', { href: '#audit', onclick: (e) => { e.preventDefault(); showEvents(s.at); } }, 'events'));
}

function incidentCard(i, showEvents) {
  const book = RUNBOOKS[i.kind];
  const card = el('article', { class: 'incident' + (i.resolved ? ' resolved' : ''), id: `incident-${i.id}`, 'data-kind': i.kind },
    el('h3', {}, `${i.kind} ${i.nodes.length ? '(' + i.nodes.join(', ') + ')' : ''} — ${i.resolved ? 'resolved' : 'open'}`),
    el('div', { class: 'muted' }, `opened ${utc(i.openedAt)} · ${i.id}`));
  if (book) {
    card.append(el('details', { open: !i.resolved },
      el('summary', {}, `Runbook (docs/RUNBOOKS.md ${book.doc})`),
      el('ol', { class: 'runbook' }, book.steps.map((s) => el('li', {}, s)))));
  }
  const done = i.steps.length ? el('ol', { class: 'steps' }, i.steps.map((s) => stepItem(s, showEvents))) : el('p', { class: 'muted' }, 'none recorded yet');
  // a resolved incident keeps its steps one click away
  card.append(i.resolved ? el('details', {}, el('summary', {}, `Steps done (${i.steps.length})`), done) : el('div', {}, 'Steps done:', done));
  if (!i.resolved) {
    card.append(el('p', { class: 'step-now' }, 'In progress: ' + (i.status || 'waiting for the runbook engine')));
    card.append(el('p', { class: 'operator' }, 'Operator: ' + (book?.operator ?? 'nothing to do; the TSA handles it.')));
  }
  return card;
}

export async function loadIncidents(showEvents) {
  const box = document.getElementById('incidents');
  let list;
  try { list = await getJson('/api/incidents', tokens.forAudit()); } catch (e) {
    box.replaceChildren(el('p', { class: 'no' }, `Incidents: ${e.message}`));
    return;
  }
  const open = list.filter((i) => !i.resolved);
  const recent = list.filter((i) => i.resolved).slice(-RECENT).reverse();
  box.replaceChildren(
    el('h3', {}, `Open (${open.length})`),
    ...(open.length ? open.map((i) => incidentCard(i, showEvents)) : [el('p', { class: 'muted' }, 'no open incident')]),
    el('h3', {}, 'Recent'),
    ...(recent.length ? recent.map((i) => incidentCard(i, showEvents)) : [el('p', { class: 'muted' }, 'none')]));
}
