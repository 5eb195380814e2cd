import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../../data/agents.js';
import { text } from '../../dialogs/text/index.js';
import { regionWithDeskOpenToday } from '../../scripts/bench/deskClient.js';
import { uploadFixture } from '../fixtures/uploadFiles.js';
import { launchChromium, startApp, type RunningApp } from './launch.js';

const WAIT = { timeout: 20_000 };
const PASSWORD = 'browser-desk-pass';
const h = text.handoff;
const PHOTO = uploadFixture('portrait-450x630.jpg');

async function axeProblems(page: Page, include: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(include).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('live hand-off: an applicant in Web Chat and an agent in the console (Chromium, two pages)', function () {
  this.timeout(60_000);
  let running: RunningApp;
  let browser: Browser;
  let person: Page;
  let agent: Page;
  const problems: string[] = [];

  before(async () => {
    running = await startApp(() => {}, { regionFile: regionWithDeskOpenToday(), floodLimits: undefined });
    await createAccount(running.app.stores.agents, { name: '1001', displayName: '张敏', password: PASSWORD, role: 'agent' }, 'test', new Date());
    browser = await launchChromium();
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'zh-CN' });
    const personContext = await browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'zh-CN' });
    agent = await agentContext.newPage();
    person = await personContext.newPage();
    for (const page of [agent, person]) {
      page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
      page.on('pageerror', (err) => problems.push(err.message));
    }
    // The page's own clock, so a queued person's wait can be seen to count on between frames.
    await agent.clock.install();
    await agent.goto(`${running.base}/agent`);
    await person.goto(`${running.base}/`);
  });

  after(async () => {
    await browser?.close();
    await running?.close();
  });

  const bubbles = () => person.locator('.webchat__bubble:not(.webchat__bubble--from-user)');
  const botSays = (fragment: string) => bubbles().filter({ hasText: fragment }).last().waitFor(WAIT);
  const personTypes = async (words: string) => {
    const box = person.locator('.webchat__send-box-text-box__input');
    await box.fill(words);
    await box.press('Enter');
  };

  async function logIn(): Promise<void> {
    await agent.getByLabel('登录名（工号）').fill('1001');
    await agent.getByLabel('密码').fill(PASSWORD);
    await agent.getByLabel('密码').press('Enter');
    await agent.getByRole('heading', { name: '在线转人工' }).waitFor(WAIT);
  }

  /** The only agent logs out: nobody is at the desk. */
  async function leaveDesk(): Promise<void> {
    await agent.getByRole('button', { name: '退出登录' }).click();
    await agent.getByRole('heading', { name: '坐席登录' }).waitFor(WAIT);
    for (let i = 0; i < 100 && running.app.handoffs.deskOpen(); i++) await new Promise((r) => setTimeout(r, 50));
  }

  it('shows the agent an empty live queue once logged in, accessibly', async () => {
    await logIn();
    await agent.getByText('现在没有人排队。').waitFor(WAIT);
    await agent.locator('#desk-counts').filter({ hasText: '在线坐席 1 人' }).waitFor(WAIT);
    expect(await axeProblems(agent, '#handoff-section')).to.deep.equal([]);
  });

  it('queues the applicant who asks for a person, and the agent sees and takes it', async () => {
    await botSays(text.welcome.lines[0]);
    await personTypes('转人工');
    await botSays('已为您转人工客服');
    const item = agent.locator('#queue > li').first();
    await item.waitFor(WAIT);
    expect(await item.innerText()).to.include('第 1 位').and.include('本人要求');
    await agent.clock.fastForward('02:05');
    await item.filter({ hasText: '已等 2 分钟' }).waitFor(WAIT);
    expect(await axeProblems(agent, '#handoff-section')).to.deep.equal([]);
    await item.getByRole('button', { name: /^接入 HO\d{8}$/ }).click();
    await agent.locator('#chat').waitFor({ state: 'visible', ...WAIT });
    await botSays(h.taken('张敏'));
  });

  it('exchanges messages both ways, the agent using an edited suggestion for the latest message', async () => {
    await personTypes('护理补贴谁能领');
    await agent.locator('#transcript').getByText('护理补贴谁能领').waitFor(WAIT);
    // The bot stays silent while the agent has the conversation.
    const suggestion = agent.locator('#live-suggestions > li').first();
    await suggestion.waitFor(WAIT);
    expect(await agent.locator('#live-suggest-for').innerText()).to.include('护理补贴谁能领');
    await suggestion.getByRole('button', { name: '用这条' }).click();
    const reply = agent.getByLabel('回复内容');
    const inserted = await reply.inputValue();
    expect(inserted.length).to.be.greaterThan(10);
    await reply.fill(`${inserted}（坐席补充：可以先在这里申请。）`);
    expect(await axeProblems(agent, '#handoff-section')).to.deep.equal([]);
    await agent.getByRole('button', { name: '发送', exact: true }).click();
    await botSays('坐席补充：可以先在这里申请。');
    await agent.locator('#reply-status').filter({ hasText: '已发送' }).waitFor(WAIT);
    const said = await bubbles().allInnerTexts();
    expect(said.filter((t) => t.includes('依据'))).to.deep.equal([]);
  });

  it('has a screen reader read the agent\'s reply from the agent, never as the bot\'s', async () => {
    // What Web Chat gives a screen reader for each message: the live region and the transcript's labels.
    const read = await person.evaluate(() =>
      [...document.querySelectorAll('.webchat__live-region-activity, [id^="webchat__basic-transcript__active-descendant"], .webchat__basic-transcript__activity-body')]
        .map((e) => e.getAttribute('aria-label') || e.textContent || '')
        .concat([...document.querySelectorAll('[aria-labelledby]')].map((e) => (e.getAttribute('aria-labelledby') || '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')))
        .filter((t) => t.includes('坐席补充')),
    );
    expect(read).to.not.deep.equal([]);
    for (const said of read) expect(said.trim(), said).to.match(/^工作人员张敏：/);
  });

  it('suggests for the person\'s follow-up in the light of what they asked before', async () => {
    await personTypes('三级的呢');
    await agent.locator('#live-suggest-for').filter({ hasText: '三级的呢' }).waitFor(WAIT);
    await agent.locator('#live-suggestions > li[data-entry-id="sub-care-grade34"]').first().waitFor(WAIT);
    expect(await agent.locator('#live-suggestions > li').first().getAttribute('data-entry-id')).to.equal('sub-care-grade34');
  });

  it('shows the agent a photo the person sends by its name, not as an empty line', async () => {
    await person.locator('.webchat__upload-button input[type="file"]').setInputFiles({ name: 'wide.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await agent.locator('#transcript > li').filter({ hasText: '对方：[发来照片 wide.jpg]' }).waitFor(WAIT);
    expect(await agent.locator('#transcript > li').evaluateAll((lines) => lines.filter((l) => /对方：$/.test((l.textContent ?? '').trim())).length)).to.equal(0);
  });

  it('hands back to the bot; the applicant is told and rates the help in one tap', async () => {
    await agent.getByRole('button', { name: '交还机器人' }).click();
    await agent.locator('#desk-status').filter({ hasText: '已交还机器人' }).waitFor(WAIT);
    await botSays(h.handedBack);
    await botSays(text.rating.askHandoff);
    await person.locator('.webchat__suggested-actions__button').filter({ hasText: '基本满意' }).click();
    await botSays(text.rating.askComment);
    await personTypes('不用了');
    await botSays(text.rating.thanks);
    const [rated] = await running.app.stores.ratings.list();
    expect(rated).to.deep.include({ level: '基本满意', agent: '1001', stage: 'handoff', status: 'done' });
    // The bot answers again.
    await personTypes('残疾证有效期几年');
    await botSays('依据');
  });

  it('with nobody at the desk, takes a call-back number that appears on the 回访 list', async () => {
    await leaveDesk();
    await personTypes('我要找真人');
    await botSays('现在暂时没有工作人员在线');
    await personTypes('13912345678');
    await botSays(h.callbackBooked('139****5678'));
    await logIn();
    const waiting = agent.locator('#followups > li').first();
    await waiting.waitFor(WAIT);
    expect(await waiting.innerText()).to.include('139****5678').and.include(h.reasonNames.asked);
    // A 回访 made meanwhile (a poor rating) shows up without 刷新.
    await running.app.stores.calls.record(
      { callerPhone: '', category: '投诉', question: '好差评：不满意（测试）', answer: '待回访', followUpNeeded: true, agent: 'bot' },
      new Date(),
    );
    await agent.clock.fastForward('00:31');
    await agent.locator('#followups > li').filter({ hasText: '好差评：不满意（测试）' }).waitFor(WAIT);
    expect(problems).to.deep.equal([]);
  });

  it('with nobody at the desk, someone who then says they cannot phone is queued, shown to the agent as typing only, with those words', async () => {
    await leaveDesk();
    await personTypes('转人工');
    await botSays('现在暂时没有工作人员在线');
    await personTypes('俺耳朵不好使 接不了电话 就在这打字吧');
    await botSays(h.nobodyTyped.slice(0, 12));
    // A photo sent while waiting has no words: the queue still shows the words that led to the hand-off.
    await person.locator('.webchat__upload-button input[type="file"]').setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await botSays(text.upload.noCase.slice(0, 12));
    await logIn();
    const item = agent.locator('#queue > li').first();
    await item.waitFor(WAIT);
    expect(await item.innerText()).to.include(h.typedOnlyNote).and.include('最近一句：俺耳朵不好使 接不了电话 就在这打字吧');
    expect(await axeProblems(agent, '#handoff-section')).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
