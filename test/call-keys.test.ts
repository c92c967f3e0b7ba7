import { describe, expect, it } from 'vitest';
import { acrossFileHashes, CALL_HASH_BYTES, callKeyHash, callKeyHex } from '../src/store/scan/call-keys.js';
import { initSummarizer, type KeptCopy } from '../src/store/scan/summarize.js';

const tokens = { input: 1, output: 2, cacheRead: 0, cacheWrite: 0, total: 3 };
const kept = (extra: Partial<KeptCopy> = {}): KeptCopy => ({ b: 'anthropic|claude-code|m', t: tokens, c: 1, a: 1, ...extra });

describe('call key hashes (the catalog calls index)', () => {
  it('gives 8 bytes a key, the same for the same key, and its hex as 16 digits', () => {
    const key = 'msg_01y6OQeyZrj7nr7nXccXQbBf:req_011C9HJEEm4IYpyAlmvRhD';
    expect(callKeyHash(key)).toHaveLength(CALL_HASH_BYTES);
    expect(callKeyHash(key)).toEqual(callKeyHash(`${key.slice(0, 10)}${key.slice(10)}`));
    expect(callKeyHex(key)).toBe(callKeyHash(key).toString('hex'));
    expect(callKeyHex(key)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('tells apart keys that differ in one character, in order, in length, or past the Basic Multilingual Plane', () => {
    const keys = ['a:b', 'b:a', 'a:b ', 'a:c', '', 'x', 'xx', 'msg_1:req_1', 'msg_1:req_2', 'msg_2:req_1', 'é:🙂', 'é:🙃', '\u0000', '\u0000\u0000'];
    expect(new Set(keys.map(callKeyHex)).size).toBe(keys.length);
  });

  it('gives 100,000 keys that share a long prefix 100,000 hashes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(callKeyHex(`msg_01AAAAAAAAAAAAAAAAAAAAAA:req_${i}`));
    expect(seen.size).toBe(100_000);
  });

  it('hashes the across-files copies a fold kept, end to end, leaving out retractions, other copies and keys already indexed', () => {
    const d = initSummarizer();
    d.dedupe = new Map([
      ['k1', kept()],
      ['k2', kept({ a: undefined })],
      ['k3', kept({ b: '', c: 0 })],
      ['k4', kept()],
      ['k5', kept()],
    ]);
    const all = acrossFileHashes(d);
    expect(Buffer.from(all)).toEqual(Buffer.concat([callKeyHash('k1'), callKeyHash('k4'), callKeyHash('k5')]));
    const before = initSummarizer();
    before.dedupe = new Map([['k4', kept()]]);
    const added = acrossFileHashes(d, before);
    expect(Buffer.from(added)).toEqual(Buffer.concat([callKeyHash('k1'), callKeyHash('k5')]));
    expect(added.byteLength).toBe(added.buffer.byteLength); // its own array: postMessage copies no more than it
    expect(acrossFileHashes(initSummarizer())).toHaveLength(0);
  });
});
