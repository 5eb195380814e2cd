import { workerData, type MessagePort } from 'node:worker_threads';
import type { BuiltDictionary } from './jieba.js';

// Builds jieba's dictionary in this thread's instance and hands its memory to the thread that
// started it (knowledge/jieba.ts). Nothing else is called first: the memory must be what the
// dictionary alone leaves (a cut would leave JS values the other instance never had). `done` is
// set whatever happens: a failure here leaves the dictionary to that thread, not a hang.
const { port, done, canary } = workerData as { port: MessagePort; done: Int32Array; canary: string };
try {
  const { default: jieba } = await import('jieba-wasm');
  const memory = (jieba as { __wasm?: { memory?: { buffer: ArrayBuffer } } }).__wasm?.memory;
  if (memory) {
    const untouched = memory.buffer.byteLength;
    jieba.with_dict(''); // builds the default dictionary; adds no word
    const copy = new Uint8Array(memory.buffer).slice();
    const built: BuiltDictionary = { untouched, memory: copy.buffer, canary: jieba.cut(canary, false) };
    port.postMessage(built, [copy.buffer]);
  }
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
