import { expect } from 'chai';
import { OTHER_PLACE_ENTRY_ID } from '../../knowledge/otherPlace.js';
import { shippedKnowledge } from '../support.js';
import { dialogHarness } from './harness.js';

// Trial 11's answers in a conversation, as the person reads them: the part of an answer a
// follow-up asks for, not the paragraph again; what is asked, not the condition described;
// two categories as one multiple disability; another office's document and another place's rules.
const { kb } = shippedKnowledge();
const entry = (id: string) => kb.entry(id)!;

/** The bot's whole reply to the last of the turns, in one conversation. */
async function lastReply(turns: string[]): Promise<string> {
  // SMS on: the answers as the entries word them (with it off, what they say of SMS is reworded: fix20b.test.ts).
  const h = await dialogHarness({ sms: true });
  let last = '';
  for (const t of turns) last = (await h.send(t)).map((a) => a.text ?? '').join('\n');
  return last;
}

describe('trial 11: the answers in a conversation', () => {
  it('"残疾证过期了咋整" / "要带啥" / "网上能办不": the renewal\'s materials, then its online way, not the paragraph', async () => {
    const renew = entry('cert-renew');
    expect(await lastReply(['残疾证过期了咋整', '要带啥'])).to.include(renew.parts!.materials).and.not.include(renew.answer);
    expect(await lastReply(['残疾证过期了咋整', '要带啥', '网上能办不'])).to.include(renew.parts!.online).and.not.include(renew.answer);
  });

  it('"残疾证丢了咋补" / "网上能办不": the replacement online', async () => {
    const lost = entry('cert-lost');
    expect(await lastReply(['残疾证丢了咋补', '网上能办不'])).to.include(lost.parts!.online).and.not.include(lost.answer);
  });

  it('"眼睛看不清了 办残疾证要多久": how long, not what vision disability is', async () => {
    const reply = await lastReply(['眼睛看不清了 办残疾证要多久']);
    expect(reply).to.include(entry('flow-total-time').answer).and.not.include(entry('cert-vision').answer);
  });

  it('"我耳朵听不见 腿也不好" / "在哪鉴定": the multiple disability\'s hospitals, also said in two messages', async () => {
    const multiple = entry('appr-hosp-multiple').answer;
    expect(await lastReply(['我耳朵听不见 腿也不好', '在哪鉴定'])).to.include(multiple);
    expect(await lastReply(['我耳朵听不见', '腿也不好', '在哪鉴定'])).to.include(multiple);
  });

  it('"学生证丢了" is the school\'s, "老家在甘肃 在那边能办残疾证吗" Gansu\'s office\'s', async () => {
    expect(await lastReply(['学生证丢了'])).to.include(entry('decl-other-document').answer);
    expect(await lastReply(['老家在甘肃 在那边能办残疾证吗'])).to.include(entry(OTHER_PLACE_ENTRY_ID).answer);
  });

  it('"庐山办残疾证" / "网上能办吗": 庐山\'s app, not the county\'s; "失业金能领多少钱": 人社\'s', async () => {
    expect(await lastReply(['庐山办残疾证', '网上能办吗'])).to.include('赣服通').and.not.include(entry('apply-online').answer);
    expect(await lastReply(['失业金能领多少钱'])).to.include(entry('decl-unemployment-insurance').answer);
  });
});
