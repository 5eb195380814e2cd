import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { dialogHarness, run, selfNewCertificateToAddress, type Step } from './harness.js';

// Trial 22's form and case faults 1, 2, 4 and 9, in the tester's words and others.
const app = text.application;
const USER = 'test:user1';
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const draftOf = async (h: Harness) => (await h.drafts.get(USER))?.draft;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');
const toSummaryAt = (address: string): Step[] => [...selfNewCertificateToAddress, [address, app.summary.intro]];

describe('fix25a #1: a part of the address corrected at the summary changes that part only, read back', () => {
  const corrections: [before: string, input: string, after: string][] = [
    ['城关镇东街村七组九号', '地址后头还得加上 三单元二楼', '城关镇东街村七组九号三单元二楼'],
    ['城关镇东街村七组九号', '村名错了 不是东街 是西街村', '城关镇西街村七组九号'],
    ['城关镇南关村五组二十三号', '地址写错了 是五组 不是二十三号 是三十二号', '城关镇南关村五组三十二号'],
    ['城关镇南关村五组二十三号', '村名弄错了 不是南关 是北关村', '城关镇北关村五组二十三号'],
    // Other words.
    ['城关镇东街村七组九号', '地址后面再添上 2单元301', '城关镇东街村七组九号2单元301'],
    ['城关镇东街村七组九号', '门牌后边还有 3号楼', '城关镇东街村七组九号3号楼'],
    ['城关镇东街村七组九号', '在八组 不是七组', '城关镇东街村八组九号'],
    ['城关镇东街村七组九号', '组和门牌都错了 是六组十一号', '城关镇东街村六组十一号'],
    ['城关镇东街村七组九号', '不是东街村 是李庄村', '城关镇李庄村七组九号'],
    ['城关镇李庄村四组十五号', '门牌号写错了 不是十五号 是五十一号', '城关镇李庄村四组五十一号'],
    ['城关镇幸福路12号3单元401', '单元错了 不是3单元 是5单元', '城关镇幸福路12号5单元401'],
  ];
  for (const [before, input, after] of corrections) {
    it(`${before}: "${input}" asks "${after}，对吗", kept only on 对`, async () => {
      const h = await run(toSummaryAt(before));
      expect(await said(h, input)).to.include(app.summary.amendAsk(app.labels.address, after));
      expect((await draftOf(h))!.values.address).to.equal(before);
      expect(await said(h, '对')).to.include(`${app.labels.address}：${after}\n`);
      expect((await draftOf(h))!.values.address).to.equal(after);
    });
  }

  for (const input of ['门牌号是九号 在七组', '地址是七组九号']) {
    it(`"${input}" says what is there already: told unchanged, the address as it was`, async () => {
      const h = await run(toSummaryAt('城关镇东街村七组九号'));
      const reply = await said(h, input);
      expect(reply).to.include(app.summary.unchanged(app.labels.address, '城关镇东街村七组九号')).and.not.include('改成');
      expect((await draftOf(h))!.values.address).to.equal('城关镇东街村七组九号');
    });
  }

  for (const input of ['地址后头还得加上 三单元二楼', '地址后面还得加上 俺家门口那棵大树']) {
    it(`"${input}" never keeps the words of the request as the address`, async () => {
      const h = await run(toSummaryAt('城关镇东街村七组九号'));
      await said(h, input);
      await said(h, '对');
      expect((await draftOf(h))?.values.address ?? '').to.not.match(/加上|后头|后面|大树/u);
    });
  }
});

describe('fix25a #9: the summary takes a plain submit and the other way to get the certificate in words', () => {
  const pickupSummary: Step[] = [...selfNewCertificateToAddress.slice(0, -1), ['自己去领', app.summary.intro]];
  for (const input of ['交', '那就交上去', '行 交']) {
    it(`"${input}" submits`, async () => {
      const h = await run(pickupSummary);
      expect(await said(h, input)).to.include('申请已提交');
    });
  }
  for (const input of ['不交', '先别交', '交啥']) {
    it(`"${input}" submits nothing`, async () => {
      const h = await run(pickupSummary);
      expect(await said(h, input)).to.not.include('申请已提交');
    });
  }

  for (const input of ['那还是给俺寄家里吧 俺奶奶下不了床', '还是寄过来吧', '俺腿脚不好 给快递到家吧']) {
    it(`"${input}" (to pick up) changes to mailing and asks the address, as "领证方式改成邮寄" does`, async () => {
      const h = await run(pickupSummary);
      const reply = await said(h, input);
      expect(reply).to.include(app.summary.changedTo(app.labels.delivery, app.deliveries.mail)).and.include(app.prompts.address);
      expect((await said(h, '城关镇东街村七组九号'))).to.include(`${app.labels.address}：城关镇东街村七组九号\n`);
      expect((await draftOf(h))!.values).to.include({ delivery: 'mail', address: '城关镇东街村七组九号' });
    });
  }

  it('"还是我自己去拿吧" (to be mailed) changes to picking up', async () => {
    const h = await run(toSummaryAt('城关镇东街村七组九号'));
    expect(await said(h, '还是我自己去拿吧')).to.include(app.summary.changedTo(app.labels.delivery, app.deliveries.pickup));
    expect((await draftOf(h))!.values.delivery).to.equal('pickup');
  });

  it('"别寄了" (to pick up already) changes nothing', async () => {
    const h = await run(pickupSummary);
    await said(h, '别寄了');
    expect((await draftOf(h))!.values.delivery).to.equal('pickup');
  });
});
