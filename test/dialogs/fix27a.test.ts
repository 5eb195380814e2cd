import { expect } from 'chai';
import { smsSaid } from '../../dialogs/replies.js';
import { recognizeProgressIntent } from '../../dialogs/status/progressIntent.js';
import { shippedKnowledge } from '../support.js';
import { dialogHarness } from './harness.js';

// fix27a: trial 22's confident wrong first answers (faults 3 and 5), by rules reading the question's shape.
const { kb } = shippedKnowledge();
/** The start of an entry's answer, as the chat says it (SMS off). */
const opening = (id: string) => smsSaid(kb.entry(id)!.answer, false).slice(0, 16);

const decided = (q: string) => {
  const d = kb.decide(q);
  return d.kind === 'answer' || d.kind === 'decline' ? `${d.kind}:${d.top.entry.id}` : d.kind === 'clarify' ? `clarify:${d.options[0].entry.id}` : d.kind;
};

/** The bot's reply to one first question: its texts and its buttons' titles, joined. */
async function reply(said: string): Promise<string> {
  const h = await dialogHarness();
  return (await h.send(said)).map((a) => [a.text ?? '', ...(a.suggestedActions?.actions.map((b) => b.title ?? '') ?? [])].join('\n')).join('\n');
}

describe('fix27a', () => {
  it('fault 3: an amputee with a prosthesis asking of the appraisal is not refused as buying one', async () => {
    const refusal = kb.entry('decl-assistive-purchase')!.answer.slice(0, 16);
    for (const q of ['俺截肢了装了假肢 走道跟好人差不多 还能评残不', '车祸截了一条胳膊 现在装的假肢 能评几级', '我妈腿锯掉了 配了条假腿 还能给她评个残疾吗']) {
      expect(await reply(q), q).to.not.include(refusal);
    }
    expect(await reply('假肢在哪买')).to.include(refusal);
  });

  it('fault 5: how updates come, asked by someone who cannot take calls, is the notification, not a look-up', async () => {
    for (const q of ['我是聋人，打不了电话，办证到哪一步了怎么通知我', '我耳朵听不见 办的过程中有消息你们咋告诉我', '俺听不见 审批到哪儿了你们用啥通知俺']) {
      const said = await reply(q);
      expect(said, q).to.include(opening('flow-notify'));
      expect(said, q).to.not.include('没有查到您在办的申请');
    }
    for (const q of ['我是聋人，打不了电话，办证到哪一步了怎么通知我', '证批下来了咋通知我', '医院怎么联系我']) expect(recognizeProgressIntent(q), q).to.equal(undefined);
    // Asked how far it got, or complained that nobody told: still the look-up.
    for (const q of ['我的申请到哪一步了', '我的证办下来了没 怎么没人通知我']) expect(recognizeProgressIntent(q), q).to.equal('progress');
  });

  it('fault 5: what to bring to renew the card is the renewal\'s list, with the old card', async () => {
    for (const q of ['换个新证要带啥', '残疾证旧了想换一本 要准备什么', '残疾证坏了换一个要带什么']) {
      expect(await reply(q), q).to.include('旧证');
    }
    // A first application's list stays the materials list.
    for (const q of ['残疾证要带什么材料', '办残疾证要准备什么']) expect(decided(q), q).to.equal('answer:materials-offline');
  });

  it('fault 5: the day an allowance is paid, whatever the condition and the years it has lasted', () => {
    for (const q of ['俺婆婆瘫在床上好几年了 护理补贴啥时候发 每月几号', '俺爹卧床十来年了 生活补贴一般哪天打卡上', '俺娘瘫床上好几年了 护理补贴每月啥时候打钱']) {
      expect(decided(q), q).to.equal('answer:sub-payment');
    }
    // Who gets it, asked with the years the condition lasted, is still who gets it.
    expect(decided('我眼睛瞎了十来年了 护理补贴能领吗')).to.equal('answer:care-allowance-eligibility');
  });

  it('fault 5: whether a photo taken with a phone will do is the photo rule, not the whole materials list', () => {
    for (const q of ['办证的照片 拿手机拍行不行', '照片拿手机自己照的行不行', '办残疾证的照片拿相机自己拍行吗']) {
      expect(decided(q), q).to.match(/^(answer|clarify):mat-photo-where$/);
    }
    // The documents brought alone still ask of the list.
    expect(decided('光带身份证行不行')).to.equal('answer:materials-offline');
  });

  it('fault 5: how a category is graded is the grades, not what the category is', () => {
    for (const q of ['听力残疾是怎么分级的', '耳聋分几个等级 都是啥程度', '肢体残疾的等级按什么分']) expect(decided(q), q).to.equal('answer:cert-grades-by-category');
    // What it is stays the definition; the multiple's grade is its own entry's.
    expect(decided('听力残疾是指什么')).to.equal('answer:cert-hearing');
    expect(decided('我又聋又瘸 等级咋定')).to.equal('answer:cert-multiple');
  });

  it('fault 5: how many things the bundle does, asked, is its items counted, not what the reform means', async () => {
    for (const q of ['听说现在一张表就能办好几样 到底能办几样', '这个一件事到底能办多少项', '一次能办哪几样']) {
      expect(decided(q), q).to.equal('answer:ov-bundle-items');
    }
    expect(await reply('听说现在一张表就能办好几样 到底能办几样')).to.include('一共7类');
    // A reference plan's own count, and what one set of materials serves, stay theirs; so do several subsidies' materials.
    expect(decided('平原县办残疾证能一起办几项业务')).to.equal('answer:ov-pingyuan');
    expect(decided('几样补贴一起办要交几套材料')).to.equal('answer:mat-one-set');
    expect(decided('能办哪几种补贴')).to.equal('answer:sub-overview');
  });

  it('fault 5: the two allowances\' difference is what each is for, not that both can be had', () => {
    for (const q of ['护理补贴和生活补贴有啥不一样', '生活补贴跟护理补贴区别在哪', '两项补贴有什么不同']) expect(decided(q), q).to.equal('answer:sub-two-subsidies-name');
    // Whether one person gets both is still the both-at-once answer.
    for (const q of ['两项补贴能一起拿吗', '生活补贴和护理补贴能一起领吗']) expect(decided(q), q).to.equal('answer:sub-both-at-once');
  });
});
