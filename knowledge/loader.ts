import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Region } from '../data/region.js';
import { formatIssues } from '../data/validation.js';
import { entryFileSchema, entrySchema, synonymFileSchema, type KbEntry } from './schema.js';
import type { SynonymGroup } from './synonyms.js';
import { renderTemplate, templateContext } from './templates.js';

/** An entry ready to serve: its answer and follow-up labels filled from the region. */
export interface Entry extends KbEntry {
  file: string;
  /** `to`: another entry's answer; `ask`: a request said for the user (it may start a flow). */
  followUps: ({ to: string; label: string } | { ask: string; label: string })[];
}

export interface KnowledgeContent {
  entries: Entry[];
  synonyms: SynonymGroup[];
}

export class KnowledgeLoadError extends Error {}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KnowledgeLoadError(`知识库文件 ${file} 不是有效的 YAML: ${(err as Error).message}`);
  }
}

/**
 * Loads and validates every entry file in `dir/entries` and `dir/synonyms.yaml`. Any problem
 * throws a KnowledgeLoadError that names the file and the entry, so start-up stops on it.
 */
export function loadKnowledge(dir: string, region: Region): KnowledgeContent {
  const context = templateContext(region);
  const entriesDir = join(dir, 'entries');
  const files = readdirSync(entriesDir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) throw new KnowledgeLoadError(`知识库目录 ${entriesDir} 里没有条目文件`);

  const entries: Entry[] = [];
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = join(entriesDir, name);
    const list = entryFileSchema.safeParse(readYaml(file));
    if (!list.success) throw new KnowledgeLoadError(`知识库文件 ${file} 应是条目列表`);
    list.data.forEach((raw, index) => {
      const label = `${file} 第 ${index + 1} 条${idOf(raw)}`;
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success) throw new KnowledgeLoadError(`${label} 有误: ${formatIssues(parsed.error)}`);
      const entry = parsed.data;
      const earlier = seen.get(entry.id);
      if (earlier) throw new KnowledgeLoadError(`${label}: id 与 ${earlier} 重复`);
      seen.set(entry.id, file);
      try {
        entries.push({
          ...entry,
          file,
          question: renderTemplate(entry.question, context),
          alternates: entry.alternates.map((a) => renderTemplate(a, context)),
          answer: renderTemplate(entry.answer, context),
          ...(entry.parts ? { parts: Object.fromEntries(Object.entries(entry.parts).map(([k, v]) => [k, v && renderTemplate(v, context)])) } : {}),
          followUps: (entry.followUps ?? []).map((f) => ('to' in f ? { to: f.to, label: f.label ?? '' } : f)),
        });
      } catch (err) {
        throw new KnowledgeLoadError(`${label}: ${(err as Error).message}`);
      }
    });
  }

  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const entry of entries) {
    for (const follow of entry.followUps) {
      if (!('to' in follow)) continue;
      const target = byId.get(follow.to);
      if (!target) throw new KnowledgeLoadError(`${entry.file} 条目 ${entry.id}: 后续问题指向不存在的条目 ${follow.to}`);
      if (!follow.label) follow.label = target.question;
    }
  }

  const synonymsFile = join(dir, 'synonyms.yaml');
  const synonyms = synonymFileSchema.safeParse(readYaml(synonymsFile));
  if (!synonyms.success) throw new KnowledgeLoadError(`同义词文件 ${synonymsFile} 有误: ${formatIssues(synonyms.error)}`);
  return { entries, synonyms: synonyms.data };
}

function idOf(raw: unknown): string {
  const id = raw && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? ` (${id})` : '';
}
