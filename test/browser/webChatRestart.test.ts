import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { text } from '../../dialogs/text/index.js';
import { tempDir } from '../support.js';
import { launchChromium, startApp, type RunningApp } from './launch.js';

const WAIT = { timeout: 30_000 };

describe('Web Chat page across a server restart (Chromium)', function () {
  this.timeout(90_000);
  let running: RunningApp | undefined;
  let browser: Browser;

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  it('gets a new token by itself when its own is refused (the secret changed) and goes on in the same conversation', async () => {
    const dataDir = tempDir();
    running = await startApp(() => {}, { dataDir, directLineSecret: 'first-directline-secret-0123456789' });
    const port = Number(new URL(running.base).port);
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));


    const botSaid = (words: string) => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: words });
    const say = async (words: string) => {
      await page.locator('.webchat__send-box-text-box__input').fill(words);
      await page.locator('.webchat__send-box-text-box__input').press('Enter');
    };
    await page.goto(`${running.base}/`);
    await botSaid(text.welcome.lines[0]).first().waitFor(WAIT);
    await say('我要申请');
    await botSaid(text.application.consent.slice(0, 10)).last().waitFor(WAIT);
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('onevisit.user') ?? 'null') as { conversationId?: string });

    // Tokens are signed with a key derived from the secret: the page's token is no longer good.
    await running.close();
    running = await startApp(() => {}, { dataDir, directLineSecret: 'second-directline-secret-0123456789', port });

    await botSaid(text.application.consent.slice(0, 10)).last().waitFor(WAIT);
    await say('同意');
    await botSaid(text.application.prompts.role).last().waitFor(WAIT);
    const after = await page.evaluate(() => JSON.parse(localStorage.getItem('onevisit.user') ?? 'null') as { conversationId?: string });
    expect(after.conversationId).to.equal(kept.conversationId);
    expect(await page.locator('#chat-error').isVisible()).to.equal(false);
    expect(problems).to.deep.equal([]);
  });
});
