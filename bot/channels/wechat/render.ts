import type { Activity } from 'botbuilder';
import { numbered } from '../../notifier.js';

/** The platform's limit for one text message (customer-service and passive replies), in UTF-8 bytes. */
export const WECHAT_TEXT_MAX_BYTES = 2048;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** Where a long text may be cut, best first: after a line, then after a sentence's end. */
const LINE_END = /\n/g;
const SENTENCE_END = /[。！？；!?;]/g;

/**
 * One bot message as WeChat text: the platform has no buttons, so its choices follow as
 * numbered lines ("1. 我要申请"), which the dialogs already take typed back.
 */
export function wechatText(activity: Partial<Activity>): string {
  const lines = (activity.suggestedActions?.actions ?? []).map((a, i) => numbered(String(a.title ?? a.value ?? ''), i));
  return [activity.text?.trim() ?? '', ...lines].filter(Boolean).join('\n');
}

/** The bot's messages of a turn as texts to send, in order, each within the platform's limit. */
export function wechatTexts(activities: Partial<Activity>[], maxBytes = WECHAT_TEXT_MAX_BYTES): string[] {
  return activities
    .filter((a) => a.type === 'message')
    .map(wechatText)
    .filter(Boolean)
    .flatMap((t) => splitText(t, maxBytes));
}

/** The last cut point (index after the match) of `pattern` in `text`, or 0. */
function lastCut(text: string, pattern: RegExp): number {
  let cut = 0;
  for (const m of text.matchAll(pattern)) cut = m.index + m[0].length;
  return cut;
}

/**
 * Cuts a text into pieces of at most `maxBytes` UTF-8 bytes: after the last line that fits, else
 * after the last sentence that fits, else (one endless sentence) at the last character that fits.
 */
export function splitText(text: string, maxBytes = WECHAT_TEXT_MAX_BYTES): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (bytes(rest) > maxBytes) {
    let fits = 0;
    let size = 0;
    for (const ch of rest) {
      size += bytes(ch);
      if (size > maxBytes) break;
      fits += ch.length;
    }
    const head = rest.slice(0, fits);
    const cut = lastCut(head, LINE_END) || lastCut(head, SENTENCE_END) || fits;
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim()) pieces.push(rest);
  return pieces;
}
