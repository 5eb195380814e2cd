import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { text } from '../../dialogs/text/index.js';
import { startEntryPoint, tempDir, type EntryPointRun } from '../support.js';
import { launchChromium } from './launch.js';

const ADMIN_TOKEN = 'e2e-online-path-admin';
const WAIT = { timeout: 20_000 };
const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/uploads/${name}`, import.meta.url));
const names = text.upload.names;

interface MaterialJson {
  key: string;
  state: string;
  files: { fileId: string; status: string; reason?: string }[];
}

/**
 * The online path as a first applicant on a phone walks it, against `npm start` itself (a real
 * process on a temp data folder): apply with 网上提交 through the Web Chat page, reload mid-form,
 * hand in every material through the upload button, get one back from staff and send it again,
 * until staff accept them all. Every message the applicant sends is counted, for the README.
 * The server's clock is the real one: nothing here depends on the date.
 */
describe('the online path end to end on a phone (real server, Chromium)', function () {
  this.timeout(180_000);
  let server: EntryPointRun;
  let base: string;
  let browser: Browser;
  let page: Page;
  const sent = { taps: 0, typed: 0, files: 0 };
  const problems: string[] = [];

  before(async () => {
    server = await startEntryPoint({ DATA_DIR: tempDir(), ADMIN_TOKEN }, /admin API:.*\n/);
    const found = /web chat:\s+(http:\/\/\S+?)\/\s/.exec(server.out);
    if (!found) throw new Error(`the server did not start: ${server.out}`);
    base = found[1];
    browser = await launchChromium();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    page = await phone.newPage();
    // Chromium cannot decode HEIC: Web Chat's thumbnail worker reports the iPhone photo, and Web
    // Chat sends the file without a thumbnail (the bot gets it, as the test checks).
    const problem = (message: string) => message !== 'InvalidStateError: The source image could not be decoded.' && problems.push(message);
    page.on('console', (msg) => msg.type() === 'error' && problem(msg.text()));
    page.on('pageerror', (err) => problem(err.message));
  });

  after(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    await server?.exited;
  });

  const botSaid = (words: string): Locator => page.locator('.webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: words });
  const userSaid = (words: string): Locator => page.locator('.webchat__bubble--from-user').filter({ hasText: words });

  /** Does `act`, then waits for one more bot message holding `reply` than there was before: a reply by content, never by time. */
  async function expectReply(reply: string, act: () => Promise<void>): Promise<string> {
    const before = await botSaid(reply).count();
    await act();
    const bubble = botSaid(reply).nth(before);
    await bubble.waitFor(WAIT);
    return bubble.innerText();
  }
  const tap = (label: string, reply: string) =>
    expectReply(reply, async () => {
      sent.taps++;
      // The whole label (numbered or not): "同意" is not "不同意".
      const whole = new RegExp(`(^|\\. )${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      await page.locator('.webchat__suggested-actions__button').filter({ hasText: whole }).click();
    });
  const type = (words: string, reply: string) =>
    expectReply(reply, async () => {
      sent.typed++;
      await page.locator('.webchat__send-box-text-box__input').fill(words);
      await page.locator('.webchat__send-box-text-box__input').press('Enter');
    });
  const upload = (file: string, reply: string) =>
    expectReply(reply, async () => {
      sent.files++;
      await page.locator('.webchat__upload-button input[type="file"]').setInputFiles(fixture(file));
    });

  async function noSeriousAxeViolation(): Promise<void> {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
  }

  async function admin<T>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}/api/admin/${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(res.status, await res.clone().text()).to.equal(200);
    return (await res.json()) as T;
  }
  const materialsOf = async (caseNo: string) => (await admin<{ materials: MaterialJson[] }>(`cases/${caseNo}/materials`)).materials;

  let caseNo: string;

  it('starts the form from the welcome, and a reload mid-form keeps what was typed', async () => {
    await page.goto(`${base}/`);
    await botSaid(text.welcome.lines[0]).first().waitFor(WAIT);
    await noSeriousAxeViolation();
    await tap('我要申请', text.application.consent.slice(0, 10));
    await tap('同意', text.application.prompts.role);
    await tap('给我自己', text.application.prompts.items.slice(0, 8));
    await tap('残疾人证（第一次办）', '已选：');
    await tap('残疾学生教育补贴', '已选：');
    await tap('选好了', '姓名');
    await type('王建国', '身份证号');
    await type('11010519491231002X', '电话');
    await noSeriousAxeViolation();

    await page.reload();
    // The history is read again and the open question is still the phone number.
    await botSaid('留一个能联系到您的电话').first().waitFor(WAIT);
    await userSaid('王建国').first().waitFor(WAIT);
    expect(await botSaid(text.welcome.lines[0]).count()).to.equal(1);
    await noSeriousAxeViolation();
    await type('13812345678', '户口');
    await type('示范县', '哪一类残疾');
    await tap('肢体', '在读');
    await tap('大专或本科', '材料您想怎么交');
    await tap('网上提交', '怎么拿');
    const summary = await tap('自己去领', text.application.summary.intro);
    // The materials told before the summary are the ones the chat will ask for: one photo, not three prints.
    expect(await botSaid(text.application.materials.toSubmit).last().innerText()).to.include(`${text.application.materials.toSubmit}${names.photos}、${names.studentProof}`);
    expect(summary).to.include('网上提交').and.include('110105********002X').and.not.include('11010519491231002X');
    await noSeriousAxeViolation();
    const submitted = await tap(text.application.summary.confirm, '案件号');
    caseNo = /YC\d{12}/.exec(submitted)![0];
    await botSaid(text.upload.ask.photos).first().waitFor(WAIT);
  });

  it('takes the photo and the student proof through the upload button, one after the other', async () => {
    await upload('portrait-450x630.jpg', text.upload.ask.studentProof);
    await upload('student-proof.pdf', text.upload.allReceived);
    const materials = await materialsOf(caseNo);
    expect(materials.map((m) => [m.key, m.state])).to.deep.equal([
      ['photos', 'received'],
      ['studentProof', 'received'],
    ]);
    await noSeriousAxeViolation();
  });

  it('asks again, with the reason, for the one material staff rejected; 补传材料 takes the new file', async () => {
    const [photos] = await materialsOf(caseNo);
    await admin(`cases/${caseNo}/materials/${photos.files[0].fileId}/decision`, { decision: 'reject', by: 'E2E01', reason: '照片背景不是白色' });
    const again = await type('补传材料', text.upload.ask.photos);
    expect(again).to.include(text.upload.again(names.photos, '照片背景不是白色'));
    // Only the rejected material is asked: the student proof is not asked again.
    await upload('portrait-400x600.heic', text.upload.allReceived);
    expect(await botSaid(text.upload.ask.studentProof).count()).to.equal(1);
    await noSeriousAxeViolation();
  });

  it('ends with every material accepted by staff', async () => {
    for (const material of await materialsOf(caseNo)) {
      for (const file of material.files.filter((f) => f.status === 'received')) {
        await admin(`cases/${caseNo}/materials/${file.fileId}/decision`, { decision: 'accept', by: 'E2E01' });
      }
    }
    const materials = await materialsOf(caseNo);
    expect(materials.map((m) => [m.key, m.state])).to.deep.equal([
      ['photos', 'accepted'],
      ['studentProof', 'accepted'],
    ]);
    expect(materials[0].files.map((f) => f.status)).to.deep.equal(['rejected', 'accepted']);
  });

  it('took 17 messages from the applicant to submit with every material, and 2 more to resend one (README)', () => {
    // Submitting: 11 taps, 4 typed answers, 2 files; the resend: 补传材料 and the file.
    expect(sent).to.deep.equal({ taps: 11, typed: 5, files: 3 });
  });

  it('ran with no script error and nothing refused by the Content-Security-Policy', () => {
    expect(problems).to.deep.equal([]);
  });
});
