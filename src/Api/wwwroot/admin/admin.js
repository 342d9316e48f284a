// The admin page: list the organization's webchats, edit one (only changed fields, If-Match),
// upload its icon, and preview the widget live. Plain ES modules, no build step.
import { ApiError, createApi } from './api.js';
import { COLOUR_LABELS, DEFAULT_COLOURS, changes, fill, isHexColour, read } from './fields.js';
import { renderPreview } from './preview.js';

const TOKEN_KEY = 'webchats.admin.token';
const $ = (selector) => document.querySelector(selector);

const state = {
  token: null,
  doc: null, // the webchat as last read from the API
  etag: null, // its ETag, sent back as If-Match
  nextCursor: null,
};

const api = createApi(() => state.token);
const form = $('#webchat-form');

// ---- status line and errors ----

function showStatus(message, kind = 'info') {
  const status = $('#status');
  status.textContent = message;
  status.dataset.kind = kind;
}

function clearErrors() {
  for (const element of document.querySelectorAll('[data-error-for]')) element.textContent = '';
  for (const element of document.querySelectorAll('.invalid')) element.classList.remove('invalid');
  const general = $('#general-errors');
  general.replaceChildren();
  general.hidden = true;
}

/** Shows a validation problem's errors next to their fields (`allowedDomains[2]` under allowedDomains). */
function showFieldErrors(errors) {
  const general = $('#general-errors');
  for (const [path, messages] of Object.entries(errors ?? {})) {
    const field = path.replace(/[[.].*$/, '');
    const target = document.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    const text = messages.map((message) => (path === field ? message : `${path}: ${message}`)).join(' ');
    if (target) {
      target.textContent = [target.textContent, text].filter(Boolean).join(' ');
      document.querySelector(`[data-field="${CSS.escape(field)}"]`)?.classList.add('invalid');
    } else {
      const line = document.createElement('p');
      line.textContent = `${path}: ${messages.join(' ')}`;
      general.append(line);
      general.hidden = false;
    }
  }
}

function showApiError(error, action) {
  if (!(error instanceof ApiError)) {
    showStatus(`${action} failed: ${error.message}`, 'error');
    return;
  }

  switch (error.status) {
    case 400:
      showFieldErrors(error.problem?.errors);
      showStatus(`${action} failed: ${error.problem?.detail ?? 'some fields are invalid'} Nothing was saved.`, 'error');
      break;
    case 401:
      showStatus('The token is missing, invalid or expired: paste a valid token above.', 'error');
      break;
    case 403:
      showStatus('The token lacks the scope for this (webchats:read to view, webchats:write to change).', 'error');
      break;
    case 404:
      showStatus('This webchat no longer exists (it was deleted).', 'error');
      break;
    case 412:
      showStatus('Someone else changed this webchat since you loaded it, so nothing was saved. '
        + 'Use "Reload from server" to see their version, then make your change again.', 'conflict');
      break;
    default:
      showStatus(`${action} failed (HTTP ${error.status || 'network'}): ${error.message}`, 'error');
  }
}

// ---- token ----

function readTokenFromFragment() {
  // "#token=…" keeps the token out of server logs; it is removed from the address bar at once.
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return token ?? sessionStorage.getItem(TOKEN_KEY);
}

async function useToken(token) {
  state.token = token?.trim() || null;
  $('#token').value = '';
  $('#token').placeholder = state.token ? 'token set (paste another to replace it)' : 'paste the dev token printed by make run';
  if (!state.token) {
    showStatus('Paste a bearer token (make run prints a dev token) to list your webchats.');
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, state.token);
  await loadList();
}

// ---- list ----

function listItem(webchat) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.id = webchat._id;
  button.className = 'webchat-item';
  const name = document.createElement('span');
  name.className = 'item-name';
  name.textContent = webchat.name;
  const badge = document.createElement('span');
  badge.className = webchat.isEnabled ? 'badge on' : 'badge off';
  badge.textContent = webchat.isEnabled ? 'enabled' : 'disabled';
  button.append(name, badge);
  button.addEventListener('click', () => select(webchat._id));
  item.append(button);
  return item;
}

async function loadList(append = false) {
  try {
    const { body } = await api.list(append ? state.nextCursor : null);
    const list = $('#webchat-list');
    if (!append) list.replaceChildren();
    list.append(...body.data.map(listItem));
    state.nextCursor = body.nextCursor;
    $('#load-more').hidden = !body.nextCursor;
    markSelected();
    if (!append) showStatus(body.data.length ? `${list.children.length} webchat(s). Select one to edit it.` : 'No webchats yet: create one.');
  } catch (error) {
    showApiError(error, 'Listing webchats');
  }
}

function markSelected() {
  for (const button of document.querySelectorAll('.webchat-item')) {
    button.setAttribute('aria-current', String(button.dataset.id === state.doc?._id));
  }
}

function refreshListItem(doc) {
  const button = document.querySelector(`.webchat-item[data-id="${CSS.escape(doc._id)}"]`);
  if (button) button.parentElement.replaceWith(listItem(doc));
  markSelected();
}

// ---- editor ----

function load(doc, etag) {
  state.doc = doc;
  state.etag = etag;
  form.dataset.etag = etag ?? ''; // the version the form shows (and will send as If-Match)
  clearErrors();
  fill(form, doc);
  syncColourPickers();
  $('#editor').hidden = false;
  $('#preview').hidden = false;
  $('#preview-empty').hidden = true;
  $('#editor-title').textContent = doc.name;
  $('#webchat-id').textContent = doc._id;
  showIcon(doc.icon);
  markSelected();
  onEdit();
}

async function select(id) {
  try {
    const { body, etag } = await api.get(id);
    load(body.data, etag);
    showStatus(`Editing "${body.data.name}".`);
  } catch (error) {
    showApiError(error, 'Loading the webchat');
  }
}

function onEdit() {
  if (!state.doc) return;
  const values = read(form);
  const changed = Object.keys(changes(state.doc, values));
  $('#dirty').textContent = changed.length ? `Unsaved: ${changed.join(', ')}` : 'No unsaved changes';
  renderPreview($('#preview'), values, state.doc.icon);
}

async function save(event) {
  event.preventDefault();
  if (!state.doc) return;
  clearErrors();
  const body = changes(state.doc, read(form));
  if (Object.keys(body).length === 0) {
    showStatus('Nothing changed, so nothing was sent.');
    return;
  }

  $('#save').disabled = true;
  try {
    const result = await api.update(state.doc._id, body, state.etag);
    load(result.body.data, result.etag);
    refreshListItem(result.body.data);
    showStatus(`Saved: ${Object.keys(body).join(', ')}.`, 'success');
  } catch (error) {
    showApiError(error, 'Saving');
  } finally {
    $('#save').disabled = false;
  }
}

async function reload() {
  if (state.doc) await select(state.doc._id);
}

// ---- colours ----

function buildColourFields() {
  const container = $('#colour-fields');
  for (const [name, label] of Object.entries(COLOUR_LABELS)) {
    const field = document.createElement('div');
    field.className = 'field colour';
    const labelElement = document.createElement('label');
    labelElement.htmlFor = name;
    labelElement.textContent = label;
    const picker = document.createElement('input');
    picker.type = 'color';
    picker.dataset.pickerFor = name;
    picker.setAttribute('aria-label', `${label} picker`);
    const text = document.createElement('input');
    text.type = 'text';
    text.id = name;
    text.dataset.field = name;
    text.placeholder = DEFAULT_COLOURS[name];
    text.spellcheck = false;
    text.maxLength = 9;
    const error = document.createElement('p');
    error.className = 'field-error';
    error.dataset.errorFor = name;
    picker.addEventListener('input', () => {
      // The picker has no alpha: keep an existing alpha byte.
      const alpha = /^#[0-9a-f]{8}$/i.test(text.value) ? text.value.slice(7) : '';
      text.value = picker.value.toUpperCase() + alpha;
      onEdit();
    });
    text.addEventListener('input', () => syncColourPickers());
    const inputs = document.createElement('div');
    inputs.className = 'colour-inputs';
    inputs.append(picker, text);
    field.append(labelElement, inputs, error);
    container.append(field);
  }
}

function syncColourPickers() {
  for (const picker of document.querySelectorAll('[data-picker-for]')) {
    const value = document.getElementById(picker.dataset.pickerFor).value.trim();
    let hex = isHexColour(value) ? value : DEFAULT_COLOURS[picker.dataset.pickerFor];
    if (hex.length === 4) hex = `#${hex[1]}${hex[1]}${hex[2]}${hex[2]}${hex[3]}${hex[3]}`;
    picker.value = hex.slice(0, 7).toLowerCase();
  }
}

// ---- icon ----

function showIcon(url) {
  const image = $('#icon-image');
  if (url) {
    image.src = url;
    image.hidden = false;
  } else {
    image.removeAttribute('src');
    image.hidden = true;
  }
  $('#no-icon').hidden = Boolean(url);
  $('#remove-icon').disabled = !url;
}

async function uploadIcon() {
  const file = $('#icon-file').files[0];
  if (!file || !state.doc) return;
  clearErrors();
  // Other unsaved edits stay in the form: the upload changes only the icon.
  const pending = read(form);
  try {
    const result = await api.uploadIcon(state.doc._id, file);
    state.doc = result.body.data;
    state.etag = result.etag;
    form.dataset.etag = result.etag ?? '';
    showIcon(state.doc.icon);
    fill(form, { ...state.doc, ...pending });
    onEdit();
    showStatus('Icon uploaded.', 'success');
  } catch (error) {
    showApiError(error, 'Uploading the icon');
  } finally {
    $('#icon-file').value = '';
  }
}

async function removeIcon() {
  if (!state.doc) return;
  clearErrors();
  const pending = read(form);
  try {
    const result = await api.removeIcon(state.doc._id, state.etag);
    state.doc = result.body.data;
    state.etag = result.etag;
    form.dataset.etag = result.etag ?? '';
    showIcon(null);
    fill(form, { ...state.doc, ...pending });
    onEdit();
    showStatus('Icon removed.', 'success');
  } catch (error) {
    showApiError(error, 'Removing the icon');
  }
}

// ---- create ----

async function create(event) {
  event.preventDefault();
  const name = $('#new-name').value;
  try {
    const result = await api.create({ name });
    $('#new-name').value = '';
    await loadList();
    load(result.body.data, result.etag);
    showStatus(`Created "${result.body.data.name}".`, 'success');
  } catch (error) {
    if (error instanceof ApiError && error.status === 400 && error.problem?.errors) {
      const errors = Object.entries(error.problem.errors).map(([path, messages]) => `${path} ${messages.join(' ')}`);
      showStatus(`Creating failed: ${errors.join('; ')}`, 'error');
    } else {
      showApiError(error, 'Creating the webchat');
    }
  }
}

// ---- wiring ----

buildColourFields();
form.addEventListener('input', onEdit);
form.addEventListener('change', onEdit);
form.addEventListener('submit', save);
$('#revert').addEventListener('click', () => state.doc && load(state.doc, state.etag));
$('#reload').addEventListener('click', reload);
$('#load-more').addEventListener('click', () => loadList(true));
$('#icon-file').addEventListener('change', uploadIcon);
$('#remove-icon').addEventListener('click', removeIcon);
$('#create-form').addEventListener('submit', create);
$('#token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  useToken($('#token').value);
});
$('#forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  state.token = null;
  state.doc = null;
  $('#webchat-list').replaceChildren();
  $('#editor').hidden = true;
  $('#preview').hidden = true;
  $('#preview-empty').hidden = false;
  useToken(null);
});

useToken(readTokenFromFragment());
