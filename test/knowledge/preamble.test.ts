import { expect } from 'chai';
import { onlyOpening, withoutOpening } from '../../knowledge/preamble.js';
import { shippedKnowledge } from '../support.js';

describe('a relative\'s opening words', () => {
  const table: [said: string, asked: string][] = [
    ['我替我爸问 他七十多了腿脚不行 能领护理补贴不', '他七十多了腿脚不行 能领护理补贴不'],
    ['帮我姑姑问下 残疾证要带啥', '残疾证要带啥'],
    ['俺替俺家老头问问 生活补贴咋领', '生活补贴咋领'],
    ['我是她孙子 想问问我奶奶能领生活补贴不', '我奶奶能领生活补贴不'],
    ['喂喂 那个我问一下啊就是我家老头子耳朵聋了', '老头子耳朵聋了'],
    ['我家老头子眼睛看不见了 要去哪个医院', '老头子眼睛看不见了 要去哪个医院'],
    // A hotline agent's note (blind s11/s12): who called, then what was asked.
    // The note's own verb (问, 咨询) before what was asked goes too (issue 9, fix14a).
    ['来电人称其母亲中风后半边身子不能动 问属于哪类残疾', '母亲中风后半边身子不能动 属于哪类残疾'],
    ['市民来电 其母耳聋 咨询听力残疾鉴定地点', '母耳聋 听力残疾鉴定地点'],
    ['打电话的大爷说他耳朵聋了问能领啥补贴', '耳朵聋了能领啥补贴'],
    ['来电人称其弟弟精神残疾 本人说不清楚 问需要提供什么证明', '弟弟精神残疾 本人说不清楚 需要提供什么证明'],
  ];
  for (const [said, asked] of table) {
    it(`reads "${said}" as "${asked}"`, () => expect(withoutOpening(said)).to.equal(asked));
  }

  it('tells a message that only says who asks for whom', () => {
    for (const only of ['我是他老伴', '我替我爸问问', '俺是她闺女']) expect(onlyOpening(only), only).to.equal(true);
    for (const asks of ['我是他老伴 证办好没', '你好', '残疾证怎么办', '我是言语残疾']) expect(onlyOpening(asks), asks).to.equal(false);
  });

  it('keeps what is part of the question, and a message that is nothing but an opening', () => {
    for (const kept of ['我儿子的残疾证办得怎么样了', '帮我妈查一下办到哪一步了', '问题是啥', '我是言语残疾', '我想问问', '哈喽', '喂 有人吗', '你好呀小助手', '我问你残疾证去哪办', '我是孩子姑姑 他爸妈都在外地打工 我能给孩子申请吗', '我是孩子家长 残疾证咋办']) {
      expect(withoutOpening(kept), kept).to.equal(kept);
    }
  });

  it("answers a hotline agent's notes by what the caller asked (blind s11/s12)", () => {
    const { kb } = shippedKnowledge();
    const top = (q: string) => kb.suggest(q, 3).suggestions[0]?.id;
    expect(top('来电人称其母亲中风后半边身子不能动 问属于哪类残疾')).to.equal('cert-limb');
    expect(top('市民来电 其母耳聋 咨询听力残疾鉴定地点')).to.equal('appr-hosp-hearing');
  });

  it('ranks the question the same with or without who asks for whom', () => {
    const { kb } = shippedKnowledge();
    for (const [said, plain] of [['帮我姑姑问下 残疾证咋办', '残疾证咋办'], ['俺替俺家老头问问 生活补贴咋领', '生活补贴咋领']]) {
      const ids = (q: string) => kb.suggest(q, 3).suggestions.map((s) => s.id);
      expect(ids(said), said).to.deep.equal(ids(plain));
      expect(kb.suggest(said, 3).answered, said).to.equal(kb.suggest(plain, 3).answered);
    }
  });
});
