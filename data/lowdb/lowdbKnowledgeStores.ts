import { MemoryFeedbackStore, MemoryUnansweredStore, type FeedbackFile } from '../memory/memoryKnowledgeStores.js';
import type { UnansweredQuestion } from '../stores.js';
import { openLow } from './open.js';

/** Unanswered questions in `unanswered.json`, written atomically with fsync. */
export class LowdbUnansweredStore extends MemoryUnansweredStore {
  static async open(dataDir: string): Promise<LowdbUnansweredStore> {
    const db = await openLow<Record<string, UnansweredQuestion>>(dataDir, 'unanswered.json', {});
    return new LowdbUnansweredStore(db.data, () => db.write());
  }
}

/** Answer ratings in `feedback.json`, written atomically with fsync. */
export class LowdbFeedbackStore extends MemoryFeedbackStore {
  static async open(dataDir: string): Promise<LowdbFeedbackStore> {
    const db = await openLow<FeedbackFile>(dataDir, 'feedback.json', { totals: {}, recent: [] });
    return new LowdbFeedbackStore(db.data, () => db.write());
  }
}
