import jieba, { type Tag } from 'jieba-wasm';
import { startJob } from './workerJob.js';

/**
 * jieba-wasm, its dictionary built on a worker thread while the process starts. jieba builds its
 * 350,000-word dictionary on the first call (0.35-0.5 s of WebAssembly, a third of the first
 * knowledge-base build) and has no smaller or lazier dictionary (`with_dict` only adds words).
 * A WebAssembly instance's whole state is its linear memory, so a worker builds the dictionary in
 * its own instance of the same module and hands over that memory; this thread copies it into its
 * still untouched instance (a few tens of ms) and goes on as if it had built it itself. Whatever
 * does not fit (this instance already used, the worker failed or too slow) leaves jieba to build
 * its dictionary here, as without the worker.
 */

/** What the worker sends: its memory before and after the dictionary, and a sentence cut with it. */
export interface BuiltDictionary {
  /** Bytes of the instance's memory before the dictionary: what an untouched instance has. */
  untouched: number;
  memory: ArrayBuffer;
  canary: string[];
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

// A sentence whose cut needs the dictionary (残疾证 is one of its words, 咋弄 is not).
const CANARY = '我想给我爸办个残疾证咋弄';

// Longer than any dictionary build, however loaded the machine: past it, this thread builds its own.
const WAIT_MS = 30_000;
const PAGE = 65_536;

const memory = (jieba as { __wasm?: { memory?: WasmMemory } }).__wasm?.memory;
let handOver = memory && startJob<string, BuiltDictionary>(new URL('./jiebaWorker.js', import.meta.url), CANARY, WAIT_MS);
let tookOver = false;

/**
 * Takes the worker's dictionary if this instance is still untouched; otherwise jieba builds its
 * own on first use. A handed-over instance that cuts otherwise than the worker's stops start-up:
 * the package no longer keeps its whole state in its memory, and this file must change.
 */
function ready(): void {
  if (!handOver) return;
  const built = handOver();
  handOver = undefined;
  if (!built || !memory || memory.buffer.byteLength !== built.untouched) return;
  memory.grow((built.memory.byteLength - memory.buffer.byteLength) / PAGE);
  new Uint8Array(memory.buffer).set(new Uint8Array(built.memory));
  const cut = jieba.cut(CANARY, false).join('/');
  if (cut !== built.canary.join('/')) throw new Error(`jieba-wasm 的词典从工作线程接过来后切词不同（${cut}，应为 ${built.canary.join('/')}）：knowledge/jieba.ts 需要跟着 jieba-wasm 的新版本修改`);
  tookOver = true;
}

/** Whether this thread's dictionary is the worker's (after the first call): for tests and benchmarks. */
export function handedOver(): boolean {
  ready();
  return tookOver;
}

/** jieba's words of a text from its dictionary alone (no HMM guesses at unknown words), as every reader here cuts. */
export function cut(text: string): string[] {
  ready();
  return jieba.cut(text, false);
}

// Between texts cut together: jieba cuts text between two line breaks as if it stood alone.
const BETWEEN = '\n';

/**
 * Many texts' words, each as `cut` gives them, from one call into jieba: the knowledge base's
 * 3,700 wordings cut together take a fifth of the time they take one by one (each call copies
 * its text into WebAssembly and its words back out). Texts holding a line break are cut one by one.
 */
export function cutEach(texts: string[]): string[][] {
  if (texts.some((t) => t.includes(BETWEEN))) return texts.map(cut);
  ready();
  const each: string[][] = [[]];
  for (const word of jieba.cut(texts.join(BETWEEN), false)) {
    if (word === BETWEEN) each.push([]);
    else each[each.length - 1].push(word);
  }
  return each.length === texts.length ? each : texts.map(cut);
}

/** Words and their parts of speech. */
export function tag(text: string, hmm: boolean): Tag[] {
  ready();
  return jieba.tag(text, hmm);
}

/** Adds a word to the process's one dictionary: adding only ever keeps it whole. */
export function addWord(word: string, freq: number, partOfSpeech: string): void {
  ready();
  jieba.add_word(word, freq, partOfSpeech);
}
