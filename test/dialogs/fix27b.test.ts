import { expect } from 'chai';
import { shippedKnowledge } from '../support.js';
import { dialogHarness } from './harness.js';

// fix27b: follow-ups of the mt21 dev set read in context (another person, category or condition), each in the set's words and in others.
const { kb } = shippedKnowledge();
/** The start of an entry's answer, as the chat says it. */
const opening = (id: string) => kb.entry(id)!.answer.slice(0, 12);

/** The bot's replies to each turn of one conversation, each joined into one text, its buttons' titles too. */
async function replies(turns: string[]): Promise<string[]> {
  const h = await dialogHarness();
  const out: string[] = [];
  for (const t of turns) out.push((await h.send(t)).map((a) => [a.text ?? '', ...(a.suggestedActions?.actions.map((b) => b.title ?? '') ?? [])].join('\n')).join('\n'));
  return out;
}

describe('fix27b', () => {
  it('where to be appraised, asked in the form its description started, is the described category\'s hospital', async () => {
    for (const turns of [
      ['俺家娃脑子不太灵光想给他办个残疾证', '上哪个医院看'],
      ['我爸老糊涂了认不得人 想给他办残疾证', '得去哪家医院评'],
      ['我想给俺娘办个残疾证 她眼睛看不见', '去哪个医院看'],
    ]) {
      const said = await replies(turns);
      const hospital = turns[0].includes('眼睛') ? 'appr-hosp-vision' : 'appr-hosp-intellectual';
      expect(said[1], turns.join(' / ')).to.include(opening(hospital));
      expect(said[1], turns.join(' / ')).to.not.include('您问的是哪一个');
    }
  });
});
