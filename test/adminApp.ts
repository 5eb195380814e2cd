import { createApp, type App } from '../bot/app.js';
import { silentLogger } from '../bot/logger.js';
import type { Clock } from '../data/clock.js';
import { testConfig } from './support.js';

/**
 * The whole app on a free port with `ADMIN_TOKEN` set, started before each test of the calling
 * `describe` and closed after it. `call` sends a body (JSON, or a string as it is) with the
 * token, or with another one (`''` for none).
 */
export function adminAppPerTest(token: string, clock: Clock) {
  let app: App;
  let base = '';
  beforeEach(async () => {
    app = await createApp({ config: testConfig({ adminToken: token }), logger: silentLogger, clock });
    base = await app.listen();
  });
  afterEach(() => app.close());
  return {
    get app() {
      return app;
    },
    call: (method: string, path: string, body?: unknown, bearer = token) =>
      fetch(`${base}${path}`, {
        method,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
  };
}
