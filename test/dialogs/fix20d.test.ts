import { expect } from 'chai';
import { finalItems } from '../../dialogs/application/values.js';
import { text } from '../../dialogs/text/index.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock } from '../support.js';
import { buttons, dialogHarness, run, selfAtDibao, selfNewCertificateToAddress, type Step } from './harness.js';

const app = text.application;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;
const said = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text).join('\n');

const ADDRESS = '示范县城关镇幸福路12号3单元401';
/** Trial 18, N1: a daughter applies for her mother (证 and 护理补贴), mailed: at the summary. */
const daughterToSummary: Step[] = [
  ['我要申请', app.consent],
  ['同意', app.prompts.role],
  ['替家人或被监护人', app.prompts.relation],
  ['子女', app.prompts.items],
  ['残疾人证（第一次办）', app.prompts.itemsMore('残疾人证新办')],
  ['重度残疾人护理补贴', app.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴')],
  ['选好了', app.prompts.name],
  ['李秀英', app.prompts.idNumber],
  // The same ID, phone, 户籍, category, channel and delivery as the harness's own applicant.
  ...selfNewCertificateToAddress.slice(6),
  [ADDRESS, app.summary.intro],
];
/** The same, the living allowance added at the summary: at the 低保 question. */
const daughterAtDibao: Step[] = [...daughterToSummary, ['把生活补贴也加上吧 让民政看着办', app.prompts.dibao]];

describe('fix20d N1: the mailing address takes only an address', () => {
  it('the trial\'s exact sequence: 低收入 is no address, each correction is the whole new address, and no change is claimed that did not happen', async () => {
    const h = await run(daughterAtDibao);
    const lowIncome = await said(h, '不是低保 是低收入户 村里给认定过');
    expect(lowIncome).to.include(app.keptLowIncome).and.not.include('邮寄地址改成');
    expect((await values(h)).address).to.equal(ADDRESS);

    expect(await said(h, '地址弄乱了 应该是城关镇幸福路12号3单元401')).to.include(app.summary.changedTo(app.labels.address, '城关镇幸福路12号3单元401'));
    expect((await values(h)).address).to.equal('城关镇幸福路12号3单元401');

    for (const same of ['地址是城关镇幸福路12号3单元401', '把地址改成城关镇幸福路12号3单元401']) {
      const reply = await said(h, same);
      expect(reply, same).to.include(app.summary.unchanged(app.labels.address, '城关镇幸福路12号3单元401')).and.not.include('改成');
    }

    expect(await said(h, '地址改成城关镇幸福路12号')).to.include(app.summary.changedTo(app.labels.address, '城关镇幸福路12号'));
    expect((await values(h)).address).to.equal('城关镇幸福路12号');
  });

  for (const answer of ['不是低保户 村里没给评', '不对 村里没给俺评上', '不是 村东头那家才是低保']) {
    it(`"${answer}" at the 低保 question leaves the address as it was`, async () => {
      const h = await run(daughterAtDibao);
      expect(await said(h, answer)).to.not.include('邮寄地址改成');
      expect((await values(h)).address).to.equal(ADDRESS);
    });
  }

  for (const correction of ['住址搞乱了 应该是示范县东大街8号', '地址不对 应该是示范县东大街8号', '把住址改成示范县东大街8号', '地址是示范县东大街8号']) {
    it(`"${correction}" at the summary: the address is just the new one, said back`, async () => {
      const h = await run(daughterToSummary);
      expect(await said(h, correction)).to.include(app.summary.changedTo(app.labels.address, '示范县东大街8号'));
      expect((await values(h)).address).to.equal('示范县东大街8号');
    });
  }

  for (const correction of ['地址写错了 是示范县东大街8号', '地址是示范县东大街8号']) {
    it(`"${correction}" at the 低保 question: the address changed, the question asked again`, async () => {
      const h = await run(daughterAtDibao);
      const reply = await said(h, correction);
      expect(reply).to.include(app.summary.changedTo(app.labels.address, '示范县东大街8号')).and.include(app.prompts.dibao);
      expect((await values(h)).address).to.equal('示范县东大街8号');
    });
  }

  for (const junk of ['地址不对 我们村里的人都知道', '地址改一下 俺们那个村没门牌']) {
    it(`"${junk}" at the summary writes no sentence into the address`, async () => {
      const h = await run(daughterToSummary);
      expect(await said(h, junk)).to.not.include('邮寄地址改成');
      expect((await values(h)).address).to.not.include('知道').and.not.include('门牌');
    });
  }

  it('a street said alone still corrects only its part ("东大街二十八号" for "城关镇东大街十八号")', async () => {
    const h = await run([...selfNewCertificateToAddress, ['城关镇东大街十八号', app.summary.intro]]);
    await h.say('地址改成东大街二十八号');
    expect((await values(h)).address).to.equal('城关镇东大街二十八号');
  });
});


describe('fix20d N2: a low-income family keeps the living allowance', () => {
  it('the 低保 question offers the low-income answer as a button', async () => {
    const h = await run(selfAtDibao.slice(0, -1));
    const asked = await h.say('肢体');
    expect(asked.suggestedActions?.actions.map((a) => a.value)).to.deep.equal(app.dibaoOptions);
  });

  for (const answer of ['我们不是低保 是低收入家庭', '家里收入很低 没评上低保', '让民政看着办吧', '3', '不是低保 是低收入家庭 能领不']) {
    it(`"${answer}" at the 低保 question keeps the allowance for 民政 to judge`, async () => {
      const h = await run(selfAtDibao);
      const reply = await said(h, answer);
      expect(reply).to.include(answer.includes('民政') ? app.keptForMinzheng : app.keptLowIncome).and.not.include(app.dropped['living-allowance']);
      const v = await values(h);
      // Left to 民政 (fix22b): no status claimed, 民政 checks whether the family is on 低保 at all.
      expect(v).to.include(answer.includes('民政') ? { lowIncome: undefined, minzhengChecks: 'dibao' } : { dibao: false, lowIncome: true });
      expect(finalItems(v)).to.include('living-allowance');
    });
  }

  it('a plain "不是" still leaves it out, and the summary shows it so', async () => {
    const h = await run(selfAtDibao);
    expect(await said(h, '不是')).to.include(app.dropped['living-allowance']);
    expect(finalItems(await values(h))).to.not.include('living-allowance');
  });

  /** "不是" at the 低保 question, then on to the summary. */
  const droppedToSummary: Step[] = [...selfAtDibao, ['不是', app.prompts.channel], ['网上提交', app.prompts.delivery], ['自己去领', app.summary.intro]];

  for (const again of ['把生活补贴也加上吧 让民政看着办', '生活补贴还是加上吧 我们家是低收入户']) {
    it(`"${again}" at the summary puts it back for 民政 to judge, and the summary shows it`, async () => {
      const h = await run(droppedToSummary);
      const reply = await said(h, again);
      expect(reply).to.include(app.itemAdded(app.itemOptions['living-allowance'])).and.include(again.includes('民政') ? app.keptForMinzheng : app.keptLowIncome).and.include('困难残疾人生活补贴');
      const v = await values(h);
      // Said not on 低保 before: 民政 is left to check only whether the family is low-income.
      expect(v).to.include(again.includes('民政') ? { lowIncome: undefined, minzhengChecks: 'lowIncome' } : { lowIncome: true });
      expect(finalItems(v)).to.include('living-allowance');
    });
  }

  for (const asked of ['那生活补贴我们家还能申请不 刚才没选', '不是低保的话生活补助就领不了吗']) {
    it(`"${asked}" at the summary: who gets it and how to add it, no "答不准"`, async () => {
      const h = await run(droppedToSummary);
      const reply = await said(h, asked);
      expect(reply).to.include(app.summary.livingAsked).and.not.include('答不准');
      await h.say('把生活补贴加上，我们是低收入户');
      expect(finalItems(await values(h))).to.include('living-allowance');
    });
  }

  it('"生活补贴也加上吧" with no reason asks the 低保 question again, not "没听明白"', async () => {
    const h = await run(droppedToSummary);
    const reply = await said(h, '生活补贴也加上吧');
    expect(reply).to.include(app.itemAdded(app.itemOptions['living-allowance'])).and.include(app.prompts.dibao);
  });

  it('"我们是低收入户 村里认定过" at the summary, the allowance left out for no 低保: kept', async () => {
    const h = await run(droppedToSummary);
    expect(await said(h, '我们是低收入户 村里认定过')).to.include(app.keptLowIncome);
    expect(finalItems(await values(h))).to.include('living-allowance');
  });

  it('the case keeps that the family is low-income', async () => {
    const h = await run([...selfAtDibao, ['我们是低收入家庭', app.prompts.channel], ['网上提交', app.prompts.delivery], ['自己去领', app.summary.intro]]);
    const reply = await said(h, '确认提交');
    const caseNo = /YC\d{12}/.exec(reply)![0];
    const record = await h.cases.get(caseNo);
    expect(record!.facts).to.include({ dibao: false, lowIncome: true });
    expect(record!.items.map((i) => i.id)).to.include('living-allowance');
  });
});

describe('fix20d N8: typed numbers at the items step mean what the person saw', () => {
  const toItems: Step[] = selfNewCertificateToAddress.slice(0, 3);

  it('the trial\'s numbers: "1", "3", then "9" are 证, 生活补贴 and 选好了, whatever was picked between', async () => {
    const h = await run(toItems);
    const first = await h.say('1');
    expect(first.text).to.equal(app.prompts.itemsMore('残疾人证新办'));
    expect((await h.say('3')).text).to.equal(app.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴'));
    expect((await values(h)).picks).to.deep.equal(['cert-new', 'living-allowance']);
    expect((await h.say('9')).text).to.equal(app.prompts.name);
  });

  it('each item keeps its number across picks; a picked one\'s button takes it off in its place', async () => {
    const h = await run(toItems);
    const shown = await h.say('4');
    const labels = shown.suggestedActions!.actions.map((a) => a.value as string);
    expect(labels[2]).to.equal(app.itemOptions['living-allowance']);
    expect(labels[3]).to.equal(app.itemRemove(app.itemOptions['care-allowance']));
    expect(labels[8]).to.equal(app.itemsDone);
    expect(labels).to.have.length(9);
  });

  for (const take of ['1', '第一个', app.itemRemove(app.itemOptions['cert-new'])]) {
    it(`"${take}" taking off the certificate is asked first; a no keeps it, a yes takes it off`, async () => {
      const h = await run([...toItems, ['1', app.prompts.itemsMore('残疾人证新办')], ['3', app.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴')]]);
      const asked = await h.say(take);
      expect(asked.text).to.equal(app.certDropAsk(app.itemOptions['cert-new']));
      expect((await values(h)).picks).to.include('cert-new');
      expect((await h.say('不去掉，留着')).text).to.equal(app.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴'));
      expect((await values(h)).picks).to.include('cert-new');
      await h.say(take);
      expect(await said(h, '去掉')).to.include(app.itemDropped(app.itemOptions['cert-new']));
      expect((await values(h)).picks).to.deep.equal(['living-allowance']);
    });
  }

  it('another item\'s number while asked about the certificate is read as ever', async () => {
    const h = await run([...toItems, ['1', app.prompts.itemsMore('残疾人证新办')], ['1', app.certDropAsk(app.itemOptions['cert-new'])]]);
    expect((await h.say('护理补贴')).text).to.equal(app.prompts.itemsMore('残疾人证新办、重度残疾人护理补贴'));
  });
});

describe('fix20d N9: a weekday said after the offered days means the offered one', () => {
  /** The chat user's case waiting for its appraisal; the clock at `now` (Shanghai 11:13 on that day). */
  async function booking(now = '2026-11-30T03:13:00Z') {
    const h = await dialogHarness({ clock: new FakeClock(new Date(now)) });
    await h.cases.create(
      newCase({ submittedBy: { role: 'self', userKey: 'test:user1' }, applicant: { category: '肢体' }, items: [{ id: 'cert-new', department: '残联', status: 'submitted' }], stage: 'appraisal_scheduled' }),
      h.clock.now(),
    );
    return h;
  }
  const b = text.booking;

  for (const pick of ['那就礼拜四上午吧', '周四那个吧', '星期四的行']) {
    it(`the trial's Monday: "${pick}" after 12月10日（周四） was offered is that day, not 12月3日`, async () => {
      const h = await booking();
      expect((await h.say('约个鉴定时间')).text).to.equal(b.askWhen);
      const offer = await h.say('下礼拜三上午中不中');
      expect(buttons(offer)).to.include('12月10日（周四）上午');
      expect((await h.say(pick)).text).to.equal(b.confirmWhen('12月10日（周四）上午'));
    });
  }

  it('another week: "礼拜二下午" after the week after next was offered is that Tuesday', async () => {
    const h = await booking('2026-11-20T02:00:00Z');
    const offer = await h.say('预约下下周三上午');
    expect(buttons(offer)).to.include('12月1日（周二）下午');
    expect((await h.say('礼拜二下午')).text).to.equal(b.confirmWhen('12月1日（周二）下午'));
  });

  it('"下礼拜四" names its own week, as before', async () => {
    const h = await booking('2026-11-20T02:00:00Z');
    await h.say('预约下下周三上午');
    expect((await h.say('下礼拜四')).text).to.equal(b.confirmWhen('11月26日（周四）上午'));
  });
});

describe('fix20d N7: the name as on the ID card', () => {
  const toName: Step[] = selfNewCertificateToAddress.slice(0, 5);
  const table: [string, string][] = [
    ['俺叫王老栓 身份证上是王建设', '王建设'],
    ['大名王建設', '王建设'],
    ['小名叫狗蛋 大名叫王建设', '王建设'],
    ['户口本上写的李秀英', '李秀英'],
    ['張桂蘭', '张桂兰'],
  ];
  for (const [typed, name] of table) {
    it(`"${typed}" at the name is "${name}"`, async () => {
      const h = await run(toName);
      const replies = await said(h, typed);
      expect(replies).to.include(app.prompts.idNumber);
      expect((await values(h)).name).to.equal(name);
    });
  }

  it('a Traditional name is said back in Simplified', async () => {
    const h = await run(toName);
    expect(await said(h, '大名王建設')).to.include(app.nameSimplified('王建设'));
  });

  it('a Simplified name is taken as typed, nothing said back', async () => {
    const h = await run(toName);
    expect(await said(h, '王建设')).to.equal(app.prompts.idNumber);
  });
});

describe('fix20d N14: "俺的证" in the opening is the speaker\'s own', () => {
  for (const opening of ['我要申请 俺的证到期了要换', '我要申请 我的残疾证丢了要补办', '俺的证到期了 我要申请换证']) {
    it(`"${opening}" does not ask for whom`, async () => {
      const h = await dialogHarness();
      expect((await h.say(opening)).text).to.equal(app.consent);
      expect((await h.say('同意')).text).to.not.equal(app.prompts.role);
      expect(await values(h)).to.include({ role: 'self' });
    });
  }

  it('"我要申请 俺娘的证到期了要换" is not the speaker\'s own', async () => {
    const h = await dialogHarness();
    await h.say('我要申请 俺娘的证到期了要换');
    await h.say('同意');
    expect((await values(h)).role).to.not.equal('self');
  });
});

describe('fix20d N6: questions at a step are answered, not ignored', () => {
  const toCategory: Step[] = selfNewCertificateToAddress.slice(0, 9);

  for (const asked of ['俺是大腿根截的 能评几级', '腿截了一条 大概算几级']) {
    it(`"${asked}" at the category: the grade is the appraisal's, and 肢体 offered`, async () => {
      const h = await run(toCategory);
      const replies = await said(h, asked);
      expect(replies).to.include(app.gradeAtAppraisal).and.include(app.prompts.categoryGuess('肢体'));
    });
  }

  it('"他这种情况大概能评几级啊" at the category, nothing described: answered, the category asked again', async () => {
    const h = await run(toCategory);
    const replies = await said(h, '他这种情况大概能评几级啊');
    expect(replies).to.include(app.gradeAtAppraisal).and.include(app.prompts.category);
  });

  for (const more of ['她还说不了话 这算啥', '话也说不出来了']) {
    it(`"${more}" with 肢体 offered (a stroke): 多重 offered, and why`, async () => {
      const h = await run([...toCategory.slice(0, 8), ['示范县', app.prompts.category], ['中风了 瘫在床上', app.prompts.categoryGuess('肢体')]]);
      const replies = await said(h, more);
      expect(replies).to.include(app.categoryMultiple('肢体', '言语')).and.include(app.prompts.categoryGuess('多重'));
      await h.say('对');
      expect(await values(h)).to.include({ category: '多重' });
    });
  }

  it('"说话不清楚" with 肢体 offered, said as a correction, offers 言语 as before', async () => {
    const h = await run([...toCategory, ['走路不方便', app.prompts.categoryGuess('肢体')]]);
    expect((await h.say('说话不清楚')).text).to.equal(app.prompts.categoryGuess('言语'));
  });

  for (const asked of ['评定那天孩子要去吗 得请一天假不', '鉴定的时候本人得到场不', '评残那天我能陪着去吗']) {
    it(`"${asked}" at the summary: who goes to the appraisal, then the summary again`, async () => {
      const h = await run([...selfNewCertificateToAddress, ['示范县人民路12号3栋201', app.summary.intro]]);
      const replies = await said(h, asked);
      expect(replies).to.include(app.summary.appraisalDay).and.include(app.summary.intro).and.not.include('重新约');
    });
  }
});
