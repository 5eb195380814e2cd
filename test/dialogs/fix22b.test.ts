import { expect } from 'chai';
import { agentCaseView } from '../../bot/routes/agentConsole.js';
import { finalItems } from '../../dialogs/application/values.js';
import { text } from '../../dialogs/text/index.js';
import { run, selfAtDibao, type Step } from './harness.js';

const app = text.application;
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

  it('"民政局在哪" at the 低保 question is no answer to it', async () => {
    const h = await run(selfAtDibao);
    await said(h, '民政局在哪');
    expect((await values(h)).minzhengChecks).to.equal(undefined);
  });
});
