import { expect } from 'chai';
import { readAsTheBot } from '../../dialogs/botReading.js';
import { shippedKnowledge } from '../support.js';

// Trial 26: a deaf person asking to type was offered, in the console, the answer for someone who cannot type.
describe('session 18: a deaf person asking whether typing will do is answered as one', () => {
  const { kb } = shippedKnowledge();
  const read = (q: string) => {
    const d = readAsTheBot(kb, q).reading.decision;
    return d.kind === 'answer' || d.kind === 'decline' ? `${d.kind}:${d.top.entry.id}` : d.kind;
  };
  it('answers not hearing or phoning with typing asked of by the deaf person\'s entry', () => {
    for (const q of ['我耳朵不好使 电话听不见 能打字不', '俺是聋子 打不了电话 在这打字行不', '我说不了话 能打字问不']) expect(read(q), q).to.equal('answer:svc-deaf-text');
  });

  it('leaves someone who cannot type to the voice answer', () => {
    for (const q of ['我手不好使 打不了字 咋办', '不会打字 能发语音不']) expect(read(q), q).to.not.equal('answer:svc-deaf-text');
  });
});
