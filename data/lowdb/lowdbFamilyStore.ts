import type { Low } from 'lowdb';
import type { FamilyStore, Subscription } from '../family.js';
import { openLow } from './open.js';

interface FamilyFile {
  subscriptions: Record<string, Subscription[]>;
  optedOut: Record<string, string>;
  failures: Record<string, string[]>;
}

/** FamilyStore in one lowdb file (fsync): a county's followers and lockouts are small. */
export class LowdbFamilyStore implements FamilyStore {
  private constructor(private readonly db: Low<FamilyFile>) {}

  static async open(dataDir: string): Promise<LowdbFamilyStore> {
    return new LowdbFamilyStore(await openLow<FamilyFile>(dataDir, 'family.json', { subscriptions: {}, optedOut: {}, failures: {} }, { fsync: true }));
  }

  async subscribe(sub: Subscription): Promise<void> {
    const list = (this.db.data.subscriptions[sub.caseNo] ??= []);
    const at = list.findIndex((s) => s.userKey === sub.userKey);
    if (at >= 0) list[at] = structuredClone(sub);
    else list.push(structuredClone(sub));
    await this.db.write();
  }

  async unsubscribe(caseNo: string, userKey: string): Promise<boolean> {
    const list = this.db.data.subscriptions[caseNo] ?? [];
    const kept = list.filter((s) => s.userKey !== userKey);
    if (kept.length === list.length) return false;
    this.db.data.subscriptions[caseNo] = kept;
    await this.db.write();
    return true;
  }

  async subscribersOf(caseNo: string): Promise<Subscription[]> {
    return structuredClone(this.db.data.subscriptions[caseNo] ?? []);
  }

  async optOut(userKey: string, at: Date): Promise<void> {
    this.db.data.optedOut[userKey] = at.toISOString();
    await this.db.write();
  }

  async optIn(userKey: string): Promise<void> {
    if (!(userKey in this.db.data.optedOut)) return;
    delete this.db.data.optedOut[userKey];
    await this.db.write();
  }

  async isOptedOut(userKey: string): Promise<boolean> {
    return userKey in this.db.data.optedOut;
  }

  async recordFailure(keys: string[], at: Date, since: Date): Promise<number[]> {
    const counts = keys.map((key) => {
      // Only the window matters: older failures are dropped as new ones come.
      const recent = (this.db.data.failures[key] ?? []).filter((t) => t >= since.toISOString());
      recent.push(at.toISOString());
      this.db.data.failures[key] = recent;
      return recent.length;
    });
    await this.db.write();
    return counts;
  }

  async failuresSince(key: string, since: Date): Promise<number> {
    return (this.db.data.failures[key] ?? []).filter((t) => t >= since.toISOString()).length;
  }
}
