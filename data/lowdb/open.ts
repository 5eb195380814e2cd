import { join } from 'node:path';
import { Low } from 'lowdb';
import { SecureJsonFile, type JsonFileOptions } from './secureJsonFile.js';

/** Opens (creating if absent) one lowdb file under the data folder. */
export async function openLow<T>(dataDir: string, name: string, defaults: T, options?: JsonFileOptions): Promise<Low<T>> {
  const db = new Low<T>(new SecureJsonFile<T>(join(dataDir, name), options), defaults);
  await db.read();
  return db;
}
