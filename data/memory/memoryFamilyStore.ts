import type { FamilyStore, Subscription } from '../family.js';

export interface FamilyData {
  subscriptions: Record<string, Subscription[]>;
  optedOut: Record<string, string>;
  failures: Record<string, string[]>;
}

export const emptyFamilyData = (): FamilyData => ({ subscriptions: {}, optedOut: {}, failures: {} });

/**
 * FamilyStore over one object in memory; every change resolves once `persist` has (nothing to
 * do in the memory backend, the file write in lowdb's).
 */
export class MemoryFamilyStore implements FamilyStore {
  constructor(
    private readonly data: FamilyData = emptyFamilyData(),
    private readonly persist: () => Promise<void> = async () => undefined,
  ) {}

  /** Everything, as a copy: what a move to another backend carries over. */
  snapshot(): FamilyData {
    return structuredClone(this.data);
  }

  async subscribe(sub: Subscription): Promise<void> {
    const list = (this.data.subscriptions[sub.caseNo] ??= []);
    const at = list.findIndex((s) => s.userKey === sub.userKey);
    if (at >= 0) list[at] = structuredClone(sub);
    else list.push(structuredClone(sub));
    await this.persist();
  }

  async unsubscribe(caseNo: string, userKey: string): Promise<boolean> {
    const list = Object.hasOwn(this.data.subscriptions, caseNo) ? this.data.subscriptions[caseNo] : [];
    const kept = list.filter((s) => s.userKey !== userKey);
    if (kept.length === list.length) return false;
    this.data.subscriptions[caseNo] = kept;
    await this.persist();
    return true;
  }

  async subscribersOf(caseNo: string): Promise<Subscription[]> {
    return structuredClone(Object.hasOwn(this.data.subscriptions, caseNo) ? this.data.subscriptions[caseNo] : []);
  }

  async optOut(userKey: string, at: Date): Promise<void> {
    this.data.optedOut[userKey] = at.toISOString();
    await this.persist();
  }

  async optIn(userKey: string): Promise<void> {
    if (!Object.hasOwn(this.data.optedOut, userKey)) return;
    delete this.data.optedOut[userKey];
    await this.persist();
  }

  async isOptedOut(userKey: string): Promise<boolean> {
    return Object.hasOwn(this.data.optedOut, userKey);
  }

  async recordFailure(keys: string[], at: Date, since: Date): Promise<number[]> {
    const counts = keys.map((key) => {
      // Only the window matters: older failures are dropped as new ones come.
      const recent = (Object.hasOwn(this.data.failures, key) ? this.data.failures[key] : []).filter((t) => t >= since.toISOString());
      recent.push(at.toISOString());
      this.data.failures[key] = recent;
      return recent.length;
    });
    await this.persist();
    return counts;
  }

  async failuresSince(key: string, since: Date): Promise<number> {
    return (Object.hasOwn(this.data.failures, key) ? this.data.failures[key] : []).filter((t) => t >= since.toISOString()).length;
  }
}
