import { checkCharacter } from '../../data/idNumber.js';

/** A distinct valid ID number per applicant number, so no application is a duplicate. */
export function applicantIdNumber(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** Every answer of one complete application, from "我要办残疾证" to "确认提交". */
export const applicationScript = (n: number) => [
  '我要办残疾证', '同意', '给我自己', '证和护理补贴都要', '王建国', applicantIdNumber(n), '13812345678', '示范县', '肢体',
  '网上提交', '邮寄到家', '示范县人民路12号3栋201', '确认提交',
];

/** Has the bot confirmed a submitted case? */
export const submitted = (reply: string) => /案件号是 YC\d{12}/.test(reply);

/** One turn through /api/messages with expectReplies: status, the replies' text, milliseconds; later proactive messages go to `serviceUrl` (nowhere by default). */
export async function say(url: string, user: string, text: string, serviceUrl = 'http://127.0.0.1:9'): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message', text, channelId: 'bench', serviceUrl, deliveryMode: 'expectReplies',
      conversation: { id: `conv-${user}` }, from: { id: user }, recipient: { id: 'bot' },
    }),
  });
  const body = res.status === 200 ? ((await res.json()) as { activities: { text?: string }[] }) : (await res.arrayBuffer(), { activities: [] });
  return { status: res.status, text: body.activities.map((a) => a.text ?? '').join('\n'), ms: performance.now() - started };
}
