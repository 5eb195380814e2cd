import { expect } from 'chai';
import { checkCharacter } from '../../data/idNumber.js';
import { text } from '../../dialogs/text/index.js';
import { numberRuns } from '../../dialogs/numbersIn.js';
import { recognizeProgressIntent } from '../../dialogs/status/progressIntent.js';
import { newCase, SAMPLE_ID_NUMBER } from '../fixtures/cases.js';
import { buttons, dialogHarness, run, selfNewCertificateToAddress } from './harness.js';

// Misreadings a newcomer's trial found, each fixed at its cause: the trial's own wording and
// variants nobody scripted, one test each.
const t = text.application;
const s = text.status;
const ADULT_ID = '11010519491231002X';
const GUARDIAN_ID = `11010119700307123${checkCharacter('11010119700307123')}`;
type Harness = Awaited<ReturnType<typeof dialogHarness>>;

const toId = selfNewCertificateToAddress.slice(0, 6);
const toPhone = selfNewCertificateToAddress.slice(0, 7);
const toCategory = selfNewCertificateToAddress.slice(0, 9);
const values = async (h: Harness) => (await h.drafts.get('test:user1'))!.draft.values;
const texts = async (h: Harness, input: string) => (await h.send(input)).map((r) => r.text ?? '');

describe('reads people right: items named in the opening message', () => {
  const table: [opening: string, said: string][] = [
    ['俺想给俺娘办个残疾证，还有护理补贴', '残疾人证新办、重度残疾人护理补贴'],
    // Unscripted.
    ['我想给我外婆申请护理补贴和生活补贴', '困难残疾人生活补贴、重度残疾人护理补贴'],
    ['帮我爸办残疾证 还要那个燃油补贴', '残疾人证新办、机动轮椅车燃油补贴'],
  ];
  for (const [opening, said] of table) {
    it(`"${opening}": the items are shown to confirm, "选好了" keeps them`, async () => {
      const h = await dialogHarness();
      await h.say(opening);
      const asked = await h.say('同意');
      expect(asked.text).to.equal(t.prompts.itemsMore(said));
      expect(buttons(asked)).to.include(t.itemsDone);
      expect((await h.say('选好了')).text).to.not.equal(t.errors.noItems);
      expect((await values(h)).picks!.length).to.equal(said.split('、').length);
    });
  }

  it('a number at "还要别的吗" is the button shown with that number, each item in its place', async () => {
    const h = await run(toId.slice(0, 4));
    // The certificate picked, its button (1) takes it off; the others keep their numbers (fix20d).
    expect((await h.say('3')).text).to.equal(t.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴'));
    expect((await h.say('4和5')).text).to.equal(t.prompts.itemsMore('残疾人证新办、困难残疾人生活补贴、重度残疾人护理补贴、就业帮扶'));
  });

  it('an opening that names no item asks the items question as it is', async () => {
    const h = await dialogHarness();
    await h.say('我要给我爸申请');
    expect((await h.say('同意')).text).to.equal(t.prompts.items);
  });
});

describe('reads people right: a phone inside a sentence', () => {
  const table: [said: string, phone: string][] = [
    ['我电话是13912345678，白天都在家', '13912345678'],
    ['打这个 139 1234 5678 就行', '13912345678'],
    // Unscripted.
    ['手机号139-1234-5678，找我闺女', '13912345678'],
    ['家里座机0791 8612 3456，晚上有人', '0791-86123456'],
    ['+86 139 1234 5678', '13912345678'],
    ['留我儿子的吧１３９１２３４５６７８', '13912345678'],
    ['手机是幺三九幺二三四五六七八', '13912345678'],
  ];
  for (const [said, phone] of table) {
    it(`"${said}" is the phone ${phone}`, async () => {
      const h = await run(toPhone);
      expect((await h.say(said)).text).to.equal(t.prompts.hukou);
      expect((await values(h)).phone).to.equal(phone);
    });
  }

  const asked: [said: string, answer: string][] = [
    ['要填谁的电话啊', t.fieldAnswers.phone.who!],
    // Unscripted.
    ['为什么要留电话', t.fieldAnswers.phone.why!],
    ['没有手机咋办', t.fieldAnswers.phone.none!],
  ];
  for (const [said, answer] of asked) {
    it(`"${said}" is answered, then the phone asked again`, async () => {
      const h = await run(toPhone);
      const replies = await texts(h, said);
      expect(replies).to.deep.equal([answer, `${t.continueAfterAnswer}${t.prompts.phone}`]);
      expect((await values(h)).phone).to.equal(undefined);
    });
  }

  it('a number that is no phone is still a wrong phone, whatever words are around it', async () => {
    const h = await run(toPhone);
    expect((await h.say('我电话是1391234567')).text).to.equal(t.errors.phone);
    expect((await h.say('12345')).text).to.equal(t.errors.phone);
  });
});

describe('reads people right: the ID-number step', () => {
  const asked: [said: string, answer: string][] = [
    ['身份证号在哪看啊', t.fieldAnswers.idNumber.where!],
    ['为啥要身份证号', t.fieldAnswers.idNumber.why!],
    // Unscripted.
    ['在哪看啊', t.fieldAnswers.idNumber.where!],
    ['为啥要填这个', t.fieldAnswers.idNumber.why!],
    ['孩子还没办身份证怎么办', t.fieldAnswers.idNumber.none!],
  ];
  for (const [said, answer] of asked) {
    it(`"${said}" is answered, then the ID number asked again`, async () => {
      const h = await run(toId);
      expect(await texts(h, said)).to.deep.equal([answer, `${t.continueAfterAnswer}${t.prompts.idNumber}`]);
    });
  }

  const familySteps: [said: string, answer: string, reach: string[], asks: string][] = [
    ['案件号在哪看', s.caseNoAnswers.where, ['帮家人查进度'], s.familyAskCaseNo],
    ['没有案件号怎么办', s.caseNoAnswers.none, ['帮家人查进度'], s.familyAskCaseNo],
    ['后六位在哪看', s.idTailAnswers.where, ['帮家人查进度', 'YC202611209999'], s.familyAskId],
    ['后六位是哪几个', s.idTailAnswers.where, ['帮家人查进度', 'YC202611209999'], s.familyAskId],
    ['为什么要身份证后6位', s.idTailAnswers.why, ['帮家人查进度', 'YC202611209999'], s.familyAskId],
  ];
  for (const [said, answer, reach, asks] of familySteps) {
    it(`family check: "${said}" is answered by the step, then the step asked again; no guess counted`, async () => {
      const h = await dialogHarness();
      for (const input of reach) await h.say(input);
      expect(await texts(h, said)).to.deep.equal([answer, `${text.flow.continueAfterAnswer}${asks}`]);
      expect(await h.unanswered.list(10)).to.deep.equal([]);
    });
  }

  it('a question about something else at the step is not taken for a question about the ID ("在哪儿评残啊")', async () => {
    const h = await run(toId);
    const replies = await texts(h, '在哪儿评残啊');
    expect(replies.join('\n')).to.not.include(t.fieldAnswers.idNumber.where!);
    expect(replies.at(-1)).to.include(t.prompts.idNumber);
  });

  const wrong: [said: string, typed: number][] = [
    ['1101051949123100', 16],
    ['11010519491231002X1', 19],
    // Unscripted: in a sentence, spaced.
    ['我的身份证是110105194912310', 15],
    ['110105 19491231 002X 0', 19],
  ];
  for (const [said, typed] of wrong) {
    it(`"${said}" is told it has ${typed} characters, not 18, and nothing is lost`, async () => {
      const h = await run(toId);
      const reply = (await h.say(said)).text!;
      expect(reply).to.equal(t.errors.idLength(typed)).and.include('18位').and.include('X');
      expect((await values(h)).name).to.equal('王建国');
      expect((await h.say(ADULT_ID)).text).to.equal(t.prompts.phone);
    });
  }

  it('an ID number inside a sentence or spaced in groups is taken', async () => {
    for (const said of ['我身份证号是11010519491231002X', '110105 19491231 002x']) {
      const h = await run(toId);
      expect((await h.say(said)).text, said).to.equal(t.prompts.phone);
      expect((await values(h)).idNumber).to.equal(ADULT_ID);
    }
  });
});

describe('reads people right: digits said by voice input (trial 24)', () => {
  const VOICE_ID = '41152619800321005X';
  const toGuardianId = [...toCategory, ['智力', t.prompts.guardianName], ['王秀英', t.prompts.guardianId]] as typeof toCategory;
  const saidIds = [
    '41152619800321005叉',
    // Unscripted: all of it said, and said in a sentence with pauses.
    '四一一五二六一九八零零三二一零零五叉',
    '她身份证是 411526 一九八〇 0321 005 叉',
  ];
  for (const said of saidIds) {
    it(`the guardian's ID "${said}" is read as ${VOICE_ID}`, async () => {
      const h = await run(toGuardianId);
      expect((await h.say(said)).text).to.equal(t.prompts.guardianRelation);
      expect((await values(h)).guardianId).to.equal(VOICE_ID);
    });
  }

  it('a said number still wrong gets the message a typed one gets', async () => {
    const h = await run(toGuardianId);
    expect((await h.say('4115261980032100五')).text).to.equal(t.errors.idLength(17));
    expect((await h.say('41152619800321005八')).text).to.equal(t.errors.idChecksum);
    expect((await h.say('四一一五二六一九八零零三二一零零五叉')).text).to.equal(t.prompts.guardianRelation);
  });

  it("the applicant's own ID said with 叉 is read too", async () => {
    const h = await run(toId);
    expect((await h.say('幺幺零幺零五幺九四九幺二三幺零零二叉')).text).to.equal(t.prompts.phone);
    expect((await values(h)).idNumber).to.equal(ADULT_ID);
  });

  const tails: [said: string, idNumber: string][] = [
    ['15004八', '411526196203150048'],
    // Unscripted: all said, and an X said after digits.
    ['一五零零四八', '411526196203150048'],
    ['后六位是31002叉', SAMPLE_ID_NUMBER],
  ];
  for (const [said, idNumber] of tails) {
    it(`the relative's ID tail "${said}" is read`, async () => {
      const h = await dialogHarness();
      const record = await h.cases.create(newCase({ applicant: { idNumber }, submittedBy: { role: 'self', userKey: 'test:mum' } }), h.clock.now());
      expect((await h.say(record.caseNo)).text).to.equal(s.familyAskIdFor(record.caseNo));
      expect((await h.say(said)).text).to.include(s.subscribeAsk).and.include(record.caseNo);
    });
  }

  it('a said tail of the wrong length is told its length as now', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:mum' } }), h.clock.now());
    await h.say(record.caseNo);
    expect((await h.say('100二叉')).text).to.equal(s.familyIdTailLength(5));
  });

  it('the phone step reads a phone said and typed by turns, by the same reading', async () => {
    for (const said of ['139一二三四 五六七八', '幺三九1234五六七八']) {
      const h = await run(toPhone);
      expect((await h.say(said)).text, said).to.equal(t.prompts.hukou);
      expect((await values(h)).phone, said).to.equal('13912345678');
    }
  });

  it('counting words after a number are no digits ("10000一个月", "两三年")', () => {
    expect(numberRuns('我一个月10000一个月都不够')).to.deep.equal(['10000']);
    expect(numberRuns('等了两三年了 1个月 一二三楼')).to.deep.equal(['1']);
  });
});

describe('reads people right: relations wherever one is asked', () => {
  const forWhom: [said: string, relation: string][] = [
    ['给我姥姥办', '其他亲属'],
    ['帮我爷爷申请', '其他亲属'],
    ['替我外婆', '其他亲属'],
    ['给我孙子办', '其他亲属'],
    ['我是他舅舅', '其他亲属'],
    ['给我姑姑办', '其他亲属'],
    ['给俺娘办', '子女'],
    ['我是她女儿', '子女'],
    ['我是他妈，给我儿子办', '父母'],
  ];
  for (const [said, relation] of forWhom) {
    it(`for whom: "${said}" -> 替家人, ${relation}`, async () => {
      const h = await run(toId.slice(0, 2));
      expect((await h.say(said)).text).to.equal(t.prompts.items);
      expect(await values(h)).to.include({ role: 'proxy', relation });
    });
  }

  const typistIs: [said: string, relation: string][] = [
    ['祖父母', '其他亲属'],
    ['孙子', '其他亲属'],
    ['外孙女', '其他亲属'],
    ['我是她孙女', '其他亲属'],
    ['舅舅', '其他亲属'],
    ['我是孩子姑姑', '其他亲属'],
    ['我是孩子的奶奶', '其他亲属'],
    // "我妈": the applicant is the typist's mother, so the typist is her child.
    ['我妈', '子女'],
    ['她是我奶奶', '其他亲属'],
    ['儿子', '子女'],
    ['我儿子', '父母'],
  ];
  for (const [said, relation] of typistIs) {
    it(`"您是申请人的什么人？" <- "${said}" -> ${relation}`, async () => {
      const h = await run([...toId.slice(0, 2), ['替家人', t.prompts.relation]]);
      expect((await h.say(said)).text).to.equal(t.prompts.items);
      expect((await values(h)).relation).to.equal(relation);
    });
  }

  const guardianIs: [said: string, relation: string][] = [
    ['奶奶', '其他近亲属'],
    ['外公', '其他近亲属'],
    ['姐姐', '其他近亲属'],
    ['他妈妈', '父母'],
    ['村委会', '村（居）委会或民政部门'],
  ];
  for (const [said, relation] of guardianIs) {
    it(`"监护人是申请人的什么人？" <- "${said}" -> ${relation}`, async () => {
      const h = await run([...toCategory, ['智力', t.prompts.guardianName], ['王秀英', t.prompts.guardianId], [GUARDIAN_ID, t.prompts.guardianRelation]]);
      expect((await h.say(said)).text).to.not.equal(t.errors.relation);
      expect((await values(h)).guardianRelation).to.equal(relation);
    });
  }

  const familyCheck = ['帮我姥姥查一下办到哪一步了', '我孙子的残疾证办得怎么样了', '替我舅舅问问申请到哪步了', '我外公的补贴批下来了吗', '帮姑姑查下进度'];
  for (const said of familyCheck) {
    it(`the family check starts for "${said}"`, async () => {
      expect(recognizeProgressIntent(said)).to.equal('familyCheck');
      const h = await dialogHarness();
      expect((await h.say(said)).text).to.equal(s.familyAskCaseNo);
    });
  }

  it('one-character kin words count only with whose they are: "办到哪儿了" is no child', () => {
    expect(recognizeProgressIntent('我的申请办到哪儿了')).to.equal('progress');
    expect(recognizeProgressIntent('社区公示的进度到哪了')).to.not.equal('familyCheck');
  });

  it('subscribing after a grandchild\'s family check', async () => {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey: 'test:grandma' } }), h.clock.now());
    expect((await h.say('帮我奶奶查一下申请到哪了')).text).to.equal(s.familyAskCaseNo);
    await h.say(record.caseNo);
    expect((await h.say(SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk);
    expect((await h.say('要')).text).to.equal(s.subscribed);
    expect((await h.family.subscribersOf(record.caseNo)).map((x) => x.userKey)).to.deep.equal(['test:user1']);
  });
});

describe('reads people right: a case number typed on its own', () => {
  async function withCase(userKey = 'test:user1') {
    const h = await dialogHarness();
    const record = await h.cases.create(newCase({ submittedBy: { role: 'self', userKey } }), h.clock.now());
    return { h, caseNo: record.caseNo };
  }

  for (const [name, said] of [
    ['at the menu', (n: string) => n],
    ['spaced, with a few words', (n: string) => `我的受理号是 ${n.slice(0, 6)} ${n.slice(6, 10)} ${n.slice(10)}`],
    ['with a progress question', (n: string) => `${n}办到哪了`],
  ] as const) {
    it(`the applicant's own case shows at once (${name})`, async () => {
      const { h, caseNo } = await withCase();
      const reply = await h.say(said(caseNo));
      expect(reply.text).to.include(`案件 ${caseNo}`).and.include(s.stageNames.submitted);
      expect(await h.unanswered.list(10)).to.deep.equal([]);
    });
  }

  it('after an answer, it is no follow-up of that answer but the case\'s check', async () => {
    const { h, caseNo } = await withCase();
    await h.say('公示要几天');
    expect((await h.say(caseNo)).text).to.include(`案件 ${caseNo}`).and.not.include('5个工作日');
  });

  it('anyone else is asked the ID tail first, with the number filled, and sees nothing before', async () => {
    const { h, caseNo } = await withCase('test:grandma');
    const asked = await h.send(caseNo);
    expect(asked.map((r) => r.text)).to.deep.equal([s.familyAskIdFor(caseNo)]);
    expect(asked[0].text).to.not.include('王');
    expect((await h.say('000000')).text).to.equal(s.familyMismatch);
    expect((await h.say(SAMPLE_ID_NUMBER.slice(-6))).text).to.include(s.subscribeAsk).and.include(caseNo);
    expect(await h.unanswered.list(10)).to.deep.equal([]);
  });

  it('typed without its letters, twelve digits are the case number', async () => {
    const { h, caseNo } = await withCase();
    expect((await h.say(caseNo.slice(2))).text).to.include(`案件 ${caseNo}`);
  });

  it('an unknown case number is asked the tail too, and never stored as a question', async () => {
    const h = await dialogHarness();
    expect((await h.say('YC209911200001')).text).to.equal(s.familyAskIdFor('YC209911200001'));
    expect((await h.say('123456')).text).to.equal(s.familyMismatch);
    expect(await h.unanswered.list(10)).to.deep.equal([]);
  });

  it('a question about something else that quotes the number is a question', async () => {
    const { h, caseNo } = await withCase();
    expect((await h.say(`${caseNo}怎么撤回`)).text).to.not.include(`案件 ${caseNo}`);
  });
});

describe('reads people right: a category guessed from a description', () => {
  const table: [said: string, category: string][] = [
    ['孩子学东西慢', '智力'],
    ['反应慢', '智力'],
    ['上学跟不上', '智力'],
    // Unscripted.
    ['娃学啥都学不会', '智力'],
    ['孩子自闭，不爱说话', '精神'],
    ['孤独症', '精神'],
    ['不理人，也不看人', '精神'],
  ];
  for (const [said, category] of table) {
    it(`the form: "${said}" offers ${category} as a button, kept only on 对`, async () => {
      const h = await run(toCategory);
      const offered = await h.say(said);
      expect(offered.text).to.equal(t.prompts.categoryGuess(category));
      expect(buttons(offered)).to.deep.equal(t.categoryGuessButtons);
      expect((await values(h)).category).to.equal(undefined);
      await h.say('对');
      expect((await values(h)).category).to.equal(category);
    });
  }

  it('the form: "1" at the guess is its first button (对), not the first category', async () => {
    const h = await run(toCategory);
    await h.say('孩子学东西慢');
    await h.say('1');
    expect((await values(h)).category).to.equal('智力');
  });

  it('the form: "不对" leaves nothing assumed and asks the category again', async () => {
    const h = await run(toCategory);
    await h.say('孩子学东西慢');
    expect((await h.say('不对，我重新选')).text).to.equal(t.prompts.category);
    expect((await values(h)).category).to.equal(undefined);
  });

  for (const [said, category] of [['孩子学东西慢', '智力'], ['孩子有孤独症', '精神']] as const) {
    it(`booking: "${said}" offers ${category} to confirm before any hospital is shown`, async () => {
      const h = await dialogHarness();
      await h.say('预约鉴定');
      const offered = await h.say(said);
      expect(offered.text).to.equal(text.booking.categoryGuess(category));
      expect(buttons(offered)).to.deep.equal(t.categoryGuessButtons);
      const hospital = category === '智力' || category === '精神' ? '安定医院' : '人民医院';
      expect((await h.say('1')).text).to.include(hospital);
    });
  }

  it('booking: "不对" asks the category again', async () => {
    const h = await dialogHarness();
    await h.say('预约鉴定');
    await h.say('上学跟不上');
    expect((await h.say('不对')).text).to.equal(text.booking.askCategory);
  });
});
