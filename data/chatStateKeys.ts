/**
 * The storage keys botbuilder's ConversationState and UserState (no namespace) keep a chat's
 * state under: what an erasure deletes for a conversation or a chat user.
 */
export const conversationStateKey = (channelId: string, conversationId: string) => `${channelId}/conversations/${conversationId}/`;
export const userStateKey = (channelId: string, userId: string) => `${channelId}/users/${userId}/`;

/** `channel:id` (a chat user's or a conversation's key in the stores) split at its first colon. */
export function splitChatKey(key: string): { channelId: string; id: string } | undefined {
  const at = key.indexOf(':');
  return at > 0 && at < key.length - 1 ? { channelId: key.slice(0, at), id: key.slice(at + 1) } : undefined;
}
