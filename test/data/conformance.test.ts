import { agentStoreConformance } from './agentStore.conformance.js';
import { handoffStoreConformance } from './handoffStore.conformance.js';
import { ratingStoreConformance } from './ratingStore.conformance.js';
import { smsStoreConformance } from './smsStore.conformance.js';
import { backends } from './backends.js';
import { callStoreConformance } from './callStore.conformance.js';
import { caseStoreConformance } from './caseStore.conformance.js';
import { deskPresenceConformance } from './deskPresence.conformance.js';
import { directLineStoreConformance } from './directLineStore.conformance.js';
import { draftStoreConformance } from './draftStore.conformance.js';
import { familyStoreConformance } from './familyStore.conformance.js';
import { fileStoreConformance } from './fileStore.conformance.js';
import { jobStateConformance } from './jobState.conformance.js';
import { feedbackStoreConformance, unansweredStoreConformance } from './knowledgeStores.conformance.js';
import { outboxStoreConformance } from './outboxStore.conformance.js';
import { slotStoreConformance } from './slotStore.conformance.js';
import { storageConformance } from './storage.conformance.js';
import { wechatStoreConformance } from './wechatStore.conformance.js';
import { floodCountsConformance } from './floodCounts.conformance.js';

// Every store contract against every backend: the same tests, one run per backend.
for (const b of backends) {
  storageConformance(b.name, b.storage, b.newDir);
  unansweredStoreConformance(b.name, b.unanswered, b.newDir);
  feedbackStoreConformance(b.name, b.feedback, b.newDir);
  caseStoreConformance(b.name, b.cases, b.newDir);
  callStoreConformance(b.name, b.calls, b.newDir);
  draftStoreConformance(b.name, b.drafts, b.newDir);
  slotStoreConformance(b.name, b.slots, b.newDir);
  outboxStoreConformance(b.name, b.outbox, b.newDir);
  familyStoreConformance(b.name, b.family, b.newDir);
  jobStateConformance(b.name, b.jobState, b.newDir);
  directLineStoreConformance(b.name, b.directLine, b.newDir);
  agentStoreConformance(b.name, b.agents, b.newDir);
  handoffStoreConformance(b.name, b.handoffs, b.newDir, !b.shared);
  deskPresenceConformance(b.name, b.presence, b.newDir);
  ratingStoreConformance(b.name, b.ratings, b.newDir);
  smsStoreConformance(b.name, b.sms, b.newDir);
  fileStoreConformance(b.name, () => b.files(b.newDir()));
  wechatStoreConformance(b.name, b.wechat, b.newDir);
  floodCountsConformance(b.name, b.flood, b.newDir);
}
