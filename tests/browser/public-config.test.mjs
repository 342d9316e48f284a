// The widget's public configuration in a real browser: a page on an allowed origin can read it,
// a page on any other origin cannot (the browser withholds the 403 answer from the page).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createWebchat } from './support/api.mjs';
import { launch } from './support/browser.mjs';
import { startCustomerSites } from './support/customer-sites.mjs';
import { baseUrl } from './support/env.mjs';

describe('public widget configuration across origins', { timeout: 60_000 }, () => {
  let browser;
  let sites;
  let restricted;
  let open;

  before(async () => {
    sites = await startCustomerSites();
    browser = await launch();
    // Site a may embed the restricted widget; site b may not. The open one allows every site.
    restricted = await createWebchat({
      name: 'Restricted widget',
      starterMessage: 'Hello from an allowed site',
      primaryColor: '#0E7490',
      allowedDomains: [sites.origins.a, 'https://*.example.com'],
    });
    open = await createWebchat({ name: 'Open widget', primaryColor: '#7C3AED', allowedDomains: [] });
  });

  after(async () => {
    await browser?.close();
    await sites?.close();
  });

  const publicUrl = (webchat) => `${baseUrl}/api/public/webchats/${webchat._id}`;

  async function openSite(origin) {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  const loadWidget = (page, webchat) => page.evaluate((url) => window.loadWidget(url), publicUrl(webchat));

  test('a page on an allowed origin reads the configuration and renders the launcher', async () => {
    const page = await openSite(sites.origins.a);
    try {
      const result = await loadWidget(page, restricted);
      assert.equal(result.read, true, JSON.stringify(result));
      assert.equal(result.status, 200);
      assert.equal(result.data.name, 'Restricted widget');
      assert.equal(result.data.organizationId, undefined);
      assert.equal(result.data.allowedDomains, undefined);
      assert.equal(await page.locator('#greeting').textContent(), 'Hello from an allowed site');
      const background = await page.locator('#launcher').evaluate((element) => getComputedStyle(element).backgroundColor);
      assert.equal(background, 'rgb(14, 116, 144)');
    } finally {
      await page.close();
    }
  });

  test('a page on a disallowed origin cannot read it: the browser blocks the answer', async () => {
    const page = await openSite(sites.origins.b);
    try {
      const failed = page.waitForEvent('requestfailed', { predicate: (request) => request.url() === publicUrl(restricted) });
      const corsMessage = page.waitForEvent('console', { predicate: (message) => /CORS/i.test(message.text()) });
      const result = await loadWidget(page, restricted);

      assert.equal(result.read, false, `the page could read the configuration: ${JSON.stringify(result)}`);
      assert.match(result.error, /^TypeError/);
      assert.equal(await page.locator('#launcher').isHidden(), true);
      assert.ok((await failed).failure(), 'the request is reported as failed');
      assert.match((await corsMessage).text(), /blocked by CORS policy/);

      // The server did answer that origin: 403, without a grant. The browser kept it from the page.
      const direct = await fetch(publicUrl(restricted), { headers: { Origin: sites.origins.b } });
      assert.equal(direct.status, 403);
      assert.equal(direct.headers.get('access-control-allow-origin'), null);
    } finally {
      await page.close();
    }
  });

  test('a webchat without allowed domains is readable from every origin', async () => {
    for (const origin of [sites.origins.a, sites.origins.b]) {
      const page = await openSite(origin);
      try {
        const result = await loadWidget(page, open);
        assert.equal(result.read, true, `${origin}: ${JSON.stringify(result)}`);
        assert.equal(result.data.name, 'Open widget');
      } finally {
        await page.close();
      }
    }
  });
});
