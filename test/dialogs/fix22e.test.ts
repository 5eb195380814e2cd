import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { dialogHarness, run, selfNewCertificateToAddress, type Step } from './harness.js';

const app = text.application;
type Harness = Awaited<ReturnType<typeof run>>;
const draftOf = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft;
const values = async (h: Harness) => (await draftOf(h)).values;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');

const toAddress = selfNewCertificateToAddress;
const atSummary = (address = '城关镇幸福路8号'): Step[] => [...toAddress, [address, app.summary.intro]];

describe('fix22e #1: a part of the address corrected at the summary changes that part only, read back for 对/不对', () => {
  for (const input of ['地址错了 门牌是18号', '把地址里的8号改成18号', '门牌号写错了 是18号不是8号', '地址不对 门牌号应该是18号', '住址上的8号改成18号']) {
    it(`"${input}" asks "城关镇幸福路18号，对吗" and keeps it on 对`, async () => {
      const h = await run(atSummary());
      expect(await said(h, input)).to.include(app.summary.amendAsk(app.labels.address, '城关镇幸福路18号'));
      expect((await values(h)).address).to.equal('城关镇幸福路8号');
      expect(await said(h, '对')).to.include(`${app.labels.address}：城关镇幸福路18号\n`);
      expect((await values(h)).address).to.equal('城关镇幸福路18号');
    });
  }

  for (const input of ['不是幸福路8号 是幸福路18号', '幸福路18号 不是幸福路8号']) {
    it(`"${input}", no field named, changes the street's number and keeps the town`, async () => {
      const h = await run(atSummary());
      expect(await said(h, input)).to.include(app.summary.changedTo(app.labels.address, '城关镇幸福路18号'));
      expect((await values(h)).address).to.equal('城关镇幸福路18号');
    });
  }

  it('the rest of the address after the number is kept ("门牌是18号" in 城关镇幸福路8号3单元401)', async () => {
    const h = await run(atSummary('城关镇幸福路8号3单元401'));
    expect(await said(h, '门牌号错了 是18号')).to.include(app.summary.amendAsk(app.labels.address, '城关镇幸福路18号3单元401'));
  });

  it('"不对" to the reading asks the address whole, nothing changed', async () => {
    const h = await run(atSummary());
    await said(h, '地址错了 门牌是18号');
    expect(await said(h, '不对')).to.include(app.prompts.address);
    expect((await values(h)).address).to.equal('城关镇幸福路8号');
  });

  it('at the reading, "不对 是28号" reads the part again, "确认提交" submits nothing, "返回" leaves the address as it was', async () => {
    const h = await run(atSummary());
    await said(h, '地址错了 门牌是18号');
    expect(await said(h, '不对 是28号')).to.include(app.summary.amendAsk(app.labels.address, '城关镇幸福路28号'));
    expect(await said(h, '确认提交')).to.not.include('申请已提交');
    expect(await said(h, '返回')).to.include(`${app.labels.address}：城关镇幸福路8号\n`);
    expect((await draftOf(h)).phase).to.equal('summary');
  });

  it('a number for an address that has none is never the address itself', async () => {
    const h = await run([...toAddress, ['城关镇王庄村', app.summary.intro]]);
    expect(await said(h, '地址错了 门牌是18号')).to.include(app.prompts.address);
    expect((await values(h)).address).to.equal('城关镇王庄村');
  });
});

describe('fix22e #2: a stray word is never a name or an address, and every field edit has a way out', () => {
  it('"名字错了 柱是木字旁那个 没错 算了不改了" at the phone asked again keeps the name and shows the summary', async () => {
    const h = await run(atSummary());
    expect(await said(h, '电话最后一位是2 不是1')).to.include(app.prompts.phone);
    const reply = await said(h, '名字错了 柱是木字旁那个 没错 算了不改了');
    expect(reply).to.include(app.summary.keptAsIs).and.include(app.summary.intro);
    expect((await values(h)).name).to.equal('王建国');
  });

  for (const [field, input] of [['邮寄地址', '算了不改了'], ['邮寄地址', '不改了 就原来的'], ['姓名', '保持原来的吧'], ['姓名', '没错'], ['电话', '还是原来的那个'], ['残疾类别', '算了 不改了']]) {
    it(`修改 → ${field}, then "${input}": nothing changed, the summary again`, async () => {
      const h = await run([...atSummary(), ['修改', app.summary.pickField]]);
      const before = await values(h);
      await said(h, field);
      const reply = await said(h, input);
      expect(reply).to.include(app.summary.keptAsIs).and.include(app.summary.intro);
      expect(await values(h)).to.deep.include({ name: before.name, address: before.address, phone: before.phone, category: before.category });
      expect((await draftOf(h)).phase).to.equal('summary');
    });
  }

  it('修改 → 办理事项, an item added, 选好了, then "算了不改了" at its 低保 question: the summary as it was', async () => {
    const h = await run([...atSummary(), ['修改', app.summary.pickField], ['办理事项', app.prompts.itemsMore('残疾人证新办')], ['生活补贴', app.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴')], ['选好了', app.prompts.dibao]]);
    const reply = await said(h, '算了不改了');
    expect(reply).to.include(app.summary.keptAsIs).and.include(`${app.labels.items}：残疾人证新办\n`);
    expect((await values(h)).picks).to.deep.equal(['cert-new']);
    expect((await draftOf(h)).phase).to.equal('summary');
  });

  it('"不改了" at the list of fields goes back to the summary', async () => {
    const h = await run([...atSummary(), ['修改', app.summary.pickField]]);
    expect(await said(h, '不改了')).to.include(app.summary.keptAsIs).and.include(app.summary.intro);
  });

  for (const input of ['名字没写错吧 赵铁柱 柱是木字旁', '身份证上写的名字不一样']) {
    it(`"${input}" at the address asked again is no address`, async () => {
      const h = await run([...atSummary(), ['修改', app.summary.pickField], ['邮寄地址', app.prompts.address]]);
      await said(h, input);
      await said(h, '没有');
      expect((await values(h)).address).to.equal('城关镇幸福路8号');
    });
  }

  for (const input of ['名字错了 是赵铁柱 柱是木字旁', '姓名写错了 应该是赵铁柱 柱是木字旁那个']) {
    it(`"${input}" takes the name, not the character told by its radical`, async () => {
      const h = await run(atSummary());
      expect(await said(h, input)).to.include(app.summary.changedTo(app.labels.name, '赵铁柱'));
      expect((await values(h)).name).to.equal('赵铁柱');
    });
  }

  for (const input of ['没错', '算了', '对的', '柱是木字旁']) {
    it(`"${input}" at the name is no name`, async () => {
      const h = await run(toAddress.slice(0, 5));
      await said(h, input);
      expect((await values(h)).name).to.equal(undefined);
    });
  }
});

describe('fix22e #5: another category said with 对 at "先按多重填，对吗？" is a correction', () => {
  const atGuess: Step[] = [...toAddress.slice(0, 9), ['腿截了一条 眼睛也看不见', app.prompts.categoryGuess('多重')]];
  for (const [input, category] of [['对，先按肢体', '肢体'], ['不对 是视力', '视力'], ['嗯 就按视力的填吧', '视力'], ['对的 肢体', '肢体']]) {
    it(`"${input}" keeps ${category}, said back`, async () => {
      const h = await run(atGuess);
      expect(await said(h, input)).to.include(app.categoryTaken(category));
      expect((await values(h)).category).to.equal(category);
    });
  }
  for (const input of ['对', '对 多重', '是的']) {
    it(`"${input}" keeps the guess`, async () => {
      const h = await run(atGuess);
      await said(h, input);
      expect((await values(h)).category).to.equal('多重');
    });
  }
});

describe('fix22e #6: an item said at another step is kept, and the items step still asks for more', () => {
  const atMore: Step[] = [['我要申请', app.consent], ['同意', app.prompts.role], ['给我爸办', app.prompts.items], ['残疾证', app.prompts.itemsMore('残疾人证新办')]];
  for (const input of ['护理补贴也要，他现在吃饭穿衣都要我妈照顾', '护理补贴也要 他屎尿都要人伺候']) {
    it(`"${input}" at "还要别的吗" adds it and asks for more`, async () => {
      const h = await run(atMore);
      const replies = await h.send(input);
      expect(replies.at(-1)!.text).to.equal(app.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴'));
    });
  }
  it('"残疾证和护理补贴都要" still ends the choosing', async () => {
    const h = await run(atMore.slice(0, 3));
    expect(await said(h, '残疾证和护理补贴都要')).to.include(app.prompts.name);
  });

  for (const [input, step] of [['等一下，生活补贴也想申请，我家是低保户', app.prompts.name], ['俺还想申请生活补贴 家里是低保户', app.prompts.name]]) {
    it(`"${input}" at the name adds the allowance with the 低保 said`, async () => {
      const h = await run([...atMore, ['选好了', app.prompts.name]]);
      const reply = await said(h, input);
      expect(reply).to.include(app.itemAdded(app.itemOptions['living-allowance'])).and.include(step);
      expect(await values(h)).to.deep.include({ picks: ['cert-new', 'living-allowance'], dibao: true });
    });
  }
  it('"护理补贴也要办" at the ID number adds it, the ID asked again', async () => {
    const h = await run([...atMore, ['选好了', app.prompts.name], ['赵铁柱', app.prompts.idNumber]]);
    const reply = await said(h, '护理补贴也要办');
    expect(reply).to.include(app.itemAdded(app.itemOptions['care-allowance'])).and.include(app.prompts.idNumber);
    expect((await values(h)).picks).to.deep.equal(['cert-new', 'care-allowance']);
  });
  for (const input of ['给我爸办 护理补贴也要', '护理补贴也要']) {
    it(`"${input}" before the items is shown picked there`, async () => {
      const h = await run(atMore.slice(0, 2));
      const reply = await said(h, input);
      expect(reply).to.include(app.itemAdded(app.itemOptions['care-allowance']));
      if (input.startsWith('给')) expect(reply).to.include(app.prompts.itemsMore('重度残疾人护理补贴'));
      else expect(await said(h, '给我自己')).to.include(app.prompts.itemsMore('重度残疾人护理补贴'));
    });
  }
});

describe('fix22e #7: a phone said and acknowledged at an earlier step is not asked again', () => {
  for (const input of ['13603751188 只能发短信 别打电话', '我听不见 只能发短信 手机13603751188']) {
    it(`"${input}" at the items: kept, the phone question skipped`, async () => {
      const h = await run(toAddress.slice(0, 3));
      expect(await said(h, input)).to.include(app.phoneKept);
      await run([['1', app.prompts.itemsMore('残疾人证新办')], ['选好了', app.prompts.name], ['王建国', app.prompts.idNumber], ['11010519491231002X', app.prompts.hukou]], h);
      expect(await values(h)).to.include({ phone: '13603751188', textOnly: true });
    });
  }
  for (const input of ['给我自己办，我是听力残疾，两只耳朵都听不见', '俺自己办 俺耳朵聋了好几年了']) {
    it(`"${input}" at "给谁申请" is the answer, and the category offered from it`, async () => {
      const h = await run(toAddress.slice(0, 2));
      expect(await said(h, input)).to.include(app.prompts.items);
      expect(await values(h)).to.include({ role: 'self', categoryGuess: '听力' });
    });
  }
});

describe('fix22e #9: moving a booking, the person keeps their own place', () => {
  const t = text.booking;
  async function booked() {
    const h = await dialogHarness();
    const record = await h.cases.create(
      newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { category: '肢体' }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage: 'appraisal_scheduled' }),
      h.clock.now(),
    );
    await h.say('预约12月3号上午');
    await h.say('对');
    return { ...h, record };
  }
  for (const [move, keep] of [['改到最早的那天', '算了不改了 还是礼拜四'], ['我想改个时间', '不改了'], ['我想改个时间', '保持原来的 不动了'], ['改到12月1号', '算了 还是原来那天吧']]) {
    it(`"${move}", then "${keep}": kept`, async () => {
      const h = await booked();
      await h.say(move);
      expect((await h.say(keep)).text).to.equal(t.kept);
      expect((await h.slots.activeBookingOf(h.record.caseNo))?.slotId).to.equal('people:2026-12-03:am');
    });
  }
  for (const day of ['还是12月3号吧', '12月3号上午']) {
    it(`"${day}" while moving is the place they have, never 约满`, async () => {
      const h = await booked();
      await h.say('改到最早的那天');
      const reply = (await h.say(day)).text!;
      expect(reply).to.equal(t.keptSame('12月3日（周四）上午')).and.not.include('约满');
      expect((await h.slots.activeBookingOf(h.record.caseNo))?.slotId).to.equal('people:2026-12-03:am');
    });
  }
});
