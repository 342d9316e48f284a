// Two "customer sites" on two loopback origins (http://127.0.0.1:<p1> and http://localhost:<p2>),
// each serving the same tiny page that embeds a widget loader (pages/).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const FILES = {
  '/': ['customer-page.html', 'text/html; charset=utf-8'],
  '/widget-loader.js': ['widget-loader.js', 'text/javascript; charset=utf-8'],
};

function serve() {
  const server = createServer((request, response) => {
    const file = FILES[new URL(request.url, 'http://site').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': file[1], 'Cache-Control': 'no-store' });
    response.end(readFileSync(new URL(`../pages/${file[0]}`, import.meta.url)));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Starts both sites; `origins.a` and `origins.b` differ in host and port. */
export async function startCustomerSites() {
  const [a, b] = await Promise.all([serve(), serve()]);
  return {
    origins: {
      a: `http://127.0.0.1:${a.address().port}`,
      b: `http://localhost:${b.address().port}`,
    },
    async close() {
      await Promise.all([a, b].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
