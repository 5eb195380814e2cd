import type { StoreItem } from 'botbuilder';
import { VersionedStorage } from '../versionedStorage.js';

/** Bot Framework `Storage` held in this process only, with the same eTag rules as every backend. */
export class MemoryBotStorage extends VersionedStorage {
  constructor(items = new Map<string, StoreItem>()) {
    super({
      get: (key) => items.get(key),
      entries: () => items.entries(),
      put: (changes) => {
        for (const [key, item] of changes) {
          if (item === undefined) items.delete(key);
          else items.set(key, item);
        }
      },
    });
  }

  async flush(): Promise<void> {}
}
