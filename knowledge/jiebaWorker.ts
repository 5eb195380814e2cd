import type { BuiltDictionary } from './jieba.js';
import { runJob } from './workerJob.js';

// Builds jieba's dictionary in this thread's instance and hands its memory to the thread that
// started it (knowledge/jieba.ts). Nothing else is called first: the memory must be what the
// dictionary alone leaves (a cut would leave JS values the other instance never had).
await runJob(async (canary: string) => {
  const { default: jieba } = await import('jieba-wasm');
  const memory = (jieba as { __wasm?: { memory?: { buffer: ArrayBuffer } } }).__wasm?.memory;
  if (!memory) return undefined;
  const untouched = memory.buffer.byteLength;
  jieba.with_dict(''); // builds the default dictionary; adds no word
  const copy = new Uint8Array(memory.buffer).slice();
  const result: BuiltDictionary = { untouched, memory: copy.buffer, canary: jieba.cut(canary, false) };
  return { result, transfer: [copy.buffer] };
});
