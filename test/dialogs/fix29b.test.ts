import { expect } from 'chai';
import { renderCase } from '../../dialogs/status/timeline.js';
import { withoutSms } from '../../dialogs/replies.js';
import { text } from '../../dialogs/text/index.js';
import type { CaseItem, CaseRecord, Stage } from '../../data/cases.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { shippedKnowledge } from '../support.js';
import { buttons, dialogHarness } from './harness.js';

// fix29b: trial 25's typo reading, the hospital asked mid-form, an item's status, 退出 with nothing running.

describe('fix29b #1: one-character sound typos (半 for 办) read as meant', () => {
  const { kb } = shippedKnowledge();

  it('"残急人正网上能半不" (残疾人证网上能办不) is how to apply online, answered, not the electronic card', async () => {
    const h = await dialogHarness();
    const reply = await h.say('残急人正网上能半不');
    expect(reply.text).to.include(kb.entry('apply-online')!.answer.slice(0, 20)).and.not.include('您是问');
    expect(kb.spelledRight('残急人正网上能半不')).to.equal('残疾人证网上能办不');
  });

  for (const [said, id, spelled] of [
    ['护里补帖能半不', 'sub-care-apply', '护理补贴能办不'],
    ['盲人能半残疾证不', 'cert-vision', '盲人能办残疾证不'],
  ] as const) {
    it(`"${said}" is read as "${spelled}" and answered (${id})`, async () => {
      expect(kb.spelledRight(said)).to.equal(spelled);
      const decision = kb.decide(said);
      expect(decision.kind, said).to.equal('answer');
      expect(decision.kind === 'answer' && decision.top.entry.id).to.equal(id);
    });
  }

  it('a one-character word the wordings use stays as typed ("这事咋办" is not "这是咋办")', () => {
    expect(kb.spelledRight('这事咋办')).to.equal('这事咋办');
    expect(kb.spelledRight('残疾证一半的钱')).to.include('一半');
  });
});

describe('fix29b #2: asked mid-form, the appraisal time is said as this person applies (here, SMS off)', () => {
  const opening = '俺要给俺娘办个残疾证 她耳朵背 听不见 能在网上弄不';
  /** The opening, then the form up to the category's confirmation (听力, read from the opening). */
  async function atCategory() {
    const h = await dialogHarness();
    for (const said of [opening, '同意', '选好了', '王秀英', SAMPLE_ID_NUMBER, '13900001234', '示范县']) await h.send(said);
    return h;
  }
  const aside = async (h: Awaited<ReturnType<typeof dialogHarness>>, said: string) => (await h.send(said)).map((a) => a.text ?? '');

  it('"对了 鉴定上哪个医院去啊 俺也不晓得" at the category: the hospital, and the time booked in this chat only', async () => {
    const h = await atCategory();
    const [answer, again] = await aside(h, '对了 鉴定上哪个医院去啊 俺也不晓得');
    expect(answer).to.include('示范市人民医院').and.include('在这个聊天里约');
    expect(answer).to.not.include('短信').and.not.include('在窗口或网上申请的').and.not.include('在这里申请的');
    expect(again).to.include('听力');
  });

  for (const said of ['评定的时间谁通知俺', '去医院评定要带啥东西', '预审过了医院那边咋安排']) {
    it(`"${said}" mid-form promises no SMS and names no other way of applying`, async () => {
      const h = await atCategory();
      const [answer] = await aside(h, said);
      expect(answer, said).to.match(/这个聊天里|约好时会告诉您/u);
      expect(answer, said).to.not.include('短信').and.not.include('在窗口或网上申请的');
    });
  }

  it('outside the form the same question still says both ways', async () => {
    const h = await dialogHarness();
    const reply = (await h.say('听力残疾去哪个医院鉴定')).text ?? '';
    expect(reply).to.include('在这里申请的').and.include('在窗口或网上申请的');
  });

  it('every answer reworded for someone applying here names no other way, and reads the same reworded again', () => {
    const { kb } = shippedKnowledge();
    for (const e of kb.entries.filter((x) => !x.id.startsWith('place-'))) {
      for (const t of [e.answer, e.canI ?? '', ...Object.values(e.parts ?? {})]) {
        const here = withoutSms(t, true);
        expect(here, e.id).to.not.match(/在窗口或网上申请的|在这里申请的/u);
        expect(withoutSms(here, true), e.id).to.equal(here);
      }
    }
  });
});

describe('fix29b #3: each item reads as where it stands, consistent with the case', () => {
  const s = text.status;
  const record = (stage: Stage, items: CaseItem[]): CaseRecord => ({
    ...newCase(),
    items,
    stage,
    status: stage,
    caseNo: 'YC20261120001',
    createdAt: '2026-11-20T02:00:00.000Z',
    updatedAt: '2026-11-20T02:00:00.000Z',
    audit: [],
  }) as unknown as CaseRecord;
  const itemLine = (r: CaseRecord, name: string) => renderCase(r).split('\n').find((l) => l.startsWith(`· ${name}：`));

  it('a relative checking right after submission reads 已提交，待预审 for the certificate, as the case line says, not 审批中', async () => {
    const h = await dialogHarness();
    const conversation = { conversation: { id: 'conv-applicant', isGroup: false, conversationType: 'personal', name: '' }, channelId: 'test', serviceUrl: 'http://127.0.0.1:9', user: { id: 'user1', name: 'user1' }, bot: { id: 'bot', name: 'bot' } };
    const filed = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, conversation, applicant: { name: '王建国', phone: '13900000000' } }), h.clock.now());
    await h.sayAs('daughter', '帮家人查进度');
    await h.sayAs('daughter', filed.caseNo);
    const shown = (await h.send(SAMPLE_ID_NUMBER.slice(-6), 'zh-CN', 'daughter')).map((a) => a.text ?? '').join('\n');
    expect(shown).to.include(s.stageNames.submitted).and.include('残疾人证新办：已提交，待预审').and.include(s.next.submitted);
    expect(shown).to.not.include('审批中');
  });

  const cert = (status: CaseItem['status']): CaseItem => ({ id: 'cert-new', department: '残联', status });
  const living = (status: CaseItem['status']): CaseItem => ({ id: 'living-allowance', department: '民政', status });
  const renew = (status: CaseItem['status']): CaseItem => ({ id: 'cert-renew', department: '残联', status });
  const employment = (status: CaseItem['status']): CaseItem => ({ id: 'emp-unemployment', department: '人社', status });
  const NAMES = text.application.itemNames;

  for (const [stage, items, expected] of [
    // Before pre-review has passed no department has an item: it waits with the case.
    ['submitted', [cert('submitted'), living('queued')], ['已提交，待预审', '等办证后审批']],
    ['pre_review', [cert('submitted'), living('queued')], ['残联预审中', '等办证后审批']],
    ['returned', [cert('submitted'), living('queued')], ['已退回，待修改', '等办证后审批']],
    // The certificate goes through appraisal and notice; another item is with its department.
    ['appraisal_scheduled', [cert('submitted'), employment('submitted')], ['待残疾评定', '审批中']],
    ['appraised', [cert('submitted'), employment('submitted')], ['评定完成，待公示', '审批中']],
    ['public_notice', [cert('submitted'), employment('rejected')], ['公示中', '未通过']],
    ['approved', [cert('approved'), living('submitted')], ['已通过', '审批中']],
    ['delivered', [cert('approved'), living('approved')], ['已通过', '已通过']],
    // A certificate with no appraisal (a renewal) is decided by its department, as the others.
    ['in_decision', [renew('submitted'), employment('submitted')], ['审批中', '审批中']],
  ] as [Stage, CaseItem[], string[]][]) {
    it(`at ${stage}: ${items.map((i, k) => `${i.id} ${i.status} → ${expected[k]}`).join(', ')}`, () => {
      const r = record(stage, items);
      items.forEach((item, k) => expect(itemLine(r, NAMES[item.id]), `${stage} ${item.id}`).to.match(new RegExp(`^· ${NAMES[item.id]}：${expected[k]}(：|$)`, 'u')));
    });
  }
});

describe('fix29b #4: a cancel with nothing running', () => {
  for (const said of ['退出', '取消', '不查了', '退出吧']) {
    it(`"${said}" says plainly there is nothing to leave, without a withdrawal nobody asked about`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(said);
      expect(reply.text).to.equal(text.nothingToLeave);
      expect(reply.text).to.not.include('撤回');
      expect(buttons(reply)).to.deep.equal([]);
    });
  }

  for (const said of ['取消申请', '不办了', '算了不办了']) {
    it(`"${said}" speaks of an application: how to withdraw a submitted one is still offered`, async () => {
      const h = await dialogHarness();
      const reply = await h.say(said);
      expect(reply.text).to.equal(text.nothingToCancel);
      expect(buttons(reply)).to.have.length(1);
    });
  }
});
