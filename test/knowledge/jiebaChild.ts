import { cut as cutInPlace } from 'jieba-wasm';
import { loadConfig } from '../../bot/config.js';
import { loadRegion } from '../../data/region.js';
import { TextAnalyzer } from '../../knowledge/features.js';
import { handedOver, tag } from '../../knowledge/jieba.js';
import { loadKnowledge } from '../../knowledge/loader.js';

// Run by jieba.test.ts in its own process: the shipped wordings and answers as the knowledge base
// reads them, and whether jieba's dictionary came from the worker. With `in-place`, jieba is
// called directly first, so this thread builds its own dictionary and nothing is handed over.
if (process.argv[2] === 'in-place') cutInPlace('先切一句', false);
const config = loadConfig();
const { entries, synonyms } = loadKnowledge(config.knowledgeDir, loadRegion(config.regionFile));
const analyzer = new TextAnalyzer(synonyms);
const analyses = analyzer.learn(entries.flatMap((e) => [e.question, ...e.alternates]));
const answers = entries.map((e) => analyzer.analyze(e.answer));
const tags = entries.map((e) => tag(e.question, true));
console.log(JSON.stringify({ handedOver: handedOver(), analyses, answers, tags, typo: analyzer.spelledRight('护里补帖残急证怎么办') }));
