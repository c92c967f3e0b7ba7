/**
 * Maps keyed by strings from logs (message ids, model names, metric names):
 * a plain object answers "constructor", "toString" or "__proto__" with what
 * it inherits from Object.prototype, and an assignment to "__proto__" sets
 * its prototype instead of a key. A Gemini message with the id
 * "constructor" lost its usage that way, and a metric named "constructor"
 * threw. These read and write own keys only; the objects stay plain JSON
 * (fold states are persisted as they are).
 */

/** `map[key]` when `key` is the map's own, else undefined (never an inherited member). */
export function ownValue<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Sets `map[key]` as an own key, "__proto__" included. */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/** `map[key]`, set to `make()` first when `key` is not the map's own. */
export function ownOrSet<T>(map: Record<string, T>, key: string, make: () => T): T {
  if (Object.hasOwn(map, key)) return map[key]!;
  const value = make();
  setOwn(map, key, value);
  return value;
}
