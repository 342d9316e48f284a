// The API from Node, with the test token: set-up and read-back outside the browser.
import assert from 'node:assert/strict';
import { baseUrl, token } from './env.mjs';

async function call(method, path, { json, ifMatch } = {}) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

export async function createWebchat(fields) {
  const result = await call('POST', '/api/webchats', { json: fields });
  assert.equal(result.status, 201, JSON.stringify(result.body));
  return result.body.data;
}

export async function getWebchat(id) {
  const result = await call('GET', `/api/webchats/${id}`);
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return { doc: result.body.data, etag: result.etag };
}

export async function updateWebchat(id, changes) {
  const result = await call('PUT', `/api/webchats/${id}`, { json: changes });
  assert.equal(result.status, 200, JSON.stringify(result.body));
  return { doc: result.body.data, etag: result.etag };
}
