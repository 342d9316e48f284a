// The editable fields of a webchat, how the form shows them and how a change is detected.
// Only fields whose value differs from the loaded document are sent (patch semantics, api.md §3).

export const DEFAULT_COLOURS = {
  backgroundColor: '#FFFFFF',
  primaryColor: '#1F2937',
  secondaryColor: '#3B82F6',
  headerTextColor: '#FFFFFF',
  statusTextColor: '#D1D5DB',
  timestampColor: '#9CA3AF',
  csatBackgroundColor: '#F3F4F6',
  csatTextColor: '#111827',
};

export const COLOUR_LABELS = {
  backgroundColor: 'Background',
  primaryColor: 'Primary (header, launcher)',
  secondaryColor: 'Secondary (visitor bubbles)',
  headerTextColor: 'Header text',
  statusTextColor: 'Status text',
  timestampColor: 'Timestamps',
  csatBackgroundColor: 'CSAT background',
  csatTextColor: 'CSAT text',
};

// kind: text (required string), optional (string or null), colour, integer, boolean, list, choice
export const FIELDS = {
  name: 'text',
  description: 'optional',
  starterMessage: 'optional',
  ...Object.fromEntries(Object.keys(DEFAULT_COLOURS).map((name) => [name, 'colour'])),
  statusText: 'optional',
  csatThankYouMessage: 'optional',
  promptId: 'optional',
  allowedDomains: 'list',
  pipelineId: 'optional',
  pipelineStage: 'optional',
  initialStage: 'optional',
  isAutopilot: 'boolean',
  isEnabled: 'boolean',
  position: 'choice',
  offsetX: 'integer',
  offsetY: 'integer',
  zIndex: 'integer',
};

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

export const isHexColour = (value) => HEX.test(value);

/** Puts a document's values into the form. */
export function fill(form, doc) {
  for (const [name, kind] of Object.entries(FIELDS)) {
    const input = form.querySelector(`[data-field="${name}"]`);
    const value = doc[name];
    if (kind === 'boolean') input.checked = Boolean(value);
    else if (kind === 'list') input.value = (value ?? []).join('\n');
    else input.value = value ?? '';
  }
}

/** The form's values in the API's shape (an empty optional text is null). */
export function read(form) {
  const values = {};
  for (const [name, kind] of Object.entries(FIELDS)) {
    const input = form.querySelector(`[data-field="${name}"]`);
    switch (kind) {
      case 'boolean':
        values[name] = input.checked;
        break;
      case 'list':
        values[name] = input.value.split('\n').map((line) => line.trim()).filter((line) => line !== '');
        break;
      case 'integer':
        // An empty or unreadable number is sent as null: the API answers "must not be null".
        values[name] = input.value.trim() === '' || Number.isNaN(input.valueAsNumber) ? null : input.valueAsNumber;
        break;
      case 'optional':
        values[name] = input.value.trim() === '' ? null : input.value;
        break;
      case 'colour':
        // Empty resets the colour to its default (api.md §3).
        values[name] = input.value.trim() === '' ? null : input.value.trim();
        break;
      default:
        values[name] = input.value;
    }
  }
  return values;
}

function same(kind, before, after) {
  if (kind === 'list') return before.length === after.length && before.every((value, i) => value === after[i]);
  if (kind === 'colour') return after !== null && typeof before === 'string' && before.toUpperCase() === after.toUpperCase();
  if (kind === 'optional') return (before ?? null) === after || (typeof before === 'string' && typeof after === 'string' && before === after.trim());
  return before === after;
}

/** Only the fields that differ from the loaded document: the body of the PUT. */
export function changes(doc, values) {
  const changed = {};
  for (const [name, kind] of Object.entries(FIELDS)) {
    if (!same(kind, doc[name] ?? (kind === 'list' ? [] : null), values[name])) changed[name] = values[name];
  }
  return changed;
}
