import { expect } from 'chai';
import { conversationReplies } from './harness.js';

/** What the bot says to the last of the turns, its buttons too. */
const said = async (turns: string[]) => (await conversationReplies(turns)).at(-1)!;

// Trial 27: "在哪领" after "…能领啥补贴" was answered with where the person's category is appraised.
describe('session 18: where subsidies are claimed, after a question of subsidies none named', () => {
  it('"在哪领" after "我兄弟是智力残疾 二级的 他能领啥补贴" is not the appraisal hospital', async () => {
    const all = await said(['我兄弟是智力残疾 二级的 他能领啥补贴', '在哪领']);
    expect(all).to.include('补贴').and.not.include('安定医院');
  });

  it('in other words, after other categories', async () => {
    for (const turns of [['我兄弟是言语残疾 二级的 他能领啥补贴', '去哪领'], ['俺娘是一级肢体 能领啥补贴', '去哪领'], ['孩子听力二级 有啥补助', '上哪领']]) {
      const all = await said(turns);
      expect(all, turns.join(' / ')).to.not.include('人民医院').and.not.include('您问的这一点');
    }
  });
});
