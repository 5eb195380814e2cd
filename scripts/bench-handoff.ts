import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { agentToken, deskStream, regionWithDeskOpenToday } from './bench/deskClient.js';
import { percentile } from './bench/stats.js';
import { startServerProcess } from './fuzz/serverProcess.js';

// npm run bench:handoff: 50 people ask for a person at once, 5 agents take them in turn; every
// person must get exactly one answer, their own, and the time from the agent's send to the
// person's Direct Line stream is measured. The server runs as `npm start` does, in a child process.

const PEOPLE = Number(process.env.HANDOFF_PEOPLE ?? 50);
const AGENTS = Number(process.env.HANDOFF_AGENTS ?? 5);
const ADMIN = randomBytes(12).toString('hex');
const SECRET = randomBytes(12).toString('hex');
const PASSWORD = 'bench-password-1';

interface Person {
  label: string;
  conversationId: string;
  token: string;
  received: { text: string; at: number }[];
  waiters: { match: (t: string) => boolean; resolve: (at: number) => void }[];
}

const server = await startServerProcess({ ADMIN_TOKEN: ADMIN, DIRECTLINE_SECRET: SECRET, RATE_LIMIT: 'off', LOG_LEVEL: 'silent', REGION_FILE: regionWithDeskOpenToday() });
const base = server.base;
const failures: string[] = [];
try {
  // Five agents with their consoles open: on duty.
  const agents: { name: string; token: string }[] = [];
  for (let i = 1; i <= AGENTS; i++) {
    const name = `b${1000 + i}`;
    const made = await fetch(`${base}/api/admin/agents`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORD, role: 'agent' }) });
    if (made.status !== 201) throw new Error(`creating agent ${name}: ${made.status}`);
    agents.push({ name, token: await agentToken(base, name, PASSWORD) });
  }
  const streams = await Promise.all(agents.map((a) => deskStream(base, a.token)));
  await Promise.all(streams.map((s) => s.next()));

  // Fifty people on Direct Line (WebSocket stream, as Web Chat), each saying who they are, then 转人工.
  const people: Person[] = await Promise.all(
    Array.from({ length: PEOPLE }, async (_, i) => {
      const started = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } })).json()) as { conversationId: string; token: string; streamUrl: string };
      const person: Person = { label: `P${String(i + 1).padStart(2, '0')}`, conversationId: started.conversationId, token: started.token, received: [], waiters: [] };
      const ws = new WebSocket(started.streamUrl);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.on('message', (raw) => {
        const at = performance.now();
        if (!raw.toString().trim()) return;
        const { activities = [] } = JSON.parse(raw.toString()) as { activities?: { type: string; text?: string; from: { id: string } }[] };
        for (const a of activities) {
          if (a.type !== 'message' || a.from.id === person.label || !a.text) continue;
          person.received.push({ text: a.text, at });
          for (const w of person.waiters.filter((x) => x.match(a.text!))) {
            person.waiters.splice(person.waiters.indexOf(w), 1);
            w.resolve(at);
          }
        }
      });
      (person as Person & { ws: WebSocket }).ws = ws;
      return person;
    }),
  );
  const say = (p: Person, text: string) =>
    fetch(`${base}/v3/directline/conversations/${p.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: p.label } }),
    });
  const waitFor = (p: Person, match: (t: string) => boolean, ms = 30_000) =>
    new Promise<number>((resolve, reject) => {
      const hit = p.received.find((r) => match(r.text));
      if (hit) return resolve(hit.at);
      const timer = setTimeout(() => reject(new Error(`${p.label}: nothing matching arrived in ${ms} ms; got: ${p.received.map((r) => r.text).join(" | ")}`)), ms);
      p.waiters.push({ match, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });

  for (const p of people) await say(p, `我是${p.label}`);
  await Promise.all(people.map((p) => waitFor(p, () => true)));
  const queuedAt = performance.now();
  await Promise.all(people.map((p) => say(p, '转人工')));
  await Promise.all(people.map((p) => waitFor(p, (t) => t.startsWith('已为您转人工'))));
  const queuedMs = performance.now() - queuedAt;

  // The agents take, answer and end until nobody is left waiting.
  const takes = new Map<string, string[]>();
  const latencies: number[] = [];
  let answered = 0;
  const byLabel = new Map(people.map((p) => [p.label, p]));
  const call = (token: string, method: string, path: string, body?: unknown) =>
    fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const work = async (agent: { name: string; token: string }, n: number) => {
    while (answered < PEOPLE) {
      const { queue } = (await (await call(agent.token, 'GET', '/api/agent/handoffs')).json()) as { queue: { id: string }[] };
      if (queue.length === 0) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const pick = queue[n % queue.length];
      const taken = await call(agent.token, 'POST', `/api/agent/handoffs/${pick.id}/take`);
      if (taken.status === 409) continue;
      if (taken.status !== 200) throw new Error(`take ${pick.id}: ${taken.status}`);
      takes.set(pick.id, [...(takes.get(pick.id) ?? []), agent.name]);
      const { handoff } = (await taken.json()) as { handoff: { messages: { from: string; text: string }[] } };
      const label = handoff.messages.map((m) => /我是(P\d+)/.exec(m.text)?.[1]).find(Boolean);
      const person = label && byLabel.get(label);
      if (!person) {
        failures.push(`${pick.id}: no person in its transcript`);
        continue;
      }
      const reply = `${person.label}您好，我是${agent.name}（${pick.id}）`;
      const arrived = waitFor(person, (t) => t === reply);
      const sent = performance.now();
      const res = await call(agent.token, 'POST', `/api/agent/handoffs/${pick.id}/reply`, { text: reply });
      if (res.status !== 200) throw new Error(`reply ${pick.id}: ${res.status}`);
      latencies.push((await arrived) - sent);
      answered += 1;
      await call(agent.token, 'POST', `/api/agent/handoffs/${pick.id}/end`, {});
    }
  };
  const started = performance.now();
  await Promise.all(agents.map((a, i) => work(a, i)));
  const allMs = performance.now() - started;

  // Exactly once, nothing lost, nothing to the wrong person.
  for (const [id, who] of takes) if (who.length !== 1) failures.push(`${id} taken ${who.length} times`);
  if (takes.size !== PEOPLE) failures.push(`${takes.size} conversations taken, not ${PEOPLE}`);
  for (const p of people) {
    const answers = p.received.filter((r) => /您好，我是b\d+/.test(r.text));
    if (answers.length !== 1) failures.push(`${p.label} got ${answers.length} answers`);
    else if (!answers[0].text.startsWith(p.label)) failures.push(`${p.label} got ${answers[0].text}`);
  }
  for (const s of streams) s.close();
  const round = (ms: number) => Math.round(ms * 10) / 10;
  console.log(`bench:handoff  ${PEOPLE} people queued at once (all told their place in ${Math.round(queuedMs)} ms), ${AGENTS} agents`);
  console.log(`  answered ${answered}, taken exactly once ${[...takes.values()].filter((w) => w.length === 1).length}, lost or misrouted ${failures.length}`);
  console.log(`  agent send -> person (Direct Line stream): p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms, max ${round(Math.max(...latencies))} ms`);
  console.log(`  all ${PEOPLE} taken, answered and ended in ${(allMs / 1000).toFixed(1)} s`);
  for (const p of people) (p as Person & { ws: WebSocket }).ws.close();
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
