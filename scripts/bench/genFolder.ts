import { generateScaleData } from './scaleData.js';
import { writeFileSync } from 'node:fs';
const [dir, n] = [process.argv[2], Number(process.argv[3])];
const t = performance.now();
const data = await generateScaleData(dir, n, new Date());
writeFileSync(`${dir}.known.json`, JSON.stringify(data.known));
console.log('generated', ((performance.now() - t) / 1000).toFixed(1), 's', { ...data, known: data.known.length });
