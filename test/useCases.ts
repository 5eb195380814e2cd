import { CaseUseCases } from '../cases/index.js';
import type { CaseStore } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import { DiskFileStore } from '../data/files/diskFileStore.js';
import { LowdbFamilyStore } from '../data/lowdb/lowdbFamilyStore.js';
import { LowdbOutboxStore } from '../data/lowdb/lowdbOutboxStore.js';
import { LowdbSlotStore } from '../data/lowdb/lowdbSlotStore.js';
import { statusTexts, text } from '../dialogs/text/index.js';
import { shippedKnowledge } from './support.js';

/** The case use cases over `cases`, the other stores they need opened on `dataDir` unless given. */
export async function useCasesFor(
  dataDir: string,
  cases: CaseStore,
  clock: Clock,
  given: Partial<Pick<ConstructorParameters<typeof CaseUseCases>[0], 'slots' | 'outbox' | 'family' | 'files'>> = {},
): Promise<CaseUseCases> {
  return new CaseUseCases({
    cases,
    slots: given.slots ?? (await LowdbSlotStore.open(dataDir)),
    outbox: given.outbox ?? (await LowdbOutboxStore.open(dataDir)),
    family: given.family ?? (await LowdbFamilyStore.open(dataDir)),
    files: given.files ?? DiskFileStore.open(dataDir),
    region: shippedKnowledge().region,
    clock,
    texts: statusTexts,
    itemNames: text.application.itemNames,
  });
}
