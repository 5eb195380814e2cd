import { percentile } from './stats.js';

export interface LoadResult {
  sent: number;
  ok: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
}

function activity(text: string, n: number) {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'bench',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    conversation: { id: `bench-${n % 200}` },
    from: { id: `user-${n % 200}` },
    recipient: { id: 'bot' },
  });
}

/** One turn of conversation `n`: whether it was answered 200, and in how many ms. */
export async function turn(url: string, text: string, n: number): Promise<[boolean, number]> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity(text, n) });
  await res.arrayBuffer();
  return [res.status === 200, performance.now() - started];
}

/** Closed loop: `concurrency` clients each send their next turn as soon as the last one returns. */
export async function closedLoop(url: string, texts: string[], concurrency: number, total: number): Promise<LoadResult> {
  let next = 0;
  let ok = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const [good, took] = await turn(url, texts[n % texts.length], n);
        if (good) ok++;
        latencies.push(took);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { sent: total, ok, seconds, throughput: ok / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Open loop: turns offered at a fixed rate whatever the server does, bounded in count. */
export async function openLoop(url: string, texts: string[], ratePerSecond: number, total: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      turn(url, texts[n % texts.length], n).then(([good, took]) => {
        if (good) ok++;
        latencies.push(took);
      }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  return { sent: total, ok, seconds, throughput: ok / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
