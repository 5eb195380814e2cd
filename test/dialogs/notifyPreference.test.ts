import { expect } from 'chai';
import { text } from '../../dialogs/text/index.js';
import { buttons, dialogHarness } from './harness.js';

const t = text.application;
const ADULT_ID = '11010519491231002X';

/** Up to the phone question of an application for oneself, new certificate only. */
const toPhone = ['我要申请', '同意', '给我自己', '1', '选好了', '王建国', ADULT_ID];
const afterPhone = ['示范县', '肢体', '到窗口办', '自己去领'];

async function apply(sms: boolean, phone: string, choice?: string) {
  const h = await dialogHarness({ sms });
  for (const input of toPhone) await h.say(input);
  const asked = await h.say(phone);
  if (choice !== undefined) await h.say(choice);
  for (const input of afterPhone) await h.say(input);
  const submitted = await h.say(t.summary.confirm);
  const [record] = await h.cases.list({});
  return { h, asked, submitted, record };
}

describe('ApplicationDialog: where progress notices go (SMS on)', () => {
  it('asks once, right after a mobile number, with the three choices as buttons', async () => {
    const { asked, submitted, record } = await apply(true, '13812345678', '短信');
    expect(asked.text).to.include(t.prompts.notifyBy);
    expect(buttons(asked)).to.deep.equal(['这个聊天', '短信', '都要']);
    expect(submitted.text).to.include(t.submitted(record.caseNo));
    expect(record.notifyBy).to.equal('sms');
  });

  for (const [typed, expected] of [['3', 'both'], ['两个都要', 'both'], ['聊天', 'chat'], ['1', 'chat']] as const) {
    it(`takes "${typed}" as ${expected}`, async () => {
      expect((await apply(true, '13812345678', typed)).record.notifyBy).to.equal(expected);
    });
  }

  it('does not ask for a landline, and not at all while SMS is off', async () => {
    const landline = await apply(true, '0791-86123456');
    expect(landline.asked.text).to.include(t.prompts.hukou);
    expect(landline.record.notifyBy).to.equal(undefined);
    const off = await apply(false, '13812345678');
    expect(off.asked.text).to.include(t.prompts.hukou);
    expect(off.record.notifyBy).to.equal(undefined);
  });

  it('asks again after a reply it cannot read, losing nothing', async () => {
    const h = await dialogHarness({ sms: true });
    for (const input of toPhone) await h.say(input);
    await h.say('13812345678');
    expect((await h.say('随便')).text).to.include(t.errors.choice);
    expect((await h.say('2')).text).to.include(t.prompts.hukou);
  });
});
