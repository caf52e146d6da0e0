// Calls to the control plane's own API, with the tokens the operator typed in this tab.
// Tokens live in sessionStorage only (gone with the tab), are sent as Bearer headers, never in a URL.
const OPERATOR = 'cctsa.operatorToken';
const AUDITOR = 'cctsa.auditorToken';

export const tokens = {
  operator: () => sessionStorage.getItem(OPERATOR),
  auditor: () => sessionStorage.getItem(AUDITOR),
  set(kind, value) { sessionStorage.setItem(kind === 'auditor' ? AUDITOR : OPERATOR, value.trim()); },
  // audit views: the auditor token if given, else the operator token (it reads too), else none (loopback)
  forAudit() { return this.auditor() || this.operator(); },
};

function headers(token, json) {
  const h = { Accept: 'application/json' };
  if (token) h.Authorization = 'Bearer ' + token;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

// A refused or failed call becomes an Error whose message says why (the ProblemDetails detail).
export class ApiError extends Error {
  constructor(status, detail) { super(`Refused (HTTP ${status}): ${detail}`); this.status = status; }
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail || body.title || response.statusText;
  } catch { return response.statusText || 'no detail'; }
}

export async function getJson(path, token) {
  const r = await fetch(path, { headers: headers(token, false), cache: 'no-store' });
  if (!r.ok) throw new ApiError(r.status, await problem(r));
  return r.json();
}

// An operator action: POST with the operator token and a JSON body (the gate refuses anything else).
export async function operatorPost(path, body) {
  const r = await fetch(path, { method: 'POST', headers: headers(tokens.operator(), true), body: JSON.stringify(body ?? {}) });
  if (!r.ok) throw new ApiError(r.status, await problem(r));
  return r.status === 204 ? null : r.json();
}

export function text(s) { return s === null || s === undefined ? '' : String(s); }

export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : text(c));
  return e;
}

export function utc(iso) { return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : ''; }
