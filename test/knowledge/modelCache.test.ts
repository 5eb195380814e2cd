import { expect } from 'chai';
import { readdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { SoftmaxModel, DEFAULT_SOFTMAX, type Sample } from '../../knowledge/linearModel.js';
import { FolderModelCache } from '../../knowledge/modelCache.js';
import { DEFAULT_RANKING } from '../../knowledge/ranking.js';
import { loadKnowledge } from '../../knowledge/loader.js';
import { loadConfig } from '../../bot/config.js';
import { shippedKnowledge, tempDir } from '../support.js';

const bag = (...keys: string[]) => new Map(keys.map((k) => [k, 1 / Math.sqrt(keys.length)]));
const CLASSES = ['cancel', 'new'];
const samples: Sample[] = [
  ...['注销', '注销 怎么', '注销 办理', '怎么 办理 注销'].map((s) => ({ bag: bag(...s.split(' ')), label: 0, key: s })),
  ...['新办', '新办 怎么', '新办 办理', '怎么 办理 新办'].map((s) => ({ bag: bag(...s.split(' ')), label: 1, key: s })),
];
const first = (model: SoftmaxModel, ...keys: string[]) => {
  const p: number[] = [];
  model.score(bag(...keys), (c, x) => (p[c] = x));
  return p[0];
};
const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin'));

describe('the trained model kept between starts', () => {
  it('is loaded, not trained, when the samples are the same: zeroed weights on disk give even odds', () => {
    const dir = tempDir();
    const cache = new FolderModelCache(dir);
    const trained = new SoftmaxModel(samples, CLASSES, (c) => [1 - c], DEFAULT_SOFTMAX, cache);
    expect(first(trained, '注销')).to.be.greaterThan(0.8);
    const [file] = files(dir);
    expect(statSync(join(dir, file)).mode & 0o777).to.equal(0o600);
    expect(statSync(dir).mode & 0o777).to.equal(0o700);
    writeFileSync(join(dir, file), Buffer.alloc(statSync(join(dir, file)).size));
    const loaded = new SoftmaxModel(samples, CLASSES, (c) => [1 - c], DEFAULT_SOFTMAX, cache);
    expect(first(loaded, '注销')).to.equal(0.5);
  });

  it('is trained again, and the old copy removed, when the samples or options change', () => {
    const dir = tempDir();
    const cache = new FolderModelCache(dir);
    new SoftmaxModel(samples, CLASSES, (c) => [1 - c], DEFAULT_SOFTMAX, cache);
    const [before] = files(dir);
    writeFileSync(join(dir, before), Buffer.alloc(statSync(join(dir, before)).size));
    const more = [...samples, { bag: bag('注销', '手续'), label: 0, key: '注销 手续' }];
    const retrained = new SoftmaxModel(more, CLASSES, (c) => [1 - c], DEFAULT_SOFTMAX, cache);
    expect(first(retrained, '注销')).to.be.greaterThan(0.8);
    const [after] = files(dir);
    expect(files(dir)).to.have.length(1);
    expect(after).to.not.equal(before);
    const otherOptions = new SoftmaxModel(more, CLASSES, (c) => [1 - c], { ...DEFAULT_SOFTMAX, epochs: 5 }, cache);
    expect(first(otherOptions, '注销')).to.be.greaterThan(0.8);
    expect(files(dir)).to.not.include(after);
  });

  it('trains as without a cache when the folder cannot be written', () => {
    const blocked = join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    const model = new SoftmaxModel(samples, CLASSES, (c) => [1 - c], DEFAULT_SOFTMAX, new FolderModelCache(join(blocked, 'kb-model')));
    expect(first(model, '注销')).to.be.greaterThan(0.8);
  });

  it('gives the shipped knowledge base the same answers loaded as trained; an edited entry gives another model', function () {
    this.timeout(60_000);
    const dir = tempDir();
    const config = loadConfig({});
    const { kb: reference, region } = shippedKnowledge();
    const options = { ...DEFAULT_RANKING, modelCache: new FolderModelCache(dir) };
    KnowledgeBase.load(config.knowledgeDir, region, options);
    const [file] = files(dir);
    const loaded = KnowledgeBase.load(config.knowledgeDir, region, options);
    expect(files(dir)).to.deep.equal([file]);
    for (const q of ['残疾证怎么办', '护理补贴能领多少', '评残要带什么材料', '你是谁', '护照丢了怎么办']) {
      expect(loaded.suggest(q, 3), q).to.deep.equal(reference.suggest(q, 3));
    }
    const { entries, synonyms } = loadKnowledge(config.knowledgeDir, region);
    entries[0] = { ...entries[0], alternates: [...entries[0].alternates, '这是新加的一种问法'] };
    KnowledgeBase.fromEntries(entries, synonyms, options);
    expect(files(dir)).to.have.length(1);
    expect(files(dir)).to.not.include(file);
  });
});
