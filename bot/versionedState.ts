import { ConversationState, UserState, type BotState, type TurnContext } from 'botbuilder';
import { ABSENT_ETAG } from '../data/versionedStorage.js';

/** What a state was read as this turn: its eTag and a fingerprint of its content. */
interface Version {
  eTag: string;
  hash: string;
}

const fingerprint = (state: Record<string, unknown>) => {
  const { eTag: _eTag, ...content } = state;
  return JSON.stringify(content);
};

// Mixins need a constructor of any arguments (TS2545).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BotStateClass = new (...args: any[]) => BotState;

/**
 * botbuilder's BotState saves with eTag "*" (last write wins): a turn that read the state
 * before another turn saved it would silently overwrite that save. These states save with the
 * eTag they were read at instead (ABSENT_ETAG when there was nothing), so the storage refuses
 * the stale save with an ETagConflictError; see runGuardingState for what the bot does then.
 */
function versioned<Base extends BotStateClass>(base: Base) {
  return class extends base {
    private readonly version = Symbol('version');

    /**
     * Reads as BotState.load does, but without its change hash (the state stringified and
     * SHA-256'd on every turn), which only BotState's own saveChanges reads: these states save
     * by the fingerprint instead. The turn-state slot and its shape are BotState's (botbuilder 4.23).
     */
    override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
      const slot = (this as unknown as { stateKey: symbol }).stateKey;
      const cached = context.turnState.get(slot) as { state?: Record<string, unknown> } | undefined;
      if (!force && cached?.state) return cached.state;
      const known = context.turnState.get(this.version) as Version | undefined;
      const key = await this.storageKey(context);
      const state = ((await this.storage.read([key]))[key] ?? {}) as Record<string, unknown>;
      context.turnState.set(slot, { state, hash: '' });
      if (force || !known) context.turnState.set(this.version, { eTag: (state.eTag as string | undefined) ?? ABSENT_ETAG, hash: fingerprint(state) });
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      const state = this.get(context) as Record<string, unknown> | undefined;
      const known = context.turnState.get(this.version) as Version | undefined;
      const hash = state && fingerprint(state);
      if (!force && (!state || !known || known.hash === hash)) return;
      const item = state ?? {};
      item.eTag = known?.eTag ?? ABSENT_ETAG;
      await this.storage.write({ [await this.storageKey(context)]: item });
      // The storage set the new eTag on `item` (the fingerprint leaves it out): a second save this turn is not stale.
      context.turnState.set(this.version, { eTag: item.eTag as string, hash: hash ?? fingerprint(item) });
    }

    override async delete(context: TurnContext): Promise<void> {
      await super.delete(context);
      context.turnState.delete(this.version);
    }
  };
}

export const VersionedConversationState = versioned(ConversationState);
export const VersionedUserState = versioned(UserState);
