/**
 * Plain objects loaded from JSON files serve as maps keyed by what people typed or sent. A key
 * such as `__proto__` or `constructor` must reach a record of its own, never the object's
 * prototype or a method: read and write own properties only.
 */
export function ownValue<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
