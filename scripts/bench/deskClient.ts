import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { projectRoot } from '../../bot/paths.js';
import { shanghaiDate } from '../../data/caseQuery.js';
import type { Region } from '../../data/region.js';

/** A copy of the demo region whose desk is open all of today (a make-up working day if need be): benches and browser tests run on any day. */
export function regionWithDeskOpenToday(now = new Date()): string {
  const region = parse(readFileSync(join(projectRoot, 'data/region/demo-county.yaml'), 'utf8')) as Region;
  const today = shanghaiDate(now);
  region.desk.hours = '00:00-23:59';
  region.calendar.holidays = region.calendar.holidays.filter((d) => d !== today);
  region.calendar.workdays.push({ date: today, as: 1 });
  const file = join(mkdtempSync(join(tmpdir(), 'onevisit-region-')), 'region.yaml');
  writeFileSync(file, stringify(region), { mode: 0o600 });
  return file;
}

/** Throws with `message` unless `ok`. */
function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

// Clients of the live hand-off for tests and the bench: an applicant on Direct Line, an agent's queue.

/** A Direct Line conversation as Web Chat holds it: send, and read what has arrived so far. */
export async function directLineChat(base: string, secret: string) {
  const dl = `${base}/v3/directline`;
  const started = await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
  check(started.ok, `starting a Direct Line conversation: ${started.status}`);
  const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let watermark: string | undefined;
  const seen: string[] = [];
  return {
    conversationId,
    async send(text: string, from = `user-${conversationId.slice(0, 8)}`): Promise<void> {
      const res = await fetch(`${dl}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text, from: { id: from } }) });
      check(res.status === 200, `sending to ${conversationId}: ${res.status}`);
    },
    /** The bot's messages that arrived since the last read. */
    async read(): Promise<string[]> {
      const url = `${dl}/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`;
      const res = await fetch(url, { headers });
      check(res.ok, `reading ${conversationId}: ${res.status}`);
      const page = (await res.json()) as { watermark?: string; activities: { type: string; text?: string; from: { id: string } }[] };
      watermark = page.watermark ?? watermark;
      const fresh = page.activities.filter((a) => a.type === 'message' && a.from.id !== `user-${conversationId.slice(0, 8)}`).map((a) => a.text ?? '');
      seen.push(...fresh);
      return fresh;
    },
    /** Polls until a bot message matching `match` arrives (or `tries` polls, 20 ms apart, pass). */
    async waitFor(match: (text: string) => boolean, tries = 250): Promise<string> {
      for (let i = 0; i < tries; i++) {
        const hit = seen.find(match) ?? (await this.read()).find(match);
        if (hit) {
          seen.splice(seen.indexOf(hit), 1);
          return hit;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no bot message matched in conversation ${conversationId}; seen: ${seen.join(' | ')}`);
    },
  };
}

/** An agent's live queue (server-sent events): each `next` resolves with the following frame. */
export async function deskStream(base: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/agent/handoffs/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  check(res.status === 200 && (res.headers.get('content-type') ?? '').includes('text/event-stream'), `desk stream: ${res.status}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next<T = DeskFrame>(): Promise<T> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) return JSON.parse(data.slice(6)) as T;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the desk stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    /** Frames until one satisfies `test`. */
    async until(test: (frame: DeskFrame) => boolean): Promise<DeskFrame> {
      for (;;) {
        const frame = await this.next();
        if (test(frame)) return frame;
      }
    },
    close: () => controller.abort(),
  };
}

export interface DeskFrame {
  agent: string;
  role: string;
  onDuty: string[];
  /** Whether it is within the desk's hours: outside them people are told nobody is on duty. */
  desk: { inHours: boolean; hours: string };
  queue: { id: string; reason: string; caseNo?: string; waitedSeconds: number; lastPersonText: string }[];
  mine: { id: string; messages: { from: string; text: string }[]; lastPersonText: string }[];
  active?: { id: string; agent: string }[];
  today?: Record<string, number | null>;
}

/** Logs an agent in and returns the session token. */
export async function agentToken(base: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/agent/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  check(res.status === 200, `login ${name}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
