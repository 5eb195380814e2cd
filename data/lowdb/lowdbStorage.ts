import type { Storage, StoreItems } from 'botbuilder';
import type { Low } from 'lowdb';
import { openLow } from './open.js';

type StateFile = Record<string, StoreItems[string]>;

/**
 * Bot Framework `Storage` for ConversationState/UserState over one lowdb file. Saves are
 * last-write-wins (eTag "*"); data that must not be lost or double-booked uses the stores.
 */
export class LowdbStorage implements Storage {
  private constructor(private readonly db: Low<StateFile>) {}

  static async open(dataDir: string): Promise<LowdbStorage> {
    return new LowdbStorage(await openLow<StateFile>(dataDir, 'bot-state.json', {}));
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const value = this.db.data[key];
      // Copies, so a turn's in-memory edits never reach the store without a write.
      if (value !== undefined) items[key] = structuredClone(value);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      this.db.data[key] = { ...structuredClone(value), eTag: '*' };
    }
    await this.db.write();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) delete this.db.data[key];
    await this.db.write();
  }
}
