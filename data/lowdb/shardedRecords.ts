import { createHash } from 'node:crypto';
import type { Low } from 'lowdb';
import { ownValue, setOwn } from '../ownKeys.js';
import { openLow } from './open.js';
import type { JsonFileOptions } from './secureJsonFile.js';
import type { KeyedRecords } from '../keyedRecords.js';

type Shard<T> = Record<string, T>;

/**
 * Records by key, spread over lowdb files by a hash of the key, so saving one record rewrites
 * one small file rather than every record: the embedded store stays fast as records pile up.
 */
export class ShardedRecords<T> implements KeyedRecords<T> {
  private constructor(private readonly shards: Low<Shard<T>>[]) {}

  static async open<T>(dir: string, shardCount: number, options: JsonFileOptions): Promise<ShardedRecords<T>> {
    const names = Array.from({ length: shardCount }, (_, i) => `shard-${String(i).padStart(3, '0')}.json`);
    return new ShardedRecords<T>(await Promise.all(names.map((name) => openLow<Shard<T>>(dir, name, {}, options))));
  }

  /** The stored record itself (not a copy): callers copy what they hand out. */
  get(key: string): T | undefined {
    return ownValue(this.shardOf(key).data, key);
  }

  /** Every record with its key (the stored records themselves, not copies). */
  *entries(): IterableIterator<[key: string, value: T]> {
    for (const shard of this.shards) yield* Object.entries(shard.data);
  }

  /** Sets or (with undefined) deletes records in memory; resolves when their files are written. */
  async put(changes: [key: string, value: T | undefined][]): Promise<void> {
    const touched = new Set<Low<Shard<T>>>();
    for (const [key, value] of changes) {
      const shard = this.shardOf(key);
      if (value === undefined) delete shard.data[key];
      else setOwn<T>(shard.data, key, value);
      touched.add(shard);
    }
    await Promise.all([...touched].map((s) => s.write()));
  }

  private shardOf(key: string): Low<Shard<T>> {
    return this.shards[createHash('sha1').update(key).digest().readUInt32BE(0) % this.shards.length];
  }
}
