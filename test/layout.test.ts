/**
 * The house rules of DESIGN.md, checked on every run: arrows between the
 * rooms of src/ point one way and no module imports itself in a loop. A
 * backward import or a cycle fails here with the file and the import named.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

interface Import {
  /** The importing file, relative to src/ ("store/catalog/catalog.ts"). */
  from: string;
  /** The specifier as written ("../format/json.js", "react"). */
  spec: string;
  /** The imported file relative to src/, for relative imports that resolve. */
  to: string | null;
  /** `import type …` / `export type … from`: erased at build time. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Every static and dynamic import/re-export of every file under src/. */
function readImports(): { files: string[]; imports: Import[] } {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const imports: Import[] = [];
  const pattern = /\b(import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(pattern)) {
      const spec = m[3] ?? m[4]!;
      let to: string | null = null;
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec).replace(/\.js$/, '');
        to = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => known.has(c)) ?? null;
      }
      imports.push({ from: relative(SRC, file), spec, to: to && relative(SRC, to), typeOnly: m[2] !== undefined });
    }
  }
  return { files: files.map((f) => relative(SRC, f)), imports };
}

const { files, imports } = readImports();
const room = (path: string): string => path.split('/')[0]!;
const show = (i: Import): string => `${i.from} imports ${i.spec}`;

describe('layout: arrows point one way (DESIGN.md, rules of the house)', () => {
  it('finds the source tree', () => {
    expect(files).toContain('store/catalog/catalog.ts');
    expect(imports.length).toBeGreaterThan(100);
  });

  it('store and format import nothing from react or ink', () => {
    const bad = imports.filter((i) => ['store', 'format'].includes(room(i.from)) && /^(react|ink)(-|\/|$)/.test(i.spec));
    expect(bad.map(show)).toEqual([]);
  });

  it('the store imports nothing from the app or the components', () => {
    const bad = imports.filter((i) => room(i.from) === 'store' && i.to && ['app', 'components'].includes(room(i.to)));
    expect(bad.map(show)).toEqual([]);
  });

  it('components import nothing from the app', () => {
    const bad = imports.filter((i) => room(i.from) === 'components' && i.to && room(i.to) === 'app');
    expect(bad.map(show)).toEqual([]);
  });

  it('format is a leaf: it takes only the shapes of store/types.ts, and only as types', () => {
    const bad = imports.filter(
      (i) => room(i.from) === 'format' && i.to && room(i.to) !== 'format' && !(i.typeOnly && i.to === 'store/types.ts'),
    );
    expect(bad.map(show)).toEqual([]);
  });

  it('the CLI imports nothing from the components (src/app/commands prints text, not Ink elements)', () => {
    const bad = imports.filter((i) => i.from.startsWith('app/commands/') && i.to && room(i.to) === 'components');
    expect(bad.map(show)).toEqual([]);
  });

  it('the rooms of the store import only downward: sources <- scan <- catalog <- search, usage, actions; the writer not through the catalog', () => {
    expect(storeRoomViolations(imports).map(show)).toEqual([]);
  });

  it('every file of the store is in a known room', () => {
    const unknown = files.filter((f) => room(f) === 'store' && !(storeRoom(f) in STORE_ROOMS_BELOW));
    expect(unknown).toEqual([]);
  });

  it('a log format is one folder: source folders import no other source folder, scan and catalog reach them only through the registry', () => {
    expect(sourceFolderViolations(imports).map(show)).toEqual([]);
  });

  it('the room rules themselves report a backward arrow', () => {
    const fake = (from: string, to: string): Import => ({ from, spec: to, to, typeOnly: false });
    const backward = [
      fake('store/scan/lines.ts', 'store/catalog/catalog.ts'),
      fake('store/sources/native/store/fold.ts', 'store/scan/lines.ts'),
      fake('store/writer/listing.ts', 'store/catalog/catalog.ts'),
      fake('store/types.ts', 'store/sources/registry.ts'),
    ];
    const forward = [fake('store/catalog/catalog.ts', 'store/scan/lines.ts'), fake('store/writer/listing.ts', 'store/scan/summary-reader.ts')];
    expect(storeRoomViolations([...backward, ...forward])).toEqual(backward);
    const crossing = [fake('store/sources/claude/fold.ts', 'store/sources/native/store/fold.ts'), fake('store/scan/summary-reader.ts', 'store/sources/native/store/index.ts')];
    const allowed = [fake('store/sources/claude/fold.ts', 'store/sources/common/title.ts'), fake('store/sources/registry.ts', 'store/sources/claude/index.ts')];
    expect(sourceFolderViolations([...crossing, ...allowed])).toEqual(crossing);
  });

  it('no module reaches itself through its imports (no cycles, type imports included)', () => {
    const graph = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const i of imports) if (i.to) graph.get(i.from)!.push(i.to);
    expect(findCycles(graph)).toEqual([]);
  });

  it('the cycle finder itself reports a loop', () => {
    const loop = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(findCycles(loop)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});

/**
 * The rooms of src/store (DESIGN.md "The house") and what each may import
 * from: its own room and the rooms below it. `shared` is the vocabulary at
 * the store's top level (types.ts, project.ts, pricing.ts, ...), which
 * imports no room. The writer sits beside the catalog, not on it: it reads
 * back what it wrote through scan/ and the native source directly.
 */
const STORE_ROOMS_BELOW: Record<string, readonly string[]> = {
  shared: [],
  sources: ['shared'],
  scan: ['shared', 'sources'],
  catalog: ['shared', 'sources', 'scan'],
  search: ['shared', 'sources', 'scan', 'catalog'],
  usage: ['shared', 'sources', 'scan', 'catalog'],
  actions: ['shared', 'sources', 'scan', 'catalog', 'usage'],
  writer: ['shared', 'sources', 'scan', 'actions'],
};

/** The room of a file under src/store ("store/scan/lines.ts" -> "scan", "store/types.ts" -> "shared"). */
function storeRoom(path: string): string {
  const parts = path.split('/');
  return parts.length === 2 ? 'shared' : parts[1]!;
}

/** Imports between two files of the store that point upward (or sideways into a room not below). */
function storeRoomViolations(all: readonly Import[]): Import[] {
  return all.filter((i) => {
    if (!i.to || room(i.from) !== 'store' || room(i.to) !== 'store') return false;
    const from = storeRoom(i.from);
    const to = storeRoom(i.to);
    return from !== to && !(STORE_ROOMS_BELOW[from] ?? []).includes(to);
  });
}

/** The source folder of a file under store/sources ("native", "claude"; `common` is shared by all), or null for sources/*.ts. */
function sourceFolder(path: string): string | null {
  const parts = path.split('/');
  return parts[1] === 'sources' && parts.length > 3 ? parts[2]! : null;
}

/**
 * A format lives in one folder: a source folder imports no other source
 * folder (only `common` and the interfaces in sources/*.ts), sources/*.ts
 * other than registry.ts import no source folder, and scan/ and catalog/
 * reach a format only through the registry.
 */
function sourceFolderViolations(all: readonly Import[]): Import[] {
  return all.filter((i) => {
    if (!i.to || room(i.from) !== 'store') return false;
    const target = sourceFolder(i.to);
    if (target === null || target === 'common') return false;
    const from = sourceFolder(i.from);
    if (from !== null) return from !== target;
    if (i.from === 'store/sources/registry.ts') return false;
    return i.from.startsWith('store/sources/') || ['scan', 'catalog'].includes(storeRoom(i.from));
  });
}

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
