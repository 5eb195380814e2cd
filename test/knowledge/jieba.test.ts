import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { cut, cutEach } from '../../knowledge/jieba.js';
import { normalizeText } from '../../knowledge/normalize.js';
import { shippedKnowledge } from '../support.js';

const child = fileURLToPath(new URL('./jiebaChild.js', import.meta.url));
const run = async (...args: string[]) => JSON.parse((await promisify(execFile)(process.execPath, [child, ...args], { maxBuffer: 64 << 20 })).stdout);

describe('jieba dictionary built on a worker thread', () => {
  it('is handed over at start-up and reads every wording, answer and tag as one built in place', async function () {
    // Two processes each read the whole knowledge base: a loaded machine takes more than the usual 20 s.
    this.timeout(90_000);
    const [handed, inPlace] = await Promise.all([run(), run('in-place')]);
    expect(handed.handedOver).to.equal(true);
    expect(inPlace.handedOver).to.equal(false);
    expect(handed.analyses.length).to.be.greaterThan(3000);
    expect(handed.typo).to.equal('护理补贴残疾证怎么办');
    expect(handed).to.deep.equal({ ...inPlace, handedOver: true });
  });
});

describe('jieba cutting many texts at once', () => {
  it('cuts each text as it cuts it alone: the shipped wordings and answers, and texts with edges', () => {
    const { kb } = shippedKnowledge();
    const texts = [
      ...kb.entries.flatMap((e) => [e.question, ...e.alternates, e.answer]).map(normalizeText),
      '',
      ' ',
      '办证 ',
      ' 办证',
      '\r',
      'abc 123 x',
      '残疾证\t怎么办',
      '👍',
      '',
    ];
    expect(cutEach(texts)).to.deep.equal(texts.map(cut));
  });

  it('cuts texts holding a line break one by one, each as alone', () => {
    // A carriage return ending one text would join the break after it ('\r\n' is one of jieba's words).
    const texts = ['残疾证\r', '护理\n补贴', '第一行\r\n第二行'];
    expect(cutEach(texts)).to.deep.equal(texts.map(cut));
  });
});
