// The admin page served by the API (/admin/), driven in Chromium: edit and save with only the
// changed fields and If-Match, conflicts and field errors shown, icon upload, live preview.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createWebchat, getWebchat, updateWebchat } from './support/api.mjs';
import { launch } from './support/browser.mjs';
import { artifactsDir, baseUrl, token } from './support/env.mjs';
import { badgePng } from './support/png.mjs';

describe('admin page', { timeout: 90_000 }, () => {
  let browser;
  let page;
  let webchat;

  before(async () => {
    browser = await launch();
    webchat = await createWebchat({
      name: 'Browser test widget',
      starterMessage: 'Hi! How can we help?',
      statusText: 'We reply in a few minutes',
      csatThankYouMessage: 'Thanks for your feedback!',
      allowedDomains: ['https://shop.example.com'],
    });
    page = await browser.context.newPage();
    // The token travels in the fragment, which never reaches the server.
    await page.goto(`${baseUrl}/admin/#token=${encodeURIComponent(token)}`);
    assert.equal(new URL(page.url()).hash, '', 'the token is removed from the address bar');
  });

  after(async () => {
    await browser?.close();
  });

  // Selects a webchat and waits until the form shows the version that this selection read (a
  // later change on the server must not race with the page's read).
  async function open(id) {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'GET' && r.url().endsWith(`/api/webchats/${id}`)),
      page.locator(`.webchat-item[data-id="${id}"]`).click(),
    ]);
    const etag = response.headers().etag;
    await page.waitForFunction((expected) => document.getElementById('webchat-form').dataset.etag === expected, etag);
  }

  test('lists the webchats and edits one, sending only the changed fields with If-Match', async () => {
    const { etag } = await getWebchat(webchat._id);
    await open(webchat._id);
    assert.equal(await page.locator('#starterMessage').inputValue(), 'Hi! How can we help?');

    await page.locator('#starterMessage').fill('Hello from the browser test');
    await page.locator('#primaryColor').fill('#0f766e');
    await page.locator('#dirty', { hasText: 'starterMessage, primaryColor' }).waitFor();

    const put = page.waitForRequest((request) => request.method() === 'PUT' && request.url().endsWith(`/api/webchats/${webchat._id}`));
    await page.locator('#save').click();
    const request = await put;
    assert.deepEqual(JSON.parse(request.postData()), { starterMessage: 'Hello from the browser test', primaryColor: '#0f766e' });
    assert.equal(request.headers()['if-match'], etag);
    assert.equal(request.headers()['content-type'], 'application/json');
    await page.locator('#status[data-kind="success"]', { hasText: 'Saved' }).waitFor();

    // Read back through the API, then through the page after a reload.
    const stored = await getWebchat(webchat._id);
    assert.equal(stored.doc.starterMessage, 'Hello from the browser test');
    assert.equal(stored.doc.primaryColor, '#0F766E');
    assert.equal(stored.doc.statusText, 'We reply in a few minutes');
    assert.notEqual(stored.etag, etag);

    await page.reload();
    await open(webchat._id);
    assert.equal(await page.locator('#starterMessage').inputValue(), 'Hello from the browser test');
    assert.equal(await page.locator('#primaryColor').inputValue(), '#0F766E');
  });

  test('shows a concurrent change as a conflict (412) and invalid fields next to the field (400)', async () => {
    await open(webchat._id);
    await updateWebchat(webchat._id, { description: 'changed elsewhere' }); // the page's ETag is now stale

    await page.locator('#statusText').fill('Back on Monday');
    await page.locator('#save').click();
    await page.locator('#status[data-kind="conflict"]', { hasText: 'Someone else changed this webchat' }).waitFor();
    assert.equal((await getWebchat(webchat._id)).doc.statusText, 'We reply in a few minutes');

    await page.locator('#reload').click();
    await page.waitForFunction(() => document.getElementById('description').value === 'changed elsewhere');
    await page.locator('#offsetX').fill('9999');
    await page.locator('#allowedDomains').fill('https://shop.example.com\nftp://files.example.com');
    await page.locator('#save').click();
    await page.locator('#status[data-kind="error"]').waitFor();
    assert.match(await page.locator('[data-error-for="offsetX"]').textContent(), /500/);
    assert.match(await page.locator('[data-error-for="allowedDomains"]').textContent(), /allowedDomains\[1\]/);
    assert.equal(await page.locator('#offsetX').getAttribute('class'), 'invalid');
    await page.locator('#revert').click();
  });

  test('uploads an icon and previews the widget live with its colours (screenshot saved)', async () => {
    await open(webchat._id);
    await page.locator('#icon-file').setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: badgePng() });
    await page.locator('#status[data-kind="success"]', { hasText: 'Icon uploaded' }).waitFor();
    const { doc } = await getWebchat(webchat._id);
    assert.match(doc.icon, /^http:\/\/.+\/icons\/.+\.png\?expires=\d+&sig=/);

    // The preview follows the form before anything is saved.
    await page.locator('#secondaryColor').fill('#EA580C');
    await page.locator('#headerTextColor').fill('#FDE68A');
    await page.locator('#position').selectOption('bottom-left');
    await page.locator('#offsetX').fill('40');
    await page.locator('#starterMessage').fill('Hi! Questions about your order?');

    const icon = page.locator('#widget-icon');
    await icon.waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const image = document.getElementById('widget-icon');
      return image.complete && image.naturalWidth === 64;
    });
    const styles = await page.evaluate(() => {
      const style = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
      return {
        header: style('.panel-header', 'backgroundColor'),
        headerText: style('#widget-name', 'color'),
        visitor: style('.bubble.visitor', 'backgroundColor'),
        panel: style('.panel', 'backgroundColor'),
        widgetLeft: style('#widget', 'left'),
        starter: document.getElementById('widget-starter').textContent,
        status: document.getElementById('widget-status').textContent,
      };
    });
    assert.deepEqual(styles, {
      header: 'rgb(15, 118, 110)', // #0F766E, saved in the first test
      headerText: 'rgb(253, 230, 138)',
      visitor: 'rgb(234, 88, 12)',
      panel: 'rgb(255, 255, 255)',
      widgetLeft: '40px',
      starter: 'Hi! Questions about your order?',
      status: 'We reply in a few minutes',
    });

    await page.locator('#preview').screenshot({ path: join(artifactsDir, 'preview.png') });
    await page.screenshot({ path: join(artifactsDir, 'admin-page.png'), fullPage: true });
    await page.locator('#revert').click();
  });
});
