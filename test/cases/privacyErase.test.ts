import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConversationState, TurnContext, UserState, type Activity, type BotAdapter } from 'botbuilder';
import { Privacy } from '../../cases/privacy.js';
import { conversationStateKey, userStateKey } from '../../data/chatStateKeys.js';
import { openStores } from '../../data/openStores.js';
import { newCase } from '../fixtures/cases.js';
import { FakeClock, tempDir } from '../support.js';

const NAME = '欧阳测试';
const ID_NUMBER = '110105194912310046';
const PHONE = '13912345678';
const quiet = { info: () => undefined, error: () => undefined };

/** The folders of the stores an erasure must leave without a trace of the person. */
const CHAT_FOLDERS = ['drafts-application', 'bot-state', 'ratings', 'handoffs'];

function textOf(dataDir: string, folder: string): string {
  const dir = join(dataDir, folder);
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

function traces(dataDir: string): string[] {
  return CHAT_FOLDERS.flatMap((folder) => {
    const kept = textOf(dataDir, folder);
    return [NAME, ID_NUMBER, PHONE].filter((s) => kept.includes(s)).map((s) => `${folder}: ${s}`);
  });
}

describe('erasing a person (lowdb)', () => {
  it('removes their drafts, chat state, hand-off transcripts and rating comments from disk at once, not at a later compaction', async () => {
    const dataDir = tempDir();
    const clock = new FakeClock(new Date('2026-11-02T02:00:00Z'));
    const stores = await openStores<Record<string, unknown>>({ store: 'lowdb', dataDir }, quiet);
    try {
      const record = await stores.cases.create(newCase({ applicant: { name: NAME, idNumber: ID_NUMBER, phone: PHONE } }), clock.now());
      const userKey = record.submittedBy.userKey;
      const conversationKey = `${record.conversation!.channelId}:${record.conversation!.conversation!.id}`;
      await stores.drafts.save(userKey, { name: NAME, idNumber: ID_NUMBER, phone: PHONE }, clock.now());
      // Chat state as the bot saves it: the keys botbuilder's states use for this conversation and user.
      const activity = { channelId: 'test', conversation: { id: 'conv-test-1' }, from: { id: 'user-1' }, recipient: { id: 'bot' }, type: 'message' } as Activity;
      const context = new TurnContext({} as BotAdapter, activity);
      const conversationState = new ConversationState(stores.storage);
      const userState = new UserState(stores.storage);
      await conversationState.createProperty('form').set(context, { said: `${NAME} ${ID_NUMBER} ${PHONE}` });
      await userState.createProperty('profile').set(context, { name: NAME });
      await conversationState.saveChanges(context);
      await userState.saveChanges(context);
      expect(Object.keys(await stores.storage.read([conversationStateKey('test', 'conv-test-1'), userStateKey('test', 'user-1')]))).to.have.length(2);
      const { handoff } = await stores.handoffs.open(
        { conversationKey, userKey, channel: 'test', conversation: record.conversation!, reason: 'asked', caseNo: record.caseNo, status: 'queued', messages: [{ at: clock.now().toISOString(), from: 'person', text: `我是${NAME}` }], by: 'chat' },
        clock.now(),
      );
      await stores.handoffs.update(handoff.id, (h) => void h.messages.push({ at: clock.now().toISOString(), from: 'person', text: `电话${PHONE}` }));
      const rating = await stores.ratings.ask({ conversationKey, userKey, channel: 'test', conversation: record.conversation!, stage: 'delivered', caseNo: record.caseNo, phone: PHONE }, clock.now());
      await stores.ratings.update(rating.id, (r) => void Object.assign(r, { status: 'done', level: '满意', comment: `${NAME}说还行` }));
      await stores.storage.flush();
      // The control: before the erasure every folder holds the person.
      expect(traces(dataDir)).to.have.length.above(CHAT_FOLDERS.length);

      const privacy = new Privacy({
        cases: stores.cases, drafts: stores.drafts, family: stores.family, files: stores.files, clock,
        chatState: stores.storage, ratings: stores.ratings, handoffs: stores.handoffs, purge: () => stores.purgeErased!(),
      });
      const result = await privacy.erase(ID_NUMBER, { by: 'staff:t', reason: '本人申请', force: true });
      expect(result).to.deep.include({ ok: true, drafts: 1 });

      expect(traces(dataDir)).to.deep.equal([]);
      expect(await stores.storage.read([conversationStateKey('test', 'conv-test-1'), userStateKey('test', 'user-1')])).to.deep.equal({});
      const [kept] = await stores.ratings.list();
      expect(kept).to.include({ level: '满意', status: 'done' }).and.not.have.any.keys('comment', 'phone');
      expect((await stores.handoffs.get(handoff.id))!.messages).to.deep.equal([]);
    } finally {
      await stores.close();
    }
    // Still gone after a restart: nothing comes back from an older line.
    const reopened = await openStores<Record<string, unknown>>({ store: 'lowdb', dataDir }, quiet);
    try {
      expect(await reopened.drafts.get('test:user-1')).to.equal(undefined);
      expect(traces(dataDir)).to.deep.equal([]);
    } finally {
      await reopened.close();
    }
  });
});
