import type { Middleware, TurnContext } from 'botbuilder';
import { getTurnOutcome } from '../dialogs/turnOutcome.js';
import type { Clock } from '../data/clock.js';
import { text } from '../dialogs/text/index.js';
import type { Logger } from './logger.js';

/**
 * Prompts and recognizers follow `activity.locale`; a client saying en-US would get English.
 * The bot speaks Simplified Chinese to everyone, so the locale is pinned both ways.
 */
export const pinLocale: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>) {
    context.activity.locale = text.locale;
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const a of activities) a.locale = text.locale;
      return sendNext();
    });
    await next();
  },
};

/** Where clients put the choice in a value: a string, or an object's first string field of these. */
const VALUE_FIELDS = ['text', 'choice', 'value', 'title', 'action'] as const;

/** The choice a `value` carries, or undefined when it carries none this bot can read. */
export function choiceInValue(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const field of VALUE_FIELDS) {
    const candidate = (value as Record<string, unknown>)[field];
    if (typeof candidate === 'string' && candidate.trim()) return candidate.trim();
  }
  return undefined;
}

/**
 * Adaptive Card submits and Web Chat's postBack/messageBack send a `value` and no text: the
 * choice they carry becomes the message's text, so every dialog reads it as if it were typed.
 */
export const valueAsText: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>) {
    const { activity } = context;
    if (activity.type === 'message' && !activity.text?.trim()) {
      const choice = choiceInValue(activity.value);
      if (choice) activity.text = choice;
    }
    await next();
  },
};

/**
 * One structured log line per turn: ids, sizes and what the bot did, never the typed text (a
 * name in free text cannot be masked reliably).
 */
export function turnLog(logger: Logger, clock: Clock): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      const started = clock.now().getTime();
      let replies = 0;
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        replies += activities.length;
        return sendNext();
      });
      try {
        await next();
      } finally {
        const { activity } = context;
        logger.info('turn', {
          channel: activity.channelId,
          conversation: activity.conversation?.id,
          activityType: activity.type,
          chars: activity.text ? [...activity.text].length : 0,
          replies,
          ms: clock.now().getTime() - started,
          ...getTurnOutcome(context),
        });
      }
    },
  };
}

// botbuilder-dialogs keeps the memory scopes and path resolvers it builds for a turn under
// this turn-state key; building them costs more than a knowledge-base answer. They hold no
// per-turn data, so the first turn's set serves every later turn.
const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

export function reuseDialogStateConfiguration(): Middleware {
  let configuration: unknown;
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      if (configuration) context.turnState.set(DIALOG_STATE_CONFIGURATION, configuration);
      await next();
      configuration ??= context.turnState.get(DIALOG_STATE_CONFIGURATION);
    },
  };
}
