import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';
import type { AnswerPart } from '../../knowledge/schema.js';
import { dialogHarness } from './harness.js';
import { text } from '../../dialogs/text/index.js';

// Short follow-ups read as a hotline agent reads them: what the previous question asked (where,
// how long, how much...) and its slots (category, grade, item, channel, age); the follow-up
// changes one. Each fault the testers found, then wordings of the same kind nobody scripted.
const { kb } = shippedKnowledge();
/** An entry's answer; "cert-renew#online": the part a follow-up asking only that is told. */
const answer = (id: string) => {
  const [entry, part] = id.split('#') as [string, AnswerPart | undefined];
  return part ? kb.entry(entry)!.parts![part]! : kb.entry(entry)!.answer;
};

/** The bot's whole reply to the last of the turns, in one conversation. */
async function lastReply(turns: string[]): Promise<string> {
  // SMS on: the answers as the entries word them (with it off, what they say of SMS is reworded: fix20b.test.ts).
  const h = await dialogHarness({ sms: true });
  let last = '';
  for (const t of turns) last = (await h.send(t)).map((a) => a.text ?? '').join('\n');
  return last;
}

/** [turns, the entry whose answer the last turn gets, an entry whose answer it must not get]. */
type Case = [turns: string[], expected: string, notThis: string];

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const [turns, expected, notThis] of cases) {
      it(`${turns.join(' / ')} -> ${expected}`, async () => {
        const reply = await lastReply(turns);
        expect(reply).to.include(answer(expected));
        expect(reply).to.not.include(answer(notThis));
      });
    }
  });
}

table('"在哪办" after what a category means: where to apply, not the definition again', [
  [['听力残疾是什么', '在哪办'], 'cert-new-how', 'cert-hearing'],
  [['视力残疾是指什么', '去哪办'], 'cert-new-how', 'cert-vision'],
  [['言语残疾是什么', '在哪申请'], 'cert-new-how', 'cert-speech'],
  [['精神残疾是啥意思', '那去哪办啊'], 'cert-new-how', 'cert-mental'],
  [['智力残疾指什么', '在哪儿办'], 'cert-new-how', 'cert-intellectual'],
]);

table('"要多久" after a child\'s application: how long it takes, not a choice of other things', [
  [['孩子能办残疾证吗', '要多久'], 'flow-total-time', 'cert-infant'],
  [['我家孩子要办残疾证', '要多长时间'], 'flow-total-time', 'cert-infant'],
  [['孩子自闭症能办残疾证吗', '要等多久'], 'flow-total-time', 'cert-child-autism'],
  [['给孩子办残疾证要带什么', '要多久'], 'flow-total-time', 'mat-guardian-proof'],
  [['孩子能办残疾证吗', '多长时间能拿到'], 'flow-total-time', 'cert-infant'],
]);

table('"三级的呢", "听力的呢": the same question for the new grade or category', [
  [['一级护理补贴多少钱', '三级的呢'], 'sub-care-grade34', 'sub-care-amount'],
  [['护理补贴谁能领', '三级的呢'], 'sub-care-grade34', 'care-allowance-eligibility'],
  [['护理补贴谁能领', '那四级的呢'], 'sub-care-grade34', 'care-allowance-eligibility'],
  [['二级残疾能领护理补贴吗', '三级的呢'], 'sub-care-grade34', 'sub-care-grade12'],
  // The amount's answer names every grade's amount: said again for 二级, not "can 二级 get it".
  [['一级护理补贴多少钱', '二级的呢'], 'sub-care-amount', 'sub-care-grade12'],
  [['视力残疾是指什么', '听力的呢'], 'cert-hearing', 'cert-vision'],
  [['精神残疾是指什么', '智力的呢'], 'cert-intellectual', 'cert-mental'],
  [['视力残疾去哪家医院评定', '那听力的呢'], 'appr-hosp-hearing', 'appr-hosp-vision'],
  [['听力残疾评定要做什么检查', '言语的呢'], 'appr-check-speech', 'appr-check-hearing'],
  [['肢体残疾评定查什么', '智力的呢'], 'appr-check-intellectual', 'appr-check-limb'],
]);

table('follow-ups the earlier trials (5 and 7) found, in their words', [
  [['我家老二耳朵听不见 要去哪个医院弄那个鉴定', '那他奶奶眼睛不好呢'], 'appr-hosp-vision', 'cert-vision'],
  [['听力残疾去哪评定', '那要等多久'], 'appr-schedule', 'appr-check-hearing'],
  [['俺家是低保户 残疾人每月能领多少钱', '那护理的呢'], 'sub-care-amount', 'care-allowance-eligibility'],
  // Renewal online (its answer says 网上申请), not a new application online (trial 9).
  [['残疾证到期了要换', '网上能办不'], 'cert-renew#online', 'apply-online'],
  [['办残疾证要带啥', '那孩子呢', '在哪办'], 'cert-new-how', 'mat-guardian-proof'],
  [['注销了还能再办吗', '在哪办'], 'cert-new-how', 'cert-reapply-after-cancel'],
]);

table('a new question word about the same topic', [
  // The replacement's own fee, said alone (issue 9, fix14a): not the whole paragraph, nor the fee entry's every case.
  [['残疾证丢了怎么办', '要钱吗'], 'cert-lost#howMuch', 'appr-postage'],
  // Where to apply for the replacement (its answer says: online or at the window), not for a new certificate (trial 9).
  [['残疾证丢了怎么办', '去哪办'], 'cert-lost#where', 'cert-new-how'],
  // How long applying takes, not how long a certificate lasts.
  [['残疾证咋办', '要多久'], 'flow-total-time', 'cert-renew'],
  [['听力残疾去哪评定', '要带什么'], 'appr-bring', 'appr-hosp-hearing'],
  [['听力残疾去哪评定', '要钱吗'], 'appr-fee', 'appr-hosp-hearing'],
  [['护理补贴谁能领', '怎么申请'], 'sub-care-apply', 'care-allowance-eligibility'],
  // How long a certificate lasts is not how long a lost one takes: the lost one's answer.
  [['残疾证有效期多久', '丢了怎么办'], 'cert-lost', 'cert-renew'],
  [['网上申请要上传什么', '去窗口呢'], 'materials-offline', 'materials-online'],
]);

describe('follow-ups that stand alone, and the context\'s end', () => {
  it('a question that stands on its own is answered on its own', async () => {
    expect(await lastReply(['听力残疾是什么', '残疾证丢了去哪里补办'])).to.include(answer('cert-lost'));
    expect(await lastReply(['一级护理补贴多少钱', '困难残疾人生活补贴一个月多少钱'])).to.include(answer('sub-living-amount'));
  });

  it('the same fragment without the first turn is not answered as a follow-up', async () => {
    expect(await lastReply(['视力的呢'])).to.not.include(answer('appr-hosp-vision'));
    expect(await lastReply(['在哪办'])).to.not.include(answer('cert-new-how'));
  });

  it('forgets the topic after a change of subject', async () => {
    expect(await lastReply(['听力残疾是什么', '我的身份证丢了去哪补办', '在哪办'])).to.not.include(answer('cert-new-how'));
    // A short out-of-scope question is that, not a follow-up read against the topic.
    expect(await lastReply(['听力残疾是什么', '今天天气'])).to.include(kb.entry('decl-weather')!.answer);
  });

  it('forgets the topic after a few turns, and keeps it over one', async () => {
    expect(await lastReply(['听力残疾是什么', '你好', '在哪办'])).to.include(answer('cert-new-how'));
    expect(await lastReply(['听力残疾是什么', '今天天气', '你好', '谢谢', '在哪办'])).to.not.include(answer('cert-new-how'));
  });

  it('"老人呢" after how to apply: the entries about old people, not how to apply again', async () => {
    const h = await dialogHarness();
    await h.say('残疾证怎么办');
    const reply = await h.say('老人呢');
    expect(reply.text).to.not.include(answer('cert-new-how'));
    expect(reply.suggestedActions?.actions.map((a) => a.value)).to.include(kb.entry('cert-elderly')!.question);
  });

  it('what was just said is not said again to a later follow-up', async () => {
    // The children's materials were said two turns before: "在哪办" is not answered with them again.
    expect(await lastReply(['残疾证在哪办', '那孩子呢', '要多久', '在哪办'])).to.not.include(answer('mat-guardian-proof'));
  });

  it('goes back to an earlier topic when told ("刚才那个听力的"), not the one just answered', async () => {
    const reply = await lastReply(['听力残疾去哪评', '燃油补贴谁能领', '刚才那个听力的 要带啥']);
    expect(reply).to.include(answer('appr-bring'));
    expect(reply).to.not.include(answer('emp-fuel-apply'));
    expect(await lastReply(['残疾证要多久', '护理补贴谁能领', '回到刚才那个 残疾证要多久来着'])).to.include(answer('flow-total-time'));
  });

  it('a follow-up\'s answer is the topic for the next one', async () => {
    // 视力 after 听力, then 要钱吗: still about the appraisal.
    expect(await lastReply(['听力残疾去哪评定', '视力的呢', '要钱吗'])).to.include(answer('appr-fee'));
  });
});

table('trial 11: an illness is no lost or worn card; "网上能办不" asks of the topic\'s item', [
  [['俺家老头子耳朵听不见了 能办残疾证不', '要多久'], 'flow-total-time', 'cert-lost'],
  [['我娘七十了 眼睛看不清 能办残疾证不', '在哪办'], 'cert-new-how', 'cert-renew'],
  [['我娘七十了 眼睛看不清 能办残疾证不', '在哪办', '要多久'], 'flow-total-time', 'cert-renew'],
  [['护理补贴谁能领', '网上能办不'], 'sub-care-apply', 'care-allowance-eligibility'],
  [['视力残疾去哪评定', '听力的呢', '要带啥', '网上能办不'], 'appr-online', 'apply-online'],
  [['他那個鑒定要帶啥', '網上能辦不'], 'appr-online', 'apply-online'],
]);

// Trial 16 (fix16c): the examples, then the same kinds in other words.
table('the subsidies named after the certificate: the same person\'s, not the certificate again', [
  [['俺娃自闭症 能办证不', '几级能领补贴'], 'sub-child', 'cert-child-autism'],
  [['孩子脑瘫能办残疾证吗', '能领啥补贴'], 'sub-child', 'cert-intellectual'],
  [['小孩办残疾证要带啥', '有补贴吗'], 'sub-child', 'mat-guardian-proof'],
]);

table('a grade said after an allowance\'s how-to: whether that grade gets it', [
  [['护理补贴咋申请', '俺是二级的'], 'sub-care-grade12', 'sub-care-apply'],
  [['护理补贴咋申请', '我是三级'], 'sub-care-grade34', 'sub-care-apply'],
  [['护理补贴咋申请', '俺家老头一级'], 'sub-care-grade12', 'cert-grades'],
  [['护理补贴去哪办', '俺爹二级'], 'sub-care-grade12', 'sub-care-apply'],
  [['护理补贴要带啥材料', '俺妈是一级'], 'sub-care-grade12', 'materials-offline'],
  // The amounts name every grade's: asked again of another grade, they are said again.
  [['一级护理补贴多少钱', '二级的呢'], 'sub-care-amount', 'sub-care-grade12'],
]);

table('the App\'s name or download after the online way: the online way, not small talk or the form', [
  [['残疾证在哪办', '网上能办不', '那个APP叫啥'], 'apply-online', 'talk-who'],
  [['残疾证在哪办', '网上能办不', '叫什么名'], 'apply-online', 'talk-who'],
  [['残疾证在哪办', '网上能办不', '在哪下载'], 'apply-online', 'mat-form'],
  [['护理补贴手机上能申请吗', '那个软件叫什么'], 'apply-online', 'talk-who'],
  [['残疾证网上能办吗', '去哪下载啊'], 'apply-online', 'mat-form'],
  // After what to upload online: the App is asked of, not the uploads again.
  [['残疾证网上申请要传啥', '那个app叫什么名字'], 'apply-online', 'materials-online'],
]);

table('a school named after a child\'s allowances: the allowances again (no age limit), not school enrolment\'s decline nor the grant', [
  [['残疾孩子能领补贴吗', '那上幼儿园呢'], 'sub-child', 'decl-school-enrolment'],
  [['残疾孩子能领补贴吗', '上小学的呢'], 'sub-child', 'emp-edu-grant'],
  [['孩子能领护理补贴吗', '那读初中呢'], 'sub-child', 'emp-edu-grant'],
]);

// After the grant, the grant's answer (it says what it covers), the stage asked of ruled on first (fix27b).
it('教育补贴谁能领 / 那上幼儿园呢 -> emp-edu-grant, its 幼儿园 sentence first', async () => {
  const reply = await lastReply(['教育补贴谁能领', '那上幼儿园呢']);
  expect(reply).to.match(/^不能。小学、初中（义务教育）和学前阶段（幼儿园）不在这一项里/u).and.include(answer('emp-edu-grant').split('。')[0]);
  expect(reply).to.not.include(answer('decl-school-enrolment'));
});

describe('a statement adding nothing to the answer just given', () => {
  const again = text.saidAlready(shippedKnowledge().region.hotlines);
  for (const turns of [['残疾证多久能拿到手', '能快点不', '俺急用'], ['能加急吗', '俺急用'], ['残疾证能加急吗', '家里等着用']]) {
    it(`${turns.join(' / ')}: acknowledged with the next steps, not the same paragraph`, async () => {
      const reply = await lastReply(turns);
      expect(reply).to.equal(again);
      expect(reply).to.include('12385').and.include('查进度');
    });
  }
  it('a question, or a slot named, is still answered', async () => {
    expect(await lastReply(['能加急吗', '能快点不'])).to.include(answer('flow-urgent'));
    expect(await lastReply(['办证花钱不', '我是听力的'])).to.include(answer('appr-fee'));
  });
});
