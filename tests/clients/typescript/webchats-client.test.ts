// openapi-typescript + openapi-fetch, as an integrator uses them: the types come from the
// service's own document (generated/webchats.d.ts, made by scripts/client-tests.sh), and the
// requests go to the running service on real PostgreSQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/webchats.js';

type Webchat = components['schemas']['Webchat'];
type ValidationProblem = components['schemas']['ValidationProblem'];

// openapi-fetch types `error` as any of the operation's problem bodies; a 400 carries `errors`.
function fieldErrors(error: object | undefined): ValidationProblem['errors'] {
  assert.ok(error && 'errors' in error, `not a validation problem: ${JSON.stringify(error)}`);
  return (error as ValidationProblem).errors;
}

const baseUrl = process.env.WEBCHATS_BASE_URL ?? assert.fail('WEBCHATS_BASE_URL is not set: run scripts/client-tests.sh');
const token = process.env.WEBCHATS_TOKEN ?? assert.fail('WEBCHATS_TOKEN is not set: run scripts/client-tests.sh');
const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });

async function create(name: string): Promise<Webchat> {
  const { data, error, response } = await client.POST('/api/webchats', {
    body: { name, description: 'Before', offsetX: 40, isEnabled: false },
  });
  assert.equal(response.status, 201, JSON.stringify(error));
  assert.ok(data);
  assert.equal(response.headers.get('Location'), `/api/webchats/${data.data._id}`);
  return data.data;
}

test('creates a webchat with its defaults', async () => {
  const webchat = await create('TypeScript create');
  assert.match(webchat._id, /^[0-9a-f]{24}$/);
  assert.equal(webchat.name, 'TypeScript create');
  assert.equal(webchat.primaryColor, '#1F2937');
  assert.equal(webchat.position, 'bottom-right');
  assert.equal(webchat.offsetX, 40);
});

test("the reference page's PUT sets its three fields and leaves every other one as it was", async () => {
  const before = await create('TypeScript patch');
  const { data, response } = await client.PUT('/api/webchats/{id}', {
    params: { path: { id: before._id } },
    body: {
      starterMessage: 'Hi! Looking for help today?',
      isEnabled: true,
      allowedDomains: ['https://example.com', 'https://help.example.com'],
    },
  });
  assert.equal(response.status, 200);
  assert.ok(data);
  const { starterMessage, isEnabled, allowedDomains, updatedAt, updatedBy, ...unchanged } = data.data;
  assert.equal(starterMessage, 'Hi! Looking for help today?');
  assert.equal(isEnabled, true);
  assert.deepEqual(allowedDomains, ['https://example.com', 'https://help.example.com']);
  const { starterMessage: _s, isEnabled: _e, allowedDomains: _a, updatedAt: _t, updatedBy: _b, ...rest } = before;
  assert.deepEqual(unchanged, rest);
  assert.ok(updatedAt >= before.updatedAt);
  assert.ok(updatedBy);
});

test('an explicit null clears a field', async () => {
  const before = await create('TypeScript clear');
  const { data } = await client.PUT('/api/webchats/{id}', { params: { path: { id: before._id } }, body: { description: null } });
  assert.equal(before.description, 'Before');
  assert.equal(data?.data.description, null);
  assert.equal(data?.data.offsetX, 40);
});

test('the types reject a misspelt field at compile time', async () => {
  const before = await create('TypeScript typo');
  // openapi-fetch's request options are generic, so the schema type itself is what checks the literal.
  // @ts-expect-error isEnable is not a field of the update schema: tsc fails if the document allows it.
  const typo: components['schemas']['WebchatUpdate'] = { isEnable: true };
  const { error, response } = await client.PUT('/api/webchats/{id}', { params: { path: { id: before._id } }, body: typo });
  assert.equal(response.status, 400);
  assert.deepEqual(Object.keys(fieldErrors(error)), ['isEnable']);
});

test('invalid values give a typed validation problem with every error', async () => {
  const before = await create('TypeScript invalid');
  const { data, error, response } = await client.PUT('/api/webchats/{id}', {
    params: { path: { id: before._id } },
    body: { primaryColor: 'blue', offsetX: 501 },
  });
  assert.equal(data, undefined);
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('Content-Type'), 'application/problem+json');
  assert.ok(error);
  assert.equal(error.status, 400);
  assert.ok(error.traceId.length > 0);
  assert.deepEqual(Object.keys(fieldErrors(error)).sort(), ['offsetX', 'primaryColor']);
});

test('an unknown webchat is a typed 404 problem', async () => {
  const { error, response } = await client.GET('/api/webchats/{id}', { params: { path: { id: '000000000000000000000000' } } });
  assert.equal(response.status, 404);
  assert.equal(error?.status, 404);
  assert.ok(error?.detail);
});

test('the ETag makes a stale If-Match a 412, and the first write stays', async () => {
  const webchat = await create('TypeScript etag');
  const read = await client.GET('/api/webchats/{id}', { params: { path: { id: webchat._id } } });
  const etag = read.response.headers.get('ETag') ?? assert.fail('no ETag on GET');
  const path = { id: webchat._id };

  const first = await client.PUT('/api/webchats/{id}', { params: { path, header: { 'If-Match': etag } }, body: { name: 'Changed' } });
  const stale = await client.PUT('/api/webchats/{id}', { params: { path, header: { 'If-Match': etag } }, body: { name: 'Lost' } });
  const stored = await client.GET('/api/webchats/{id}', { params: { path } });
  assert.equal(first.response.status, 200);
  assert.equal(stale.response.status, 412);
  assert.equal(stale.error?.status, 412);
  assert.equal(stored.data?.data.name, 'Changed');
});
