import { zhCN, type Catalogue } from './zh-CN.js';

export type { Catalogue, Hotlines } from './zh-CN.js';

/** The catalogue replies use. Simplified Chinese whatever locale the client sends. */
export const text: Catalogue = zhCN;

/** What the case use cases write into status updates (they sit below dialogs/ and get it passed in). */
export const statusTexts = { ...text.status, parts: text.booking.parts, materialNames: text.upload.names };
