import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';
import { chromium, type Browser } from 'playwright-core';
import { createApp, type App } from '../../bot/app.js';
import type { Config } from '../../bot/config.js';
import { silentLogger } from '../../bot/logger.js';
import { systemClock, type Clock } from '../../data/clock.js';
import { tempDir, testConfig } from '../support.js';

/**
 * Debian's Chromium, as the machine notes describe it. Playwright's own browser download does
 * not work here; `.ci/run` installs `chromium` with apt-get instead.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * The flags Chromium needs on a closed network, as root. `--headless` comes from `headless:
 * true`, `--no-sandbox` from Playwright's default `chromiumSandbox: false`, and Playwright
 * always starts the browser on a fresh, temporary `--user-data-dir` of its own (it refuses one
 * in `args`); they are listed anyway where Playwright accepts them.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts headless Chromium for a browser test. A missing browser fails the test, never skips
 * it: CI installs Chromium, so its absence is a broken set-up to fix, not a reason to pass.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the browser tests need it. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (.ci/run does), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface RunningApp {
  app: App;
  /** e.g. `http://127.0.0.1:40123` */
  base: string;
  config: Config;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * The real app (createApp with testConfig: fresh data folder, port 0, silent log), with extra
 * routes registered on `app.server` before it listens: how a page's routes are tested before
 * they are wired into bot/app.ts, with the same config and clock the app itself uses.
 */
export async function startApp(
  register: (app: App, env: { config: Config; clock: Clock }) => void = () => {},
  overrides: Partial<Config> = {},
): Promise<RunningApp> {
  const config = testConfig(overrides);
  const clock = systemClock;
  const app = await createApp({ config, logger: silentLogger, clock });
  try {
    register(app, { config, clock });
    const base = await app.listen();
    return { app, base, config, clock, close: () => app.close() };
  } catch (err) {
    await app.close().catch(() => {});
    throw err;
  }
}

/**
 * Where a test keeps a page's screenshot: docs/<name> when UPDATE_SCREENSHOTS=1 (to refresh
 * the README's pictures), else a temp folder, so running the tests leaves the tree clean.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(projectRoot, 'docs') : tempDir('onevisit-shots-');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
