// The Webchats API as the admin page uses it: same origin, bearer token, problem+json errors.

/** An error answer of the API; `problem` is its RFC 9457 body when it had one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The request failed (HTTP ${status}).`);
    this.status = status;
    this.problem = problem ?? null;
  }
}

export function createApi(getToken) {
  async function send(method, path, { json, form, ifMatch } = {}) {
    const headers = { Accept: 'application/json' };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (ifMatch) headers['If-Match'] = ifMatch;
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      body = form; // the browser sets multipart/form-data with its boundary
    }

    let response;
    try {
      response = await fetch(path, { method, headers, body, cache: 'no-store' });
    } catch (error) {
      throw new ApiError(0, { detail: `The API could not be reached (${error.message}).` });
    }

    const text = await response.text();
    let parsed = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { detail: text.slice(0, 300) };
      }
    }

    if (!response.ok) throw new ApiError(response.status, parsed);
    return { status: response.status, etag: response.headers.get('ETag'), body: parsed };
  }

  return {
    list: (cursor) => send('GET', `/api/webchats?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    get: (id) => send('GET', `/api/webchats/${encodeURIComponent(id)}`),
    create: (fields) => send('POST', '/api/webchats', { json: fields }),
    update: (id, changes, etag) => send('PUT', `/api/webchats/${encodeURIComponent(id)}`, { json: changes, ifMatch: etag }),
    uploadIcon: (id, file) => {
      const form = new FormData();
      form.append('file', file);
      return send('POST', `/api/webchats/${encodeURIComponent(id)}/icon`, { form });
    },
    removeIcon: (id, etag) => send('DELETE', `/api/webchats/${encodeURIComponent(id)}/icon`, { ifMatch: etag }),
  };
}
