import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJson, writeLines, type Io } from '../src/app/io.js';
import { writeJson } from '../src/app/json-out.js';

/** An Io that keeps what is written to stdout, and how many writes it took. */
function capture(): { io: Io; text: () => string; writes: () => number } {
  const out: string[] = [];
  return { io: { out: (t) => void out.push(t), err: () => {}, columns: 80 }, text: () => out.join(''), writes: () => out.length };
}

describe('JSON on stdout, piece by piece (app/json-out.ts)', () => {
  it('writes exactly what toJson writes, for any JSON value, members left out as JSON.stringify leaves them', async () => {
    const withHoles = fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.array(fc.oneof(fc.jsonValue(), fc.constant(undefined)))));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), withHoles, fc.record({ sessions: fc.array(withHoles), empty: fc.constant([]), none: fc.constant({}) })), async (value) => {
        const c = capture();
        await writeJson(c.io, value);
        expect(c.text()).toBe(`${toJson(value)}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it("applies a value's toJSON as JSON.stringify does: once, with its member's name or item's index, leaving out what gives undefined", async () => {
    const keys: string[] = [];
    const noted = (out: unknown) => ({ toJSON: (key: string) => (keys.push(key), out) });
    const chained = { toJSON: () => ({ inner: 1, toJSON: () => 'called twice' }) };
    class Point {
      constructor(readonly x: number) {}
      toJSON(key: string): unknown {
        return key === 'gone' ? undefined : { x: this.x, at: key };
      }
    }
    const value = {
      when: new Date(Date.UTC(2026, 11, 1, 12, 0, 0)),
      gone: new Point(1),
      kept: new Point(2),
      list: [new Point(3), noted(undefined), noted({ deep: [new Point(4)] })],
      named: noted('by name'),
      chained,
      top: [noted(7)],
    };
    const expected = `${toJson(value)}\n`;
    const seen = keys.splice(0);
    const c = capture();
    await writeJson(c.io, value);
    expect(c.text()).toBe(expected);
    expect(keys).toEqual(seen);
    expect(JSON.parse(c.text())).not.toHaveProperty('gone');
    expect(JSON.parse(c.text()).list[1]).toBeNull();
    const top = capture();
    await writeJson(top.io, { toJSON: (key: string) => ({ key }) });
    expect(top.text()).toBe(`${toJson({ key: '' })}\n`);
  });

  it('hands a big listing to stdout in many writes of whole lines, inert in a terminal', async () => {
    const sessions = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, title: `title ${i} \u001b]0;pwned\u0007 \u202e`, tokens: { input: i, output: 2 * i } }));
    const c = capture();
    await writeJson(c.io, { project: { id: 'p', root: '/r' }, sessions });
    expect(c.text()).toBe(`${toJson({ project: { id: 'p', root: '/r' }, sessions })}\n`);
    expect(c.writes()).toBeGreaterThan(5);
    expect(c.text()).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(JSON.parse(c.text()).sessions).toHaveLength(3000);
  });

  it('writes a table line by line in batches, each line with its newline', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `row ${i}`);
    const c = capture();
    await writeLines(c.io, lines);
    expect(c.text()).toBe(lines.map((l) => `${l}\n`).join(''));
    expect(c.writes()).toBeGreaterThan(2);
  });
});
