/** A whole number from the environment within [min, max], or `fallback` when unset; a bad value stops start-up naming it. */
export function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} 无效: ${raw}（应是 ${min} 到 ${max} 之间的整数）`);
  return n;
}
