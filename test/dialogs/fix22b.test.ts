import { expect } from 'chai';
import { agentCaseView } from '../../bot/routes/agentConsole.js';
import { caseSummary } from '../../bot/routes/cases.js';
import { finalItems } from '../../dialogs/application/values.js';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { shippedKnowledge } from '../support.js';
import { recognizeWhen } from '../../dialogs/booking/when.js';
import { withoutSms } from '../../dialogs/replies.js';
import { buttons, dialogHarness, run, selfAtDibao, type Step } from './harness.js';

const app = text.application;
const s = text.status;
/** The harness clock's now: Friday 2026-11-20, 10:00 Beijing. */
const NOW = new Date('2026-11-20T02:00:00Z');
type Harness = Awaited<ReturnType<typeof run>>;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');
/** After the 低保 answer: on to the summary (online, picked up). */
const toSummary: Step[] = [['网上提交', app.prompts.delivery], ['自己去领', app.summary.intro]];

describe('fix22b #1: the 低保 status left to 民政 is stored and shown as unknown, never as a low-income family', () => {
  for (const answer of ['让民政看着办', '这个让民政定吧', '我也说不清 民政查吧', '不知道 叫民政去查', '说不好 你们民政那边审核吧', '民政那边查一下就知道了']) {
    it(`"${answer}": the allowance kept for 民政, no status claimed in the reply, the summary, the case or the console`, async () => {
      const h = await run(selfAtDibao);
      const reply = await said(h, answer);
      expect(reply).to.include(app.keptForMinzheng).and.not.include('低收入家庭').and.not.include(app.dropped['living-allowance']);
      const v = await values(h);
      expect(v.lowIncome).to.equal(undefined);
      expect(v.minzhengChecks).to.equal('dibao');
      expect(finalItems(v)).to.include('living-allowance');

      await run(toSummary.slice(0, 1), h);
      const summary = await said(h, toSummary[1][0]);
      expect(summary).to.include(`${app.labels.dibao}：${app.summary.dibaoStatus({ minzhengChecks: 'dibao' })}`).and.not.include('低收入家庭');

      const submitted = await said(h, '确认提交');
      const record = (await h.cases.get(/YC\d{12}/.exec(submitted)![0]))!;
      expect(record.facts).to.not.have.property('lowIncome');
      expect(record.facts).to.not.have.property('dibao');
      expect(record.facts.minzhengChecks).to.equal('dibao');
      expect(record.items.map((i) => i.id)).to.include('living-allowance');
      expect(agentCaseView(record, h.region).dibaoName).to.equal(app.summary.dibaoStatus({ minzhengChecks: 'dibao' })).and.not.include('低收入家庭');
    });
  }

  it('"不是低保 让民政看着办": not on 低保 is kept, 民政 checks only the low-income status', async () => {
    const h = await run([...selfAtDibao, ['不是低保 让民政看着办', app.prompts.channel], ...toSummary]);
    const v = await values(h);
    expect(v).to.include({ dibao: false, minzhengChecks: 'lowIncome' });
    expect(v.lowIncome).to.equal(undefined);
    const record = (await h.cases.get(/YC\d{12}/.exec(await said(h, '确认提交'))![0]))!;
    expect(record.facts).to.include({ dibao: false, minzhengChecks: 'lowIncome' });
    expect(agentCaseView(record, h.region).dibaoName).to.equal(app.summary.dibaoStatus({ dibao: false, minzhengChecks: 'lowIncome' }));
  });

  it('a family said to be low-income is still recorded and shown so', async () => {
    const h = await run([...selfAtDibao, ['我们不是低保 是低收入户', app.prompts.channel], ...toSummary]);
    const record = (await h.cases.get(/YC\d{12}/.exec(await said(h, '确认提交'))![0]))!;
    expect(record.facts).to.include({ dibao: false, lowIncome: true });
    expect(record.facts).to.not.have.property('minzhengChecks');
    expect(agentCaseView(record, h.region).dibaoName).to.equal(app.summary.dibaoStatus({ dibao: false, lowIncome: true }));
  });

  it('left to 民政, then 是 to the 低保 question asked again from the summary: the 民政 note goes', async () => {
    const h = await run([...selfAtDibao, ['让民政看着办', app.prompts.channel], ...toSummary, ['低保填错了 是低保户', app.prompts.dibao]]);
    expect(await said(h, '是')).to.include(`${app.labels.dibao}：${app.summary.yes}`);
    const v = await values(h);
    expect(v.dibao).to.equal(true);
    expect(v.minzhengChecks).to.equal(undefined);
  });

  it('said before its question, beside the name ("王建国 不是低保 让民政看着办"): kept for 民政, no status claimed', async () => {
    const h = await run(selfAtDibao.slice(0, 6));
    const reply = await said(h, '王建国 不是低保 让民政看着办');
    expect(reply).to.include(app.keptForMinzheng).and.include(app.prompts.idNumber).and.not.include('低保户记下了').and.not.include('低收入家庭');
    expect(await values(h)).to.include({ name: '王建国', dibao: false, minzhengChecks: 'lowIncome' });
  });

  it('"民政局在哪" at the 低保 question is no answer to it', async () => {
    const h = await run(selfAtDibao);
    await said(h, '民政局在哪');
    expect((await values(h)).minzhengChecks).to.equal(undefined);
  });
});

describe('fix22b #2: a mailing address given after submitting is kept apart from the applicant\'s address', () => {
  const HOME = '示范县城关镇幸福路12号3单元401';
  /** user1's case to be picked up, the applicant's home address on it. */
  async function pickupCase() {
    const h = await dialogHarness();
    const record = await h.cases.create(
      newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { address: HOME }, delivery: 'pickup', stage: 'pre_review' }),
      h.clock.now(),
    );
    return { ...h, record };
  }
  const toMail = async (h: Awaited<ReturnType<typeof pickupCase>>, address: string) => {
    await h.say('帮我把证改成邮寄');
    expect((await h.say(s.mail.offerButtons[0])).text).to.equal(app.prompts.address);
    return (await h.say(address)).text;
  };

  for (const [typed, kept] of [
    ['河东乡李村3组12号', '河东乡李村3组12号'],
    ['寄到我闺女家 城关镇东大街8号 电话13912345678', '城关镇东大街8号'],
  ] as const) {
    it(`"${typed}": mailed there, the applicant's address unchanged; the timeline, console, admin list and export say where`, async () => {
      const h = await pickupCase();
      expect(await toMail(h, typed)).to.equal(s.mail.done(kept));
      const record = (await h.cases.get(h.record.caseNo))!;
      expect(record).to.include({ delivery: 'mail', mailTo: kept });
      expect(record.applicant.address).to.equal(HOME);
      // The log names where, never the address itself (it outlives an erasure).
      expect(record.audit.at(-1)).to.include({ action: 'delivery-mail', note: s.mailTo.other });
      expect(JSON.stringify(record.audit)).to.not.include(kept);
      const view = agentCaseView(record, h.region);
      expect(view.deliveryName).to.include(s.deliveryNames.mail).and.include(s.mailTo.other);
      expect(view.timeline.at(-1)).to.include({ actionName: s.actionNames['delivery-mail'], note: s.mailTo.other });
      expect(caseSummary(record)).to.include({ delivery: 'mail', mailTo: 'other' });
      await h.say('导出我的数据');
      await h.say(h.record.caseNo);
      expect((await h.say(SAMPLE_ID_NUMBER.slice(-6))).text).to.include(text.privacy.address(HOME)).and.include(text.privacy.mailTo(kept));
    });
  }

  for (const same of ['寄到原来的地址', '就寄家里 原先那个', s.mail.onCaseButton]) {
    it(`"${same}" means the applicant's address: no mailing address apart`, async () => {
      const h = await pickupCase();
      expect(await toMail(h, same)).to.equal(s.mail.doneOnCase);
      const record = (await h.cases.get(h.record.caseNo))!;
      expect(record.delivery).to.equal('mail');
      expect(record).to.not.have.property('mailTo');
      expect(record.applicant.address).to.equal(HOME);
      expect(record.audit.at(-1)).to.include({ note: s.mailTo.applicant });
      expect(agentCaseView(record, h.region).deliveryName).to.include(s.mailTo.applicant);
      expect(caseSummary(record)).to.include({ delivery: 'mail', mailTo: 'applicant' });
    });
  }

  it('the case picked up shows so, with no mailing address', async () => {
    const h = await pickupCase();
    expect(agentCaseView(h.record, h.region).deliveryName).to.equal(s.deliveryNames.pickup);
    expect(caseSummary(h.record)).to.include({ delivery: 'pickup' }).and.not.have.property('mailTo');
  });

  it('a correction back to pickup drops the mailing address; an erasure removes it', async () => {
    const h = await pickupCase();
    await toMail(h, '河东乡李村3组12号');
    await h.workflow.perform(h.record.caseNo, { action: 'start_review', by: 'staff:li' });
    await h.workflow.perform(h.record.caseNo, { action: 'return', by: 'staff:li', note: '领证方式请确认', fields: ['delivery'] });
    await h.useCases.correctAndResubmit(h.record.caseNo, { delivery: 'pickup' }, 'chat:test:user1');
    expect(await h.cases.get(h.record.caseNo)).to.not.have.property('mailTo');
    await h.cases.update(h.record.caseNo, (c) => void (c.mailTo = '河东乡李村3组12号'), { by: 'test', action: 'test' }, h.clock.now());
    const erased = await h.cases.erasePersonalData(h.record.caseNo, { by: 'admin:li', action: 'erase' }, h.clock.now());
    expect(JSON.stringify(erased)).to.not.include('李村');
  });
});

describe('fix22b #3: a day turned down is never proposed; the next day named, or another free day, is', () => {
  const b = text.booking;
  // The harness clock: Friday 2026-11-20. The people's hospital (肢体) sees appraisals Tuesday morning
  // and afternoon and Thursday morning.
  async function bookingCase() {
    const h = await dialogHarness();
    const record = await h.cases.create(
      newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { category: '肢体' }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage: 'appraisal_scheduled' }),
      h.clock.now(),
    );
    return { ...h, record };
  }

  for (const [said, refused] of [
    ['周四我要去透析 换一天吧', '周四'],
    ['礼拜四不行', '周四'],
    ['星期二没空', '周二'],
    ['周二我要上班', '周二'],
    ['礼拜四 不行 换个日子', '周四'],
  ] as const) {
    it(`"${said}" at "which day": ${refused} said back as not booked, and none offered`, async () => {
      const h = await bookingCase();
      expect((await h.say('预约鉴定')).text).to.equal(b.askWhen);
      const reply = await h.say(said);
      expect(reply.text).to.include(b.notThese(refused)).and.not.include(b.confirmWhen(''));
      expect(buttons(reply).length).to.be.greaterThan(0);
      for (const label of buttons(reply)) expect(label).to.not.include(`（${refused}）`);
    });
  }

  it('"礼拜四不行 礼拜五呢": Friday is the day asked (the next one, not today), and no Thursday is offered beside it', async () => {
    const h = await bookingCase();
    await h.say('预约鉴定');
    const reply = await h.say('礼拜四不行 礼拜五呢');
    expect(reply.text).to.include(b.noSessionThatDay('11月27日（周五）', '示范市人民医院'));
    for (const label of buttons(reply)) expect(label).to.not.include('周四');
  });

  for (const [said, asked] of [
    ['礼拜四不行 礼拜二呢', '11月24日（周二）'],
    ['周二上午没空 下午呢', '11月24日（周二）下午'],
    ['12月3号有事 12月1号下午呢', '12月1日（周二）下午'],
  ] as const) {
    it(`"${said}": the day named after the refusal, ${asked}`, async () => {
      const h = await bookingCase();
      await h.say('预约鉴定');
      const reply = await h.say(said);
      expect(reply.text!.includes(b.confirmWhen(asked)) || buttons(reply).every((l) => l.startsWith(asked)), reply.text).to.equal(true);
    });
  }

  it('turned down at the confirmation ("周四我得去医院透析 换一天") of a Thursday: other days offered', async () => {
    const h = await bookingCase();
    expect((await h.say('预约下周四')).text).to.equal(b.confirmWhen('11月26日（周四）上午'));
    const reply = await h.say('周四我得去医院透析 换一天');
    expect(buttons(reply).length).to.be.greaterThan(0);
    for (const label of buttons(reply)) expect(label).to.not.include('周四');
  });

  it('said first, outside the booking ("周四我要去透析 换一天吧"): the booking starts, no Thursday offered', async () => {
    const h = await bookingCase();
    const reply = await h.say('周四我要去透析 换一天吧');
    expect(reply.text).to.include(b.notThese('周四'));
    expect(buttons(reply).length).to.be.greaterThan(0);
    for (const label of buttons(reply)) expect(label).to.not.include('周四');
  });

  it('booked on a Tuesday, "周二我要去透析 改一天": the booking is moved to another day, no Tuesday offered', async () => {
    const h = await bookingCase();
    await h.say('预约下周二上午');
    expect((await h.say('对')).text).to.include('约好了：11月24日（周二）上午');
    const reply = await h.say('周二我要去透析 改一天');
    expect(buttons(reply).length).to.be.greaterThan(0);
    for (const label of buttons(reply)) expect(label).to.not.include('周二');
    expect((await h.say(buttons(reply)[0])).text).to.include(`约好了：${buttons(reply)[0]}`);
  });

  it('the offered list: "周二都不行" picks from the rest', async () => {
    const h = await bookingCase();
    await h.say('预约鉴定');
    expect(buttons(await h.say('最早什么时候'))).to.include('11月24日（周二）上午');
    const reply = await h.say('周二都不行');
    expect(buttons(reply)).to.deep.equal(['11月26日（周四）上午', '12月3日（周四）上午', '12月10日（周四）上午']);
  });

  it('a day asked plainly, "不行的话" of a day asked, or asking "中不中", is no refusal', async () => {
    expect(recognizeWhen('周四可以吗 不行的话周五', NOW)).to.not.have.property('not');
    for (const asked of ['周四行不行', '下周四上午中不中', '周四方便不方便']) expect(recognizeWhen(asked, NOW), asked).to.deep.include({ kind: 'date', date: '2026-11-26' }).and.not.have.property('not');
    expect(recognizeWhen('下周四上午', NOW)).to.deep.equal({ kind: 'date', date: '2026-11-26', part: 'am' });
    expect(recognizeWhen('不行', NOW)).to.equal(undefined);
  });
});

describe('fix22b #4: with the bot\'s SMS off, how the appraisal time is told says both ways, truly', () => {
  /** Booked here, in this chat; applied at a window or online, the hospital's text (the government's 一窗式 system). */
  const BOTH = [/这个聊天里|约好时会告诉您/u, /在窗口或网上申请的，[^；。）]*短信/u];
  const sayBoth = (reply: string) => BOTH.every((re) => re.test(reply));

  for (const [asked, id] of [
    ['肢体残疾在哪评定', 'appr-hosp-limb'],
    ['智力残疾去哪个医院鉴定', 'appr-hosp-intellectual'],
    ['啥时候去医院做鉴定 谁通知俺', 'appr-schedule'],
    ['预审过了医院那边咋安排', 'flow-hospital-register'],
    ['去医院评定要带啥', 'appr-bring'],
    ['评定时间怎么通知我', 'flow-notify'],
  ] as const) {
    it(`"${asked}" (${id}): booked in this chat if applied here, the hospital's SMS if applied at a window or online`, async () => {
      const h = await dialogHarness();
      const reply = await said(h, asked);
      expect(reply).to.include(withoutSms(h.kb.entry(id)!.answer).slice(0, 12));
      expect(sayBoth(reply), reply).to.equal(true);
      // With SMS on, the entry's own words.
      const on = await dialogHarness({ sms: true });
      expect(await said(on, asked)).to.not.match(/在窗口或网上申请的/u);
    });
  }

  for (const asked of ['会给我发短信不', '你们会不会发短信告诉我进度']) {
    it(`"${asked}": this bot's own notices stay "no, this chat tells you"`, async () => {
      const h = await dialogHarness();
      expect(await said(h, asked)).to.include('不往手机上发，每一步都会在这个聊天里告诉您');
    });
  }

  it('every answer reworded once reads the same reworded again (no rule rewrites its own words)', () => {
    const { kb } = shippedKnowledge();
    for (const e of kb.entries) {
      for (const t of [e.answer, e.canI ?? '', ...Object.values(e.parts ?? {})]) expect(withoutSms(withoutSms(t)), e.id).to.equal(withoutSms(t));
    }
  });
});
