import type { SlotStore } from '../data/appraisal.js';
import type { CaseRecord, CaseStore } from '../data/cases.js';
import type { Clock } from '../data/clock.js';
import type { FamilyStore } from '../data/family.js';
import type { FileStore } from '../data/files/fileStore.js';
import type { UploadLimits } from '../data/files/inspectUpload.js';
import type { OutboxStore } from '../data/outbox.js';
import type { Region } from '../data/region.js';
import type { StatusTexts } from './statusUpdates.js';

/** What the case use cases are built from (bot/app.ts wires it). */
export interface CaseUseCaseDeps {
  cases: CaseStore;
  slots: SlotStore;
  outbox: OutboxStore;
  family: FamilyStore;
  /** The bytes of materials received in the chat. */
  files: FileStore;
  /** UPLOAD_MAX_BYTES and the image checks; the defaults when unset. */
  uploadLimits?: UploadLimits;
  region: Region;
  clock: Clock;
  texts: StatusTexts;
  /** Names of the bundled items, for item decisions. */
  itemNames: Record<string, string>;
  /** A case delivered, or closed with every item refused (the 好差评 request). */
  onSettled?: (record: CaseRecord, stage: 'delivered' | 'rejected') => Promise<void>;
  /** SMS is configured: status updates may go by SMS and staff get alerts; off, everything goes by chat as before. */
  sms?: boolean;
  /** A relay that failed right after a change (the scheduler's next pass retries it). */
  onRelayError?: (err: unknown, caseNo: string) => void;
}
