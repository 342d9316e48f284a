// The live preview: a mock of the widget on a customer's page, drawn with the form's values.
import { DEFAULT_COLOURS, isHexColour } from './fields.js';

const CSS_VARIABLES = {
  backgroundColor: '--wc-background',
  primaryColor: '--wc-primary',
  secondaryColor: '--wc-secondary',
  headerTextColor: '--wc-header-text',
  statusTextColor: '--wc-status-text',
  timestampColor: '--wc-timestamp',
  csatBackgroundColor: '--wc-csat-background',
  csatTextColor: '--wc-csat-text',
};

const clampInt = (value, min, max, fallback) =>
  Number.isInteger(value) ? Math.min(Math.max(value, min), max) : fallback;

/** Draws `values` (the form's current values) and `icon` (a URL or null) into the preview. */
export function renderPreview(root, values, icon) {
  const widget = root.querySelector('#widget');
  for (const [field, variable] of Object.entries(CSS_VARIABLES)) {
    const value = values[field];
    // CSSOM, not a style attribute: allowed by the page's Content-Security-Policy.
    widget.style.setProperty(variable, value && isHexColour(value) ? value : DEFAULT_COLOURS[field]);
  }

  const left = values.position === 'bottom-left';
  const offsetX = clampInt(values.offsetX, 0, 500, 24);
  widget.style.left = left ? `${offsetX}px` : 'auto';
  widget.style.right = left ? 'auto' : `${offsetX}px`;
  widget.style.bottom = `${clampInt(values.offsetY, 0, 500, 24)}px`;
  widget.style.zIndex = String(clampInt(values.zIndex, 0, 2147483647, 9999));
  widget.classList.toggle('left', left);

  const name = values.name?.trim() || 'Webchat';
  root.querySelector('#widget-name').textContent = name;
  root.querySelector('#widget-status').textContent = values.statusText ?? '';
  const starter = root.querySelector('#widget-starter');
  starter.textContent = values.starterMessage ?? '';
  starter.hidden = !values.starterMessage;
  const csat = root.querySelector('#widget-csat');
  csat.textContent = values.csatThankYouMessage ?? '';
  csat.hidden = !values.csatThankYouMessage;

  const image = root.querySelector('#widget-icon');
  const initial = root.querySelector('#widget-initial');
  if (icon) {
    if (image.getAttribute('src') !== icon) image.src = icon;
    image.hidden = false;
    initial.hidden = true;
  } else {
    image.removeAttribute('src');
    image.hidden = true;
    initial.hidden = false;
    initial.textContent = name.charAt(0).toUpperCase();
  }
}
