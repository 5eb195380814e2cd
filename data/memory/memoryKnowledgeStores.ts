import type {
  AnswerFeedback,
  EntryFeedbackSummary,
  FeedbackStore,
  UnansweredQuestion,
  UnansweredStore,
} from '../stores.js';
import { ownValue, setOwn } from '../ownKeys.js';

// Keeps the file bounded; curators need recent feedback, the summary keeps the totals.
const MAX_RECENT_FEEDBACK = 5000;

/** Unanswered questions in one object in memory; a record resolves once `persist` has. */
export class MemoryUnansweredStore implements UnansweredStore {
  constructor(
    private readonly data: Record<string, UnansweredQuestion> = {},
    private readonly persist: () => Promise<void> = async () => undefined,
  ) {}

  async record(key: string, example: string, at: Date): Promise<UnansweredQuestion> {
    const iso = at.toISOString();
    const row = ownValue(this.data, key) ?? { key, example, count: 0, firstAt: iso, lastAt: iso };
    row.count += 1;
    row.example = example;
    row.lastAt = iso;
    setOwn(this.data, key, row);
    await this.persist();
    return { ...row };
  }

  async list(limit: number): Promise<UnansweredQuestion[]> {
    return Object.values(this.data)
      .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt))
      .slice(0, limit)
      .map((r) => ({ ...r }));
  }
}

export interface FeedbackFile {
  totals: Record<string, EntryFeedbackSummary>;
  recent: AnswerFeedback[];
}

/** Answer ratings in one object in memory; a record resolves once `persist` has. */
export class MemoryFeedbackStore implements FeedbackStore {
  constructor(
    private readonly data: FeedbackFile = { totals: {}, recent: [] },
    private readonly persist: () => Promise<void> = async () => undefined,
  ) {}

  async record(feedback: AnswerFeedback): Promise<void> {
    const { totals, recent } = this.data;
    const total = totals[feedback.entryId] ?? { entryId: feedback.entryId, helpful: 0, notHelpful: 0, lastAt: feedback.at };
    if (feedback.helpful) total.helpful += 1;
    else total.notHelpful += 1;
    total.lastAt = feedback.at;
    totals[feedback.entryId] = total;
    recent.push({ ...feedback });
    if (recent.length > MAX_RECENT_FEEDBACK) recent.splice(0, recent.length - MAX_RECENT_FEEDBACK);
    await this.persist();
  }

  async summary(): Promise<EntryFeedbackSummary[]> {
    return Object.values(this.data.totals)
      .sort((a, b) => b.notHelpful - a.notHelpful || b.lastAt.localeCompare(a.lastAt))
      .map((s) => ({ ...s }));
  }

  async recent(limit: number): Promise<AnswerFeedback[]> {
    return this.data.recent.slice(-limit).reverse().map((f) => ({ ...f }));
  }
}
