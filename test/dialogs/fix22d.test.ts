import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { shippedKnowledge } from '../support.js';
import { buttons, dialogHarness } from './harness.js';

// Blind-set misses (fix22d): where to be appraised beside another question, a grade-1 person's
// subsidies, whom to ask for a re-appraisal, and whether the village must issue a proof.
describe('fix22d: single questions the ranking missed', () => {
  describe('where to be appraised, asked beside another question with the condition said, is that category\'s hospital', () => {
    for (const [said, id, other] of [
      ['俺爹中风了走不了路想办个残疾证咋整要去哪个医院', 'appr-hosp-limb', '第一次办残疾人证，该怎么申请？'],
      ['俺爹中风了走不了路想办个残疾证咋整在哪鉴定要几张照片', 'appr-hosp-limb', '评定要几张照片'],
      ['俺娘耳朵聋得厉害想给她办个残疾证咋弄去哪个医院鉴定', 'appr-hosp-hearing', '第一次办残疾人证，该怎么申请？'],
      ['老伴腿截肢了能办残疾证不要去哪家医院评', 'appr-hosp-limb', '老伴腿截肢了能办残疾证不'],
      ['我爷爷偏瘫了 残疾证怎么申请 鉴定在哪做', 'appr-hosp-limb', '残疾证怎么申请'],
    ] as const) {
      it(said, async () => {
        const h = await dialogHarness();
        const reply = await h.say(said);
        expect(reply.text).to.include(h.kb.entry(id)!.answer.slice(0, 12)).and.include(text.runOn.more);
        // The other question is still reached.
        expect(buttons(reply)).to.include(other);
        // The agent console's first suggestion is that hospital too.
        expect(h.kb.suggest(said, 3).suggestions[0].id).to.equal(id);
      });
    }

    it('a run-on part asking where carries the condition said before it, and its button shows only the question', async () => {
      const { kb } = shippedKnowledge();
      expect(kb.splitQuestions('俺爹中风了走不了路想办个残疾证咋整要去哪个医院')[1]).to.equal('中风 走不了路，残疾证要去哪个医院');
      const h = await dialogHarness();
      const reply = await h.say('俺娘耳朵聋得厉害想给她办个残疾证咋弄去哪个医院鉴定');
      expect(buttons(reply)[0]).to.equal('第一次办残疾人证，该怎么申请？');
      expect((await h.say('1')).text).to.include(h.kb.entry('cert-new-how')!.answer.slice(0, 10));
    });

    it('said with a wish to apply, the aside before the form names the condition\'s hospital', async () => {
      const h = await dialogHarness();
      const [aside] = await h.send('我妈眼睛看不见了 想办个残疾证 要去哪个医院查');
      expect(aside.text).to.include(h.kb.entry('appr-hosp-vision')!.answer.slice(0, 12));
    });
  });

  describe('which subsidies a grade-1 or grade-2 person can have: the care allowance, and the living allowance on 低保', () => {
    for (const said of [
      '來電人稱其父為一級肢體殘疾 長期臥床 咨詢可申請哪些補貼',
      '来电人称其母为二级视力残疾 咨询有哪些补助',
      '一级残疾能领哪些补贴',
      '俺是一级残疾 低保户 能领哪些钱',
      '父亲一级残疾卧床三年 问能享受什么补贴',
    ]) {
      it(said, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text).to.include('护理补贴').and.include('低保').and.include('生活补贴');
        expect(reply.text).to.not.include('三级、四级残疾的');
      });
    }
  });

  describe('whom to ask for a re-appraisal: the appeal or the grade change, not its fee', () => {
    for (const said of ['想重新鉴定找谁申请', '重新评残找哪个部门', '想再做一次残疾鉴定 去哪申请', '重新鉴定向哪里提出申请']) {
      it(said, () => {
        const d = shippedKnowledge().kb.decide(said);
        expect(d.kind === 'answer' && d.top.entry.id).to.equal('appr-reappraise');
      });
    }
  });

  describe('whether the village must issue a proof first: no, the materials are these', () => {
    for (const said of ['办残疾证用不用先去村里开证明', '办残疾证需要社区开证明吗', '申请残疾证要不要村委会盖章', '是不是得先去居委会开个证明才能办证']) {
      it(said, async () => {
        const reply = await (await dialogHarness()).say(said);
        expect(reply.text).to.match(/^不用。/).and.include('身份证').and.include('户口本');
      });
    }

    it('asked after the replacement\'s answer, the police\'s proof is none either', async () => {
      const h = await dialogHarness();
      await h.say('残疾证丢了咋补');
      expect((await h.say('派出所要开证明不')).text).to.match(/^不用。/).and.include('派出所');
    });
  });
});
