import type { Activity } from 'botbuilder';

/**
 * What a voice message said. The platform's recognition ends every utterance with a full stop
 * ("刘小燕。"), which a name, a number or a yes at a form's step is not.
 */
const spoken = (recognition: string | undefined) => (recognition ?? '').trim().replace(/[。.！!]+$/u, '').trim();

/** The channel id of WeChat conversations (in conversation references and the outbox). */
export const WECHAT_CHANNEL = 'wechat';

/** A push's fields, as the platform names them (all strings). */
export type PushFields = Record<string, string>;

/**
 * What the bot hears for one push: an activity to run, a fixed answer (a voice message the
 * platform did not transcribe, a kind of message the bot cannot read), or nothing (an event of
 * no interest to the bot, such as a menu link being opened).
 */
export type Heard =
  | { kind: 'turn'; activity: Partial<Activity> }
  | { kind: 'say'; say: 'voiceUnheard' | 'unsupported' }
  | { kind: 'ignore' };

/** The key that identifies a push across the platform's retries: MsgId, or FromUserName+CreateTime for events. */
export function pushKey(push: PushFields): string {
  return push.MsgId ? `msg:${push.MsgId}` : `evt:${push.FromUserName}:${push.CreateTime}:${push.Event ?? ''}`;
}

export interface MappingContext {
  /** The serviceUrl WeChat activities carry (this server's `/api/wechat`): where the channel is, never called. */
  serviceUrl: string;
  /** Where the follower's media (an image) is downloaded from, on the configured platform base. */
  mediaUrl(mediaId: string): URL;
}

const number = (value: string | undefined) => (value !== undefined && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined);

/**
 * A push as a Bot Framework activity for the same bot as /api/messages: the follower's OpenID is
 * the user and the conversation; text, a voice message's recognition, a menu key as typed text;
 * an image as an attachment the attachment policy fetches from the platform; a location as text
 * (its label) with its coordinates; subscribe and unsubscribe as members joining and leaving.
 */
export function heardFrom(push: PushFields, context: MappingContext): Heard {
  const openId = push.FromUserName;
  const created = number(push.CreateTime);
  const base: Partial<Activity> = {
    id: push.MsgId || pushKey(push),
    channelId: WECHAT_CHANNEL,
    serviceUrl: context.serviceUrl,
    timestamp: created === undefined ? undefined : new Date(created * 1000),
    conversation: { id: openId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: openId, name: '' },
    recipient: { id: push.ToUserName, name: '' },
    locale: 'zh-CN',
  };
  const message = (fields: Partial<Activity>): Heard => ({ kind: 'turn', activity: { ...base, type: 'message', ...fields } });
  switch (push.MsgType) {
    case 'text':
      return message({ text: push.Content ?? '' });
    case 'voice':
      return spoken(push.Recognition) ? message({ text: spoken(push.Recognition) }) : { kind: 'say', say: 'voiceUnheard' };
    case 'image':
      if (!push.MediaId) return { kind: 'say', say: 'unsupported' };
      return message({ attachments: [{ contentType: 'image/jpeg', contentUrl: context.mediaUrl(push.MediaId).href, name: `${push.MediaId}.jpg` }] });
    case 'location': {
      const latitude = number(push.Location_X);
      const longitude = number(push.Location_Y);
      if (latitude === undefined || longitude === undefined) return { kind: 'say', say: 'unsupported' };
      return message({ text: push.Label?.trim() || `${latitude},${longitude}`, entities: [{ type: 'GeoCoordinates', latitude, longitude, name: push.Label ?? '' }] });
    }
    case 'event':
      return heardFromEvent(push, base);
    default:
      return { kind: 'say', say: 'unsupported' };
  }
}

function heardFromEvent(push: PushFields, base: Partial<Activity>): Heard {
  const member = [{ id: push.FromUserName, name: '' }];
  switch (push.Event?.toLowerCase()) {
    case 'subscribe':
      return { kind: 'turn', activity: { ...base, type: 'conversationUpdate', membersAdded: member } };
    case 'unsubscribe':
      return { kind: 'turn', activity: { ...base, type: 'conversationUpdate', membersRemoved: member } };
    case 'click':
      // A menu button's key is the words it stands for ("我要申请"), read as if typed.
      return push.EventKey?.trim() ? { kind: 'turn', activity: { ...base, type: 'message', text: push.EventKey.trim() } } : { kind: 'ignore' };
    default:
      return { kind: 'ignore' };
  }
}
