import { MemoryFamilyStore, emptyFamilyData, type FamilyData } from '../memory/memoryFamilyStore.js';
import { openLow } from './open.js';

/** FamilyStore in one lowdb file (fsync): a county's followers and lockouts are small. */
export class LowdbFamilyStore extends MemoryFamilyStore {
  static async open(dataDir: string): Promise<LowdbFamilyStore> {
    const db = await openLow<FamilyData>(dataDir, 'family.json', emptyFamilyData(), { fsync: true });
    return new LowdbFamilyStore(db.data, () => db.write());
  }
}
