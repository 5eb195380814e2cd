import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { agentCaseView } from '../../bot/routes/agentConsole.js';
import { dialogHarness, run, selfNewCertificateToAddress, type Step } from './harness.js';

// Trial 23's address faults 2, 4, 5 and 9, in the tester's words and others.
const app = text.application;
const USER = 'test:user1';
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const addressOf = async (h: Harness) => (await h.drafts.get(USER))?.draft.values.address;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');
const OLD = '城关镇王庄村3栋十二号';
const toSummaryAt = (address: string): Step[] => [...selfNewCertificateToAddress, [address, app.summary.intro]];
const amendAsk = (address: string) => app.summary.amendAsk(app.labels.address, address);

/** At the summary, the address asked again the way given (修改 then the field, 返回, "地址不对"). */
async function askedAgain(way: string[], address = OLD): Promise<Harness> {
  const h = await run(toSummaryAt(address));
  for (const input of way) await h.say(input);
  expect((await h.drafts.get(USER))?.draft).to.include({ phase: 'form' });
  return h;
}
const WAYS: [name: string, inputs: string[]][] = [
  ['修改 → 邮寄地址', ['修改', '邮寄地址']],
  ['返回', ['返回']],
  ['地址不对', ['地址不对']],
];

describe('fix26a #2: the address asked again from the summary takes a correction in words as a part, read back', () => {
  const corrections: [input: string, after: string][] = [
    ['原来那个后面加上二单元就行', `${OLD}二单元`],
    ['村名不对 是李庄', '城关镇李庄村3栋十二号'],
    ['地址的村名不对 是李庄', '城关镇李庄村3栋十二号'],
    // Other words.
    ['原先那个地址 后头再添上 3单元', `${OLD}3单元`],
    ['村子写错了 应该是李家庄', '城关镇李家庄村3栋十二号'],
    ['不是王庄 是李庄', '城关镇李庄村3栋十二号'],
    ['刚才那个还少个五楼', `${OLD}五楼`],
    ['门牌号不对 是十八号', '城关镇王庄村3栋十八号'],
  ];
  for (const [way, inputs] of WAYS) {
    for (const [input, after] of corrections) {
      it(`${way}, "${input}": "${after}，对吗", kept only on 对`, async () => {
        const h = await askedAgain(inputs);
        expect(await said(h, input)).to.include(amendAsk(after));
        expect(await said(h, '对')).to.include(`${app.labels.address}：${after}\n`);
        expect(await addressOf(h)).to.equal(after);
      });
    }
  }

  it('a whole new address is read back too: 不对 asks it again, 对 keeps it', async () => {
    const h = await askedAgain(['地址要改']);
    expect(await said(h, '城关镇北关村六组八号')).to.equal(amendAsk('城关镇北关村六组八号'));
    expect(await said(h, '不对')).to.equal(app.prompts.address);
    expect(await said(h, '不对 应该是城关镇北关村六组九号')).to.equal(amendAsk('城关镇北关村六组九号'));
    expect(await said(h, '对')).to.include(`${app.labels.address}：城关镇北关村六组九号\n`);
  });

  it('返回 at the reading after 返回: the address asked again, never a summary without one', async () => {
    const h = await askedAgain(['返回']);
    await said(h, '城关镇北关村六组八号');
    expect(await said(h, '返回')).to.equal(app.prompts.address);
  });

  it('返回 at the reading after 修改: the summary as it was', async () => {
    const h = await askedAgain(['修改', '邮寄地址']);
    await said(h, '城关镇北关村六组八号');
    expect(await said(h, '返回')).to.include(app.summary.intro).and.include(`${app.labels.address}：${OLD}\n`);
  });

  it('a street said whole, its number asked, then read back', async () => {
    const h = await askedAgain(['地址要改']);
    await said(h, '城关镇幸福路');
    expect(await said(h, '8号')).to.equal(amendAsk('城关镇幸福路8号'));
  });

  for (const input of ['原来那个就行', '还是原来那个', '跟原来一样']) {
    it(`"${input}": the old address kept`, async () => {
      const h = await askedAgain(['地址要改']);
      expect(await said(h, input)).to.include(`${app.labels.address}：${OLD}\n`).and.not.include('改成');
      expect(await addressOf(h)).to.equal(OLD);
    });
  }

  for (const [way, inputs] of WAYS) {
    for (const input of ['原来那个后面加上 俺家门口那棵大树', '原来那个不对', '村名写错了']) {
      it(`${way}, "${input}": never stored, asked how to change it`, async () => {
        const h = await askedAgain(inputs);
        expect(await said(h, input)).to.include(app.errors.addressPart);
        await said(h, '对');
        expect((await addressOf(h)) ?? '').to.not.match(/原来|加上|大树|不对|写错/u);
      });
    }
  }
});

describe('fix26a #4: at the summary, parts of the address said without "地址" are read', () => {
  const corrections: [before: string, input: string, after: string][] = [
    [OLD, '后面还有个二单元', `${OLD}二单元`],
    [OLD, '后头还得加上 二单元', `${OLD}二单元`],
    [OLD, '后头还得加上 三单元二楼', `${OLD}三单元二楼`],
    [OLD, '村名不对 是李庄', '城关镇李庄村3栋十二号'],
    [OLD, '地址后面还少个二单元', `${OLD}二单元`],
    // Other words.
    [OLD, '后边还少个 2单元301', `${OLD}2单元301`],
    [OLD, '村子名字写错了 是李家庄', '城关镇李家庄村3栋十二号'],
    [OLD, '村的名字不对 应该是李庄', '城关镇李庄村3栋十二号'],
    ['城关镇东街村七组九号', '不是七组 是八组', '城关镇东街村八组九号'],
    ['城关镇柳树屯二组五号', '屯名不对 村名是杨树', '城关镇杨树屯二组五号'],
  ];
  for (const [before, input, after] of corrections) {
    it(`${before}: "${input}" asks "${after}，对吗", kept only on 对`, async () => {
      const h = await run(toSummaryAt(before));
      expect(await said(h, input)).to.include(amendAsk(after));
      expect(await addressOf(h)).to.equal(before);
      expect(await said(h, '对')).to.include(`${app.labels.address}：${after}\n`);
    });
  }

  it('"10", then "村名不对 是李庄" at the list of fields: the village read back', async () => {
    const h = await run(toSummaryAt(OLD));
    await said(h, '修改');
    await said(h, '10');
    expect(await said(h, '村名不对 是李庄')).to.include(amendAsk('城关镇李庄村3栋十二号'));
  });

  for (const input of ['不知道', '我知道', '后面还有啥', '那就这样吧']) {
    it(`"${input}" changes no address`, async () => {
      const h = await run(toSummaryAt(OLD));
      expect(await said(h, input)).to.not.include('改成');
      expect(await addressOf(h)).to.equal(OLD);
    });
  }
});

describe('fix26a #5: after submitting, an address said in a sentence changes the mailing address; none is kept as a question', () => {
  const m = text.status.mailAddress;
  const CURRENT = '城关镇南关村三组五号';
  async function mailedCase() {
    const h = await dialogHarness();
    const record = await h.cases.create(
      newCase({ submittedBy: { role: 'self', userKey: USER }, applicant: { address: CURRENT }, delivery: 'mail', stage: 'pre_review' }),
      h.clock.now(),
    );
    return { h, caseNo: record.caseNo };
  }
  const cases: [input: string, address: string][] = [
    ['证别寄那了 寄到俺闺女家 城关镇北关村六组八号', '城关镇北关村六组八号'],
    ['别往家里寄了 寄给俺儿子 城关镇幸福路18号', '城关镇幸福路18号'],
    ['俺不在家住了 证寄俺妹子那 城关镇东街村七组九号', '城关镇东街村七组九号'],
  ];
  for (const [input, address] of cases) {
    it(`"${input}": "${address}，对吗", changed on 对, nothing kept for the curators`, async () => {
      const { h, caseNo } = await mailedCase();
      expect((await h.say(input)).text).to.equal(m.confirm(address));
      expect((await h.say('对')).text).to.equal(m.done(caseNo, address));
      expect(await h.unanswered.list(50)).to.deep.equal([]);
    });
  }

  it('"村名不对 是李庄" where the new address is asked: the village put in, read back', async () => {
    const { h } = await mailedCase();
    expect((await h.say('邮寄地址要改一下')).text).to.equal(m.ask(CURRENT));
    expect((await h.say('村名不对 是李庄')).text).to.equal(m.confirm('城关镇李庄村三组五号'));
  });

  for (const input of ['城关镇北关村六组八号那边有没有办残疾证的地方', '俺住幸福路18号 离残联远不远', '王庄村3组的人去哪评残']) {
    it(`"${input}" unanswered, never kept with its address`, async () => {
      const h = await dialogHarness();
      await said(h, input);
      const kept = (await h.unanswered.list(50)).map((q) => q.example).join('\n');
      expect(kept).to.not.match(/六组八号|18号|3组/u);
    });
  }
});

describe('fix26a #9: a relative who filed the case is told it was the applicant\'s ID tail', () => {
  const s = text.status;
  for (const [role, words] of [['proxy', '申请人身份证号的后6位'], ['self', '您身份证号的后6位']] as const) {
    it(`filed as ${role}: "${words}"`, async () => {
      const h = await dialogHarness();
      const record = await h.cases.create(newCase({ submittedBy: { role, userKey: USER, ...(role === 'proxy' ? { relation: '子女' } : {}) } }), h.clock.now());
      await h.sayAs('daughter', '帮家人查进度');
      await h.sayAs('daughter', record.caseNo);
      expect((await h.sayAs('daughter', SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
      await h.useCases.relay.settled();
      const told = (await h.outbox.list({ caseNo: record.caseNo })).map((r) => r.text).join('\n');
      expect(told).to.include(words);
      if (role === 'proxy') expect(told).to.not.include('您身份证号');
    });
  }
});

describe('fix26a #9: the console names the relative who filed a case, never the applicant, for the steps of that account', () => {
  for (const [role, by] of [['proxy', text.status.agentBy.proxy], ['self', text.status.agentBy.applicant]] as const) {
    it(`filed as ${role}: 提交申请（${by}）, a family check still the family's`, async () => {
      const h = await dialogHarness();
      const record = await h.cases.create(newCase({ submittedBy: { role, userKey: USER } }), h.clock.now());
      await h.useCases.access.recordFamilyCheck(record.caseNo, 'test:daughter');
      const view = agentCaseView((await h.cases.get(record.caseNo))!, h.region);
      expect(view.timeline.map((e) => e.by)).to.deep.equal([by, text.status.agentBy.family]);
    });
  }
});
