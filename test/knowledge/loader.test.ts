import { expect } from 'chai';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../bot/paths.js';
import { loadKnowledge, KnowledgeLoadError } from '../../knowledge/loader.js';
import { shippedKnowledge, tempDir } from '../support.js';

const GOOD = `
- id: alpha
  category: 残疾人证
  question: 残疾人证怎么办？
  alternates: [怎么办残疾证, 残疾证咋办, 办残疾证流程, 去哪办残疾证, 残疾证申请]
  answer: 到{{window.name}}申请，或打{{hotlines.federation}}。
  source: 测试
`;

function kbDir(files: Record<string, string>): string {
  const dir = tempDir('onevisit-kb-');
  mkdirSync(join(dir, 'entries'));
  cpSync(join(projectRoot, 'knowledge/synonyms.yaml'), join(dir, 'synonyms.yaml'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, 'entries', name), body);
  return dir;
}

function loadError(files: Record<string, string>): string {
  const { region } = shippedKnowledge();
  try {
    loadKnowledge(kbDir(files), region);
  } catch (err) {
    expect(err).to.be.instanceOf(KnowledgeLoadError);
    return (err as Error).message;
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('knowledge base loading', () => {
  it('fills region placeholders in answers', () => {
    const { region } = shippedKnowledge();
    const [entry] = loadKnowledge(kbDir({ 'a.yaml': GOOD }), region).entries;
    expect(entry.answer).to.equal(`到${region.window.name}申请，或打${region.hotlines.federation}。`);
  });

  it('rejects an entry with too few wordings, naming the file and the entry', () => {
    const message = loadError({ 'a.yaml': GOOD, 'bad.yaml': GOOD.replace('alpha', 'beta').replace(/alternates: .*/, 'alternates: [一, 二]') });
    expect(message).to.include('bad.yaml').and.include('beta').and.include('alternates');
  });

  it('rejects a duplicate id across files', () => {
    expect(loadError({ 'a.yaml': GOOD, 'b.yaml': GOOD })).to.include('b.yaml').and.include('alpha').and.include('重复');
  });

  it('rejects an unknown placeholder', () => {
    const message = loadError({ 'a.yaml': GOOD.replace('{{window.name}}', '{{window.nowhere}}') });
    expect(message).to.include('a.yaml').and.include('alpha').and.include('window.nowhere');
  });

  it('rejects a follow-up that leads nowhere', () => {
    const message = loadError({ 'a.yaml': GOOD + '  followUps: [{ to: missing-entry }]\n' });
    expect(message).to.include('alpha').and.include('missing-entry');
  });

  it('rejects a decline entry that does not say what it is about', () => {
    const decline = GOOD + '  kind: decline\n';
    expect(loadError({ 'a.yaml': decline })).to.include('alpha').and.include('about');
    const [entry] = loadKnowledge(kbDir({ 'a.yaml': decline + '  about: [身份证]\n' }), shippedKnowledge().region).entries;
    expect(entry.about).to.deep.equal(['身份证']);
  });

  it('rejects a file that is not YAML, naming it', () => {
    expect(loadError({ 'broken.yaml': '- id: [unclosed' })).to.include('broken.yaml');
  });

  it('rejects a missing answer and a bad id', () => {
    expect(loadError({ 'a.yaml': GOOD.replace(/  answer: .*\n/, '') })).to.include('answer');
    expect(loadError({ 'a.yaml': GOOD.replace('id: alpha', 'id: Alpha Beta') })).to.include('id');
  });
});

describe('the shipped knowledge base', () => {
  const { kb, region } = shippedKnowledge();
  const answerable = kb.entries.filter((e) => e.kind !== 'decline');

  it('has at least 150 entries, each with five or more other wordings', () => {
    expect(answerable.length).to.be.at.least(150);
    for (const e of kb.entries) expect(e.alternates.length, e.id).to.be.at.least(5);
  });

  it('has the small talk a hotline bot needs', () => {
    for (const id of ['human-handoff']) expect(kb.entry(id), id).to.not.equal(undefined);
    expect(kb.entries.filter((e) => e.kind === 'smalltalk').length).to.be.at.least(3);
  });

  it('names region facts only through the region file', () => {
    for (const e of kb.entries) {
      expect(e.answer, e.id).to.not.match(/\{\{/);
    }
    const hospitalNames = region.hospitals.map((h) => h.name);
    const mentioning = kb.entries.filter((e) => hospitalNames.some((n) => e.answer.includes(n)));
    expect(mentioning.length).to.be.greaterThan(0);
  });

  it('shows no placeholder phone (0000-…) and cites another county only in an answer about that county', () => {
    for (const e of kb.entries) {
      expect(e.answer, e.id).to.not.match(/0000-\d|\{\{|XXX|待补充/);
      for (const place of ['津市', '平原', '庐山', '宿迁']) {
        if (e.source.includes(place)) expect(e.answer, `${e.id} cites ${place}`).to.include(place);
      }
    }
    expect(kb.entry('flow-total-time')!.source).to.not.include('津市');
  });

  it('covers every item of the bundle and each certificate sub-item', () => {
    const all = kb.entries.map((e) => `${e.question} ${e.answer}`).join('\n');
    for (const topic of ['新办', '换领', '迁移', '补办', '注销', '变更', '生活补贴', '护理补贴', '失业登记', '就业困难', '社会保障卡', '养老保险', '教育', '燃油', '公示', '好差评', '上门', '12345', '12385']) {
      expect(all, topic).to.include(topic);
    }
  });
});
