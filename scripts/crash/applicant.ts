import { checkCharacter } from '../../data/idNumber.js';
import { text } from '../../dialogs/text/index.js';

const t = text.application;
const b = text.booking;

/** A valid, fictitious ID number for simulated applicant `i` (born 1949-12-31). */
export function applicantIdNumber(i: number): string {
  const first17 = `11010519491231${String(100 + (i % 900)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/**
 * What a simulated applicant answers to the question in the bot's last reply (a new
 * certificate for themself, collected at the window; the earliest appraisal session), or
 * undefined when the reply asks nothing
 * it knows. Driven by the reply, not by a script of steps, so a turn lost to a crash is simply
 * answered again from wherever the bot says the application stands.
 */
export function answerTo(reply: string, i: number): string | undefined {
  const answers: [question: string, answer: string][] = [
    [t.summary.intro, t.summary.confirm],
    ['有一份没填完的申请', t.resumeButtons[0]],
    [t.consent, t.consentButtons[0]],
    [t.prompts.role, '给我自己'],
    [t.prompts.items, '证都要'],
    // A cut turn answered again can land on the items already picked ("还要别的吗").
    [t.prompts.itemsMore('').split('。')[1], t.itemsDone],
    [t.prompts.hasCertificate, t.hasCertificateOptions[1]],
    [t.prompts.name, '王测试'],
    [t.prompts.idNumber, applicantIdNumber(i)],
    [t.prompts.phone, '13812345678'],
    [t.prompts.hukou, '示范县'],
    [t.prompts.category, '肢体'],
    [t.prompts.channel, '网上'],
    [t.prompts.delivery, '自己去领'],
    [t.tooManyTries, t.tooManyTriesButtons[0]],
    // The booking's nearest sessions, picked by number.
    [b.offer, '1'],
    [b.pickPart, '1'],
  ];
  return answers.find(([question]) => reply.includes(question))?.[1];
}

/** The case number in a confirmation ("案件号是 YC…"), also when it points to the case already made. */
export const confirmedCaseNo = (reply: string): string | undefined => /案件号是 (YC\d{12})/.exec(reply)?.[1];

/** The first message of an application. */
export const START_APPLICATION = '我要办残疾证';

export interface Say {
  (input: string): Promise<string[]>;
}

/**
 * One user's conversation with the bot over `/api/messages` with `expectReplies`: resolves to the
 * texts of the replies; rejects when the server does not answer (killed, restarting).
 */
export function conversationWith(base: () => string, user: string, serviceUrl: string): Say {
  return async (input) => {
    const res = await fetch(`${base()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', text: input, channelId: 'test', serviceUrl, deliveryMode: 'expectReplies', locale: 'zh-CN',
        conversation: { id: `conv-${user}` }, from: { id: user }, recipient: { id: 'bot' },
      }),
    });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { activities?: { text?: string }[] };
    return (body.activities ?? []).map((a) => a.text ?? '');
  };
}

/**
 * Answers the bot's questions, starting with `first`, until `done` finds what it waits for in
 * a turn's replies; undefined after `maxTurns` turns. A reply that asks nothing known (an
 * answer the bot had already taken before a crash, given again to the next question) is met
 * with `recover` in turn: "帮助" makes the application ask its question again.
 */
export async function answerUntil<T>(
  say: Say,
  i: number,
  done: (replies: string[]) => T | undefined,
  { first = START_APPLICATION, recover = ['帮助', START_APPLICATION], maxTurns = 40 } = {},
): Promise<T | undefined> {
  let input = first;
  let unknown = 0;
  for (let turn = 0; turn < maxTurns; turn++) {
    const replies = await say(input);
    const found = done(replies);
    if (found !== undefined) return found;
    const answer = answerTo(replies.at(-1) ?? '', i);
    unknown = answer === undefined ? unknown + 1 : 0;
    input = answer ?? recover[(unknown - 1) % recover.length];
  }
  return undefined;
}

/** The case number once the bot confirms the application. */
export const applyUntilConfirmed = (say: Say, i: number): Promise<string | undefined> => answerUntil(say, i, (replies) => replies.map(confirmedCaseNo).find(Boolean));
