import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { receivedFiles } from '../../bot/attachmentDownloads.js';
import { text } from '../../dialogs/text/index.js';
import { selfNewCertificateToAddress } from '../dialogs/harness.js';
import { launchChromium, screenshotPath, startApp, type RunningApp } from './launch.js';

const SCREENSHOT = screenshotPath('webchat.png');
/** A 1x1 PNG, as a phone's picker would hand it over. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const WAIT = { timeout: 15_000 };
const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/uploads/${name}`, import.meta.url));

/** A page's bubbles, and typing one message then waiting for the reply holding `reply`. */
function chatOn(tab: Page) {
  const userSaid = (words: string) => tab.locator('.webchat__bubble--from-user').filter({ hasText: words });
  const botSaid = (words: string) => tab.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: words });
  const say = async (words: string, reply: string) => {
    await tab.locator('.webchat__send-box-text-box__input').fill(words);
    await tab.locator('.webchat__send-box-text-box__input').press('Enter');
    await botSaid(reply).last().waitFor(WAIT);
  };
  return { userSaid, botSaid, say };
}

describe('Web Chat page at / (Chromium)', function () {
  this.timeout(30_000);
  let running: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  /** A phone-sized tab (390x844) on the chat, its welcome shown; the caller closes `phone`. */
  const onPhone = async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const small = await phone.newPage();
    const chat = chatOn(small);
    await small.goto(`${running.base}/`);
    await chat.botSaid(text.welcome.lines[0]).first().waitFor(WAIT);
    return { phone, small, ...chat };
  };

  const uploads: { name?: string; bytes: Buffer }[] = [];
  before(async () => {
    running = await startApp((app) =>
      app.adapter.use({
        async onTurn(context, next) {
          for (const got of receivedFiles(context) ?? []) if (got.ok) uploads.push(got.file);
          await next();
        },
      }),
    );
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 960, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    // Content-Security-Policy refusals and script errors show up here.
    page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${running.base}/`);
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  const botBubbles = () => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)');
  const sendBox = () => page.locator('.webchat__send-box-text-box__input');
  /** The suggested actions' bar (the transcript's live region repeats them, hidden, for screen readers). */
  const suggested = (label: string) => page.locator('.webchat__suggested-actions__button').filter({ hasText: label });

  it('shows the header in Chinese: the service, both hotlines, the privacy note', async () => {
    expect(await page.getAttribute('html', 'lang')).to.equal('zh-CN');
    const banner = page.getByRole('banner');
    expect(await banner.getByRole('heading', { level: 1 }).innerText()).to.equal('残疾人服务“一件事”在线助手');
    const header = await banner.innerText();
    const { government, federation } = running.app.region.hotlines;
    expect(header).to.include(government).and.include(federation).and.include(text.web.privacyTitle);
    // How long the page remembers the conversation (WEBCHAT_RESUME_DAYS), and how to clear it.
    expect(header).to.include(text.web.privacy(running.config.webchatResumeDays)).and.include(`“${text.web.clearRecords}”`);
    expect(await banner.getByRole('link', { name: government }).getAttribute('href')).to.equal(`tel:${government}`);
    expect(await page.getByRole('main').getAttribute('aria-label')).to.equal(text.web.chatLabel);
  });

  it('greets with the welcome and its buttons, large ones', async () => {
    await botBubbles().filter({ hasText: text.welcome.lines[0] }).first().waitFor(WAIT);
    for (const label of text.welcome.buttons) {
      const button = suggested(label);
      await button.waitFor(WAIT);
      expect((await button.boundingBox())?.height).to.be.at.least(48);
    }
  });

  it('answers a question typed in the send box', async () => {
    await sendBox().fill('残疾证有效期几年');
    await sendBox().press('Enter');
    const answer = botBubbles().filter({ hasText: '10' }).first();
    await answer.waitFor(WAIT);
    expect(await answer.innerText()).to.include('10');
  });

  it('keeps a screenshot for the README (the answer and its buttons), commit-sized', async () => {
    await suggested(text.answer.helpful).waitFor(WAIT);
    await page.screenshot({ path: SCREENSHOT });
    expect(statSync(SCREENSHOT).size).to.be.below(300 * 1024);
  });

  it('takes a tapped suggested action as the user’s answer', async () => {
    await suggested(text.answer.helpful).click();
    await page.locator('.webchat__bubble--from-user').filter({ hasText: text.answer.helpful }).first().waitFor(WAIT);
    await botBubbles().filter({ hasText: text.feedback.thanks }).first().waitFor(WAIT);
  });

  it('has a larger-text switch that works from the keyboard', async () => {
    const toggle = page.getByRole('button', { name: text.web.largeText });
    const bubbleFont = async () =>
      parseFloat(await botBubbles().filter({ hasText: text.feedback.thanks }).first().evaluate((el) => getComputedStyle(el).fontSize));
    const before = await bubbleFont();
    expect(await toggle.getAttribute('aria-pressed')).to.equal('false');
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(await bubbleFont()).to.be.at.least(before * 1.25);
    // Web Chat re-rendered with the larger style, the conversation kept.
    expect(await botBubbles().filter({ hasText: '10' }).count()).to.be.at.least(1);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(await bubbleFont()).to.equal(before);
  });

  it('keeps the welcome in view on a phone in 大字模式 (the header shrinks to a bar)', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      const small = await phone.newPage();
      await small.goto(`${running.base}/`);
      await small.getByRole('button', { name: text.web.largeText }).click();
      const welcome = small.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text.welcome.lines[0] }).first();
      await welcome.waitFor(WAIT);
      await small.locator('.webchat__suggested-actions__button').first().waitFor(WAIT);
      const header = (await small.getByRole('banner').boundingBox())!;
      const bubble = (await welcome.boundingBox())!;
      // The welcome's last lines are on screen, below the header, not scrolled away behind the buttons.
      expect(header.height).to.be.below(844 / 4);
      expect(bubble.y + bubble.height).to.be.above(header.y + header.height + 40);
      expect(await small.getByRole('link', { name: running.app.region.hotlines.government }).isVisible()).to.equal(true);
    } finally {
      await phone.close();
    }
  });

  it('shows every button of the longest question (the 8 items) on a 390x844 phone without scrolling; hotlines and privacy note one tap away', async () => {
    const { phone, small, say } = await onPhone();
    try {
      await say('我要申请', text.application.consent.slice(0, 10));
      await say('同意', text.application.prompts.role);
      await say('给我自己', text.application.prompts.items.slice(0, 8));
      const items = Object.values(text.application.itemOptions);
      await small.locator('.webchat__suggested-actions__button').filter({ hasText: items[items.length - 1] }).first().waitFor(WAIT);
      const header = (await small.getByRole('banner').boundingBox())!;
      expect(header.height, 'header height').to.be.below(130);
      expect(await small.evaluate(() => window.scrollY)).to.equal(0);
      for (const label of items) {
        const box = (await small.locator('.webchat__suggested-actions__button').filter({ hasText: label }).first().boundingBox())!;
        expect(box.y, label).to.be.at.least(header.y + header.height);
        expect(box.y + box.height, label).to.be.at.most(844);
      }
      const { government, federation } = running.app.region.hotlines;
      expect(await small.getByRole('link', { name: government }).isVisible()).to.equal(true);
      expect(await small.getByRole('link', { name: federation }).isVisible()).to.equal(true);
      await small.getByText(text.web.privacyTitle).click();
      expect(await small.getByText(text.web.privacy(running.config.webchatResumeDays)).isVisible()).to.equal(true);
    } finally {
      await phone.close();
    }
  });

  it('keeps the items question readable above its 8 buttons on a 390x844 phone in 大字模式', async () => {
    const { phone, small, botSaid, say } = await onPhone();
    try {
      await small.getByRole('button', { name: text.web.largeText }).click();
      const buttons = small.locator('.webchat__suggested-actions__button');
      /** The question's whole bubble between the header and its first button, every button on screen. */
      const readable = async (question: string, lastButton: string) => {
        await buttons.filter({ hasText: lastButton }).first().waitFor(WAIT);
        // Web Chat scrolls the transcript smoothly: wait until it has stopped.
        let box = (await botSaid(question).last().boundingBox())!;
        for (let i = 0; i < 20; i++) {
          await small.waitForTimeout(100);
          const again = (await botSaid(question).last().boundingBox())!;
          if (again.y === box.y) break;
          box = again;
        }
        const header = (await small.getByRole('banner').boundingBox())!;
        const all = await buttons.evaluateAll((els) => els.map((b) => ({ text: b.textContent ?? '', ...b.getBoundingClientRect().toJSON() }) as { text: string; top: number; bottom: number }));
        expect(all.length, question).to.be.at.least(7);
        expect(box.y, `${question}: top`).to.be.at.least(header.y + header.height);
        expect(box.y + box.height, `${question}: bottom`).to.be.at.most(Math.min(...all.map((b) => b.top)));
        for (const b of all) expect(b.bottom, b.text).to.be.at.most(844);
      };
      await say('我要申请', text.application.consent.slice(0, 10));
      await say('同意', text.application.prompts.role);
      await say('给我自己', text.application.prompts.items.slice(0, 8));
      const items = Object.values(text.application.itemOptions);
      await readable(text.application.prompts.items, items[items.length - 1]);
      // The reported case: one item picked, "已选：…还要别的吗？" over 8 buttons (6 items left, 选好了, 去掉…).
      await say('残疾证', '还要别的吗');
      await readable('已选：残疾人证新办。还要别的吗', text.application.itemsDone);
      // In other words, a longer list picked at once.
      await say('还要护理补贴和生活补贴', '护理补贴。还要别的吗');
      await readable('护理补贴。还要别的吗', text.application.itemsDone);
    } finally {
      await phone.close();
    }
  });

  it('wraps a long 您想问的是 button on a 390 px phone: every word shown, nothing cut off with "…"', async () => {
    const { phone, small } = await onPhone();
    try {
      await small.locator('.webchat__send-box-text-box__input').fill('要多久');
      await small.locator('.webchat__send-box-text-box__input').press('Enter');
      const buttons = small.locator('.webchat__suggested-actions__button');
      await small.locator('.webchat__suggested-actions__button').filter({ hasText: text.clarify.noneOfThese }).first().waitFor(WAIT);
      const shown = await buttons.evaluateAll((all) =>
        all.map((b) => {
          const label = b.querySelector('.webchat__suggested-action__text') as HTMLElement;
          const box = b.getBoundingClientRect();
          return { text: label.textContent ?? '', cut: label.scrollWidth > label.clientWidth + 1, right: box.right, wrapped: label.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(label).fontSize) };
        }),
      );
      expect(shown.length).to.be.at.least(3);
      for (const b of shown) {
        expect(b.cut, b.text).to.equal(false);
        expect(b.right, b.text).to.be.at.most(390);
      }
      // The longest button is worth the test: it needs more than one line at this width.
      expect(shown.some((b) => b.wrapped), JSON.stringify(shown)).to.equal(true);
    } finally {
      await phone.close();
    }
  });

  it('keeps the conversation across a reload: the history shows again and the half-filled form goes on; 清除记录 forgets both', async () => {
    const visit = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      const tab = await visit.newPage();
      const { userSaid, botSaid, say } = chatOn(tab);
      await tab.goto(`${running.base}/`);
      await say('我要申请', text.application.consent.slice(0, 10));
      await say('同意', text.application.prompts.role);
      const before = await tab.evaluate(() => JSON.parse(localStorage.getItem('onevisit.user') ?? 'null') as { conversationId?: string });
      await tab.reload();
      // The same conversation, its history read again from the transcript: no second welcome.
      await botSaid(text.application.prompts.role).first().waitFor(WAIT);
      await userSaid('同意').first().waitFor(WAIT);
      expect(await botSaid(text.welcome.lines[0]).count()).to.equal(1);
      const after = await tab.evaluate(() => JSON.parse(localStorage.getItem('onevisit.user') ?? 'null') as { conversationId?: string });
      expect(after.conversationId).to.be.a('string').and.equal(before.conversationId);
      // The question left open before the reload is answered, and the form goes on.
      await say('给我自己', text.application.prompts.items.slice(0, 8));
      await tab.getByRole('button', { name: text.web.clearRecords }).click();
      await tab.waitForLoadState('load');
      await botSaid(text.welcome.lines[0]).first().waitFor(WAIT);
      expect(await userSaid('同意').count()).to.equal(0);
      const cleared = await tab.evaluate(() => JSON.parse(localStorage.getItem('onevisit.user') ?? 'null') as { conversationId?: string });
      expect(cleared.conversationId).to.not.equal(before.conversationId);
      await say('继续上次的申请', text.application.consent.slice(0, 10));
    } finally {
      await visit.close();
    }
  });

  it('sends a double-tapped button once: one 确认提交, one confirmation, the next step\'s button still there', async () => {
    const visit = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      const tab = await visit.newPage();
      const { userSaid, botSaid, say } = chatOn(tab);
      await tab.goto(`${running.base}/`);
      await botSaid(text.welcome.lines[0]).first().waitFor(WAIT);
      for (const [words, reply] of selfNewCertificateToAddress) await say(words, reply.slice(0, 12));
      await say('城关镇东大街18号', text.application.summary.intro);
      const buttons = tab.locator('.webchat__suggested-actions__button');
      await buttons.filter({ hasText: text.application.summary.confirm }).dblclick();
      await buttons.filter({ hasText: text.upload.later }).waitFor(WAIT);
      // Any second copy would have come by now: the turn it answers is over.
      await tab.waitForTimeout(1000);
      expect(await userSaid(text.application.summary.confirm).count()).to.equal(1);
      expect(await botSaid('申请已提交').count()).to.equal(1);
      expect(await botSaid(text.notRecorded).count()).to.equal(0);
      expect(await buttons.filter({ hasText: text.upload.later }).count()).to.equal(1);
      // The send box still takes typing after the double tap (Web Chat left it read-only: trial 25).
      const box = tab.locator('.webchat__send-box-text-box__input');
      expect(await box.evaluate((e) => (e as HTMLInputElement).readOnly)).to.equal(false);
      await box.fill('好的', { timeout: 5000 });
      await box.fill('');
      // A button tapped once works as before on the next question.
      await buttons.filter({ hasText: text.upload.later }).click();
      await userSaid(text.upload.later).first().waitFor(WAIT);
    } finally {
      await visit.close();
    }
  });

  it('takes a file through the upload button on a phone: the bot gets its bytes and answers', async () => {
    const visit = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      const tab = await visit.newPage();
      // A Content-Security-Policy refusal (the thumbnail's worker, the file's blob: URL) shows up here.
      tab.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
      tab.on('pageerror', (err) => problems.push(err.message));
      await tab.goto(`${running.base}/`);
      await tab.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text.welcome.lines[0] }).first().waitFor(WAIT);
      const button = tab.locator('.webchat__upload-button');
      await button.waitFor(WAIT);
      expect((await button.boundingBox())!.height).to.be.at.least(40);
      await tab.locator('.webchat__upload-button input[type="file"]').setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: PNG });
      await tab.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text.upload.noCase.slice(0, 12) }).first().waitFor(WAIT);
      const got = uploads.find((u) => u.name === '照片.png');
      expect(got?.bytes.equals(PNG)).to.equal(true);
      const results = await new AxeBuilder({ page: tab }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
    } finally {
      await visit.close();
    }
  });

  it('takes the same file picked again: each pick reaches the bot and is answered (trial 24: the second went nowhere)', async () => {
    const visit = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    try {
      const tab = await visit.newPage();
      tab.on('pageerror', (err) => problems.push(err.message));
      await tab.goto(`${running.base}/`);
      const answers = tab.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text.upload.noCase.slice(0, 12) });
      await tab.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text.welcome.lines[0] }).first().waitFor(WAIT);
      const input = tab.locator('.webchat__upload-button input[type="file"]');
      const picked = (name: string) => uploads.filter((u) => u.name === name).length;
      // The trial's photo, then the same photo again; a PDF three times over, the third through
      // the picker the button opens, as a person taps it.
      const photo = fixture('portrait-450x630.jpg');
      const proof = fixture('student-proof.pdf');
      const picks: (() => Promise<void>)[] = [
        () => input.setInputFiles(photo),
        () => input.setInputFiles(photo),
        () => input.setInputFiles(proof),
        () => input.setInputFiles(proof),
        async () => {
          const chooser = tab.waitForEvent('filechooser', WAIT);
          await tab.locator('.webchat__upload-button button').click();
          await (await chooser).setFiles(proof);
        },
      ];
      const before = { photo: picked('portrait-450x630.jpg'), proof: picked('student-proof.pdf') };
      for (const [i, pick] of picks.entries()) {
        await pick();
        await answers.nth(i).waitFor(WAIT);
      }
      expect(picked('portrait-450x630.jpg') - before.photo).to.equal(2);
      expect(picked('student-proof.pdf') - before.proof).to.equal(3);
    } finally {
      await visit.close();
    }
  });

  it('passes an axe-core scan with no serious or critical violation', async () => {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
  });

  it('ran with no script error and nothing refused by the Content-Security-Policy', () => {
    expect(problems).to.deep.equal([]);
  });
});

describe('POST /api/webchat/token', () => {
  let running: RunningApp;
  before(async () => {
    running = await startApp();
  });
  after(() => running.close());

  it('gives the page a token for a new conversation of the bot’s own Direct Line, never the secret', async () => {
    const res = await fetch(`${running.base}/api/webchat/token`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.equal('no-store');
    const body = (await res.json()) as { token: string; conversationId: string; expires_in: number };
    expect(Object.keys(body).sort()).to.deep.equal(['conversationId', 'expires_in', 'resumed', 'token']);
    expect(body.expires_in).to.be.above(0);
    const started = await fetch(`${running.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
    expect(started.status).to.equal(201);
    expect(((await started.json()) as { conversationId: string }).conversationId).to.equal(body.conversationId);
  });

  it('gives a page back its conversation after a reload, to the same user only', async () => {
    const ask = async (body: unknown) => {
      const res = await fetch(`${running.base}/api/webchat/token`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).to.equal(200);
      return (await res.json()) as { token: string; conversationId: string; resumed: boolean };
    };
    const user = 'web-00112233445566778899aabbccddeeff';
    const first = await ask({ user });
    expect(first.resumed).to.equal(false);
    // Not started yet (the user is no member): nothing to go back to.
    expect((await ask({ user, conversationId: first.conversationId })).resumed).to.equal(false);
    expect((await fetch(`${running.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${first.token}` } })).status).to.equal(201);
    const again = await ask({ user, conversationId: first.conversationId });
    expect(again).to.include({ conversationId: first.conversationId, resumed: true });
    const reconnect = await fetch(`${running.base}/v3/directline/conversations/${first.conversationId}?watermark=0`, { headers: { authorization: `Bearer ${again.token}` } });
    expect(reconnect.status).to.equal(200);
    expect(((await reconnect.json()) as { streamUrl: string }).streamUrl).to.match(/&watermark=0$/);
    // Another page naming that conversation gets a new one of its own.
    const other = await ask({ user: 'web-ffeeddccbbaa99887766554433221100', conversationId: first.conversationId });
    expect(other.resumed).to.equal(false);
    expect(other.conversationId).to.not.equal(first.conversationId);
  });

  it('refuses another site’s page', async () => {
    const cross = await fetch(`${running.base}/api/webchat/token`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(cross.status).to.equal(403);
    const origin = await fetch(`${running.base}/api/webchat/token`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(origin.status).to.equal(403);
  });

  it('serves the page with a strict script policy and the Web Chat bundle from the installed package', async () => {
    const res = await fetch(`${running.base}/`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-security-policy')).to.include("script-src 'self'");
    const html = await res.text();
    expect(html).to.not.match(/\{\{\w+\}\}/);
    const src = /<script src="(\/assets\/webchat\.js\?v=[^"]+)"/.exec(html)?.[1];
    expect(src).to.be.a('string');
    const bundle = await fetch(`${running.base}${src}`);
    expect(bundle.status).to.equal(200);
    expect(bundle.headers.get('content-type')).to.match(/javascript/);
    expect(bundle.headers.get('content-encoding')).to.equal('gzip');
    expect(await bundle.text()).to.include('renderWebChat');
    const again = await fetch(`${running.base}/assets/webchat-page.js`, { headers: { 'if-none-match': (await fetch(`${running.base}/assets/webchat-page.js`)).headers.get('etag') ?? '' } });
    expect(again.status).to.equal(304);
  });
});
