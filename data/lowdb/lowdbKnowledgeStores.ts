import type { Low } from 'lowdb';
import type {
  AnswerFeedback,
  EntryFeedbackSummary,
  FeedbackStore,
  UnansweredQuestion,
  UnansweredStore,
} from '../stores.js';
import { ownValue, setOwn } from '../ownKeys.js';
import { openLow } from './open.js';

// Keeps the file bounded; curators need recent feedback, the summary keeps the totals.
const MAX_RECENT_FEEDBACK = 5000;

export class LowdbUnansweredStore implements UnansweredStore {
  private constructor(private readonly db: Low<Record<string, UnansweredQuestion>>) {}

  static async open(dataDir: string): Promise<LowdbUnansweredStore> {
    return new LowdbUnansweredStore(await openLow(dataDir, 'unanswered.json', {}));
  }

  async record(key: string, example: string, at: Date): Promise<UnansweredQuestion> {
    const iso = at.toISOString();
    const row = ownValue(this.db.data, key) ?? { key, example, count: 0, firstAt: iso, lastAt: iso };
    row.count += 1;
    row.example = example;
    row.lastAt = iso;
    setOwn(this.db.data, key, row);
    await this.db.write();
    return { ...row };
  }

  async list(limit: number): Promise<UnansweredQuestion[]> {
    return Object.values(this.db.data)
      .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }
}

interface FeedbackFile {
  totals: Record<string, EntryFeedbackSummary>;
  recent: AnswerFeedback[];
}

export class LowdbFeedbackStore implements FeedbackStore {
  private constructor(private readonly db: Low<FeedbackFile>) {}

  static async open(dataDir: string): Promise<LowdbFeedbackStore> {
    return new LowdbFeedbackStore(await openLow<FeedbackFile>(dataDir, 'feedback.json', { totals: {}, recent: [] }));
  }

  async record(feedback: AnswerFeedback): Promise<void> {
    const { totals, recent } = this.db.data;
    const total = totals[feedback.entryId] ?? { entryId: feedback.entryId, helpful: 0, notHelpful: 0, lastAt: feedback.at };
    if (feedback.helpful) total.helpful += 1;
    else total.notHelpful += 1;
    total.lastAt = feedback.at;
    totals[feedback.entryId] = total;
    recent.push({ ...feedback });
    if (recent.length > MAX_RECENT_FEEDBACK) recent.splice(0, recent.length - MAX_RECENT_FEEDBACK);
    await this.db.write();
  }

  async summary(): Promise<EntryFeedbackSummary[]> {
    return Object.values(this.db.data.totals)
      .sort((a, b) => b.notHelpful - a.notHelpful || b.lastAt.localeCompare(a.lastAt))
      .map((s) => ({ ...s }));
  }

  async recent(limit: number): Promise<AnswerFeedback[]> {
    return this.db.data.recent.slice(-limit).reverse().map((f) => ({ ...f }));
  }
}
