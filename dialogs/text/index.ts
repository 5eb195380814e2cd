import { zhCN, type Catalogue } from './zh-CN.js';

export type { Catalogue, Hotlines } from './zh-CN.js';

/** The catalogue replies use. Simplified Chinese whatever locale the client sends. */
export const text: Catalogue = zhCN;
