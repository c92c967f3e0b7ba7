/**
 * Hostile case "secrets are shown and exported in clear" (issue 9): values
 * shaped like API keys, tokens and private keys are masked by default in the
 * browser (replay, previews, snippets, titles) and in exports
 * (`sk-…[secret: 48 chars]`), with `s` in the session screen and
 * `export --reveal-secrets` to show them. One pure function does it
 * (format/secrets.ts); properties: it never leaks the middle of a secret, it
 * is idempotent, and it leaves ordinary text alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KEY_BINDINGS } from '../../src/app/keys.js';
import { promptsLine } from '../../src/components/PreviewStrip.js';
import { initialSessionView, sessionViewReducer } from '../../src/components/session-view-reducer.js';
import { buildReplayLines } from '../../src/format/replay-lines.js';
import { maskSecrets } from '../../src/format/secrets.js';
import { cleanTitle, rawFirstLine } from '../../src/store/sources/common/fold-common.js';
import { loadTranscript } from '../../src/store/scan/transcript.js';
import type { SessionSummary } from '../../src/store/types.js';
import { runCli } from '../helpers/cli.js';
import { readOpts, useTempHome, type TempHome } from '../helpers/session-files.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const alnum = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: min, maxLength: max });
/** A random key body: random letters and digits, with a digit in it. */
const body = (min: number, max: number) => fc.tuple(alnum(min, max), fc.integer({ min: 0, max: 9 })).map(([s, d]) => `${d}${s}`);
const B64 = `${ALNUM}+/`;

/** [the whole secret as it appears, the prefix the mark may show]. */
const secret: fc.Arbitrary<[string, string]> = fc.oneof(
  body(47, 60).map((b) => [`sk-${b}`, 'sk-'] as [string, string]),
  body(90, 100).map((b) => [`sk-ant-api03-${b}`, 'sk-ant-'] as [string, string]),
  body(35, 40).map((b) => [`sk-proj-${b}`, 'sk-'] as [string, string]),
  body(35, 36).map((b) => [`ghp_${b}`, 'ghp_'] as [string, string]),
  body(70, 82).map((b) => [`github_pat_${b}`, 'github_pat_'] as [string, string]),
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), minLength: 16, maxLength: 16 }).map((b) => [`AKIA${b}`, 'AKIA'] as [string, string]),
  fc.tuple(fc.constantFrom('a', 'b', 'p', 'r'), body(30, 50)).map(([k, b]) => [`xox${k}-1234567890-${b}`, `xox${k}-`] as [string, string]),
  fc.tuple(body(30, 60), fc.constantFrom(': Bearer ', ': Basic ', '": "Bearer ')).map(([b, sep]) => [`Authorization${sep}${b}`, `Authorization${sep}`] as [string, string]),
  fc.array(fc.string({ unit: fc.constantFrom(...B64), minLength: 64, maxLength: 64 }), { minLength: 2, maxLength: 5 }).map(
    (rows) => [`-----BEGIN RSA PRIVATE KEY-----\n${rows.join('\n')}\n-----END RSA PRIVATE KEY-----`, '-----BEGIN RSA PRIVATE KEY'] as [string, string],
  ),
);

/** Ordinary text: prose, code, paths, CJK, emoji, hyphenated names, short tokens. */
const WORDS = [
  'the', 'build', 'failed', 'sk-learn', 'task-runner', 'disk-usage-report-2024', 'risk-free', 'ghp', 'AKIA', 'xoxo', 'github_pat', 'Authorization: required',
  'const x = 1;', '/usr/local/bin', 'npm run test', '日本語', '😀', 'e\u0301', '{"a": [1, 2]}', 'sk-', 'BEGIN', 'PRIVATE KEY', 'Bearer', 'token=abc', '\n', ' ', '-',
];
const ordinary = fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }).map((a) => a.join(' '));
const SEPARATORS = [' ', '\n', '"', "'", '(', ',', '=', '`'];

describe('robustness: secrets masked', () => {
  it('shows the kind and the length, never the rest', () => {
    const key = `sk-${'A1b2C3d4'.repeat(6)}`;
    expect(maskSecrets(`key: ${key}.`)).toBe('key: sk-…[secret: 51 chars].');
    expect(maskSecrets('ghp_0123456789abcdefABCDEF0123456789abcd')).toBe('ghp_…[secret: 40 chars]');
    expect(maskSecrets('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…[secret: 20 chars]');
    expect(maskSecrets('curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc123"')).toBe('curl -H "Authorization: Bearer …[secret: 31 chars]"');
    expect(maskSecrets('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nafter')).toBe(
      '-----BEGIN OPENSSH PRIVATE KEY…[secret: 94 chars]\nafter',
    );
    // A key cut short (a torn log) is masked to the end of its text.
    expect(maskSecrets('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg')).toBe('-----BEGIN PRIVATE KEY…[secret: 42 chars]');
  });

  it('property: never leaks the middle of a secret, whatever surrounds it', () => {
    fc.assert(
      fc.property(ordinary, secret, fc.constantFrom(...SEPARATORS), ordinary, (pre, [s, prefix], sep, post) => {
        const around = `${pre}${sep}`;
        const out = maskSecrets(`${around}${s}${sep === '"' ? '"' : ' '}${post}`);
        const hidden = s.slice(prefix.length);
        // No 8 characters of what follows the prefix survive (unless the surrounding text had them).
        for (let i = 0; i + 8 <= hidden.length; i++) {
          const window = hidden.slice(i, i + 8);
          if (!`${pre} ${post} ${prefix}`.includes(window)) expect(out).not.toContain(window);
        }
        expect(out).toContain('…[secret: ');
      }),
      { numRuns: 400 },
    );
  });

  it('property: a title or a prompt cut at its length never keeps the start of a secret it cut through', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 110 }), secret, fc.integer({ min: 700, max: 800 }), (pad, [s, prefix], longPad) => {
        const hidden = s.slice(prefix.length, prefix.length + 4);
        // The title: 100 characters, whitespace collapsed; the prompt's raw first line: 800 (a PEM key spans lines: its first one).
        const firstLine = s.split('\n')[0]!;
        const title = maskSecrets(cleanTitle(`${'x'.repeat(pad)} ${s} tail`));
        const line = maskSecrets(rawFirstLine(`${'x'.repeat(longPad)} ${firstLine} tail`));
        // (The mark repeats the prefix: what follows it must not show.)
        expect(title.replace(prefix, '')).not.toContain(hidden);
        // A key the cut runs through is kept whole and masked, not cut away: a prompt that starts with one still has a title.
        if (pad + 1 < 100) expect(title).toContain('…[secret: ');
        if (firstLine === s) expect(line.replace(prefix, '')).not.toContain(hidden);
      }),
      { numRuns: 400 },
    );
  });

  it('a prompt that starts with a key keeps it as its title, masked; a long run of spaces after "authorization:" is read in linear time', () => {
    const key = `sk-ant-api03-${'Ab1Cd2Ef3Gh4'.repeat(8)}`;
    expect(maskSecrets(cleanTitle(`${key} is my key, use it for the deploy please`))).toMatch(/^sk-ant-…\[secret: \d+ chars\]/);
    const spaces = `${'x'.repeat(790)}authorization:${' '.repeat(200_000)}`;
    const t0 = performance.now();
    rawFirstLine(spaces);
    maskSecrets(spaces);
    // Quadratic backtracking took ~0.2 s here (and seconds at 1 MB); linear is a few ms. Generous for a loaded machine.
    expect(performance.now() - t0).toBeLessThan(150);
  });

  it('property: idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(ordinary, secret.map(([s]) => s), fc.constantFrom(...SEPARATORS)), { maxLength: 8 }), (parts) => {
        const once = maskSecrets(parts.join(''));
        expect(maskSecrets(once)).toBe(once);
      }),
      { numRuns: 400 },
    );
  });

  it('property: ordinary text is left alone', () => {
    fc.assert(
      fc.property(ordinary, (text) => {
        expect(maskSecrets(text)).toBe(text);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        if (!/sk-|gh[pousr]_|github_pat_|AKIA|ASIA|xox|PRIVATE|uthorization/i.test(text)) expect(maskSecrets(text)).toBe(text);
      }),
    );
  });

  describe('where it applies', () => {
    let t: TempHome;
    useTempHome((h) => (t = h));
    const KEY = `sk-ant-api03-${'Zx9Qw8Er7Ty6'.repeat(8)}`;
    const PEM = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oqrdFQ1h7PIvoAoGCCqGSM49\n-----END EC PRIVATE KEY-----';
    const T = '2026-11-20T09:00:00Z';
    const write = (): string =>
      t.write('sec', [
        { type: 'message', timestamp: T, message: { role: 'user', content: `use the key ${KEY} please` } },
        { type: 'message', timestamp: T, message: { role: 'assistant', content: `here is the key file:\n${PEM}` } },
      ]);

    it('replay (browser): masked by default, shown after `s` (the reducer action)', async () => {
      const tr = await loadTranscript(write(), readOpts());
      const base = { width: 400, expanded: new Set<number>(), fromCheckpoint: false };
      const masked = buildReplayLines(tr, base).map((l) => l.text).join('\n');
      expect(masked).not.toContain(KEY.slice(13));
      expect(masked).not.toContain('MHcCAQEEIBkg4LVWM9');
      expect(masked).toContain(`sk-ant-…[secret: ${KEY.length} chars]`);
      const view = sessionViewReducer(initialSessionView(), { type: 'toggleSecrets' });
      expect(view.revealSecrets).toBe(true);
      const shown = buildReplayLines(tr, { ...base, revealSecrets: view.revealSecrets }).map((l) => l.text).join('\n');
      expect(shown).toContain(KEY);
      expect(shown).toContain('MHcCAQEEIBkg4LVWM9');
      expect(KEY_BINDINGS.find((b) => b.action === 'reveal-secrets')).toMatchObject({ keys: 's', mode: 'session' });
    });

    it('preview strip: prompts masked', () => {
      const s = { firstPrompt: `use the key ${KEY}`, lastPrompt: 'thanks' } as SessionSummary;
      expect(promptsLine(s, 200)).toContain('sk-ant-…[secret:');
      expect(promptsLine(s, 200)).not.toContain(KEY.slice(13, 30));
    });

    it('export md and json, and the CLI replay: masked by default, in clear with --reveal-secrets; JSON stays valid', () => {
      write();
      const md = runCli(['--home', t.home, 'export', 'sec', '--all']);
      expect(md.code).toBe(0);
      expect(md.stdout).not.toContain(KEY.slice(13));
      expect(md.stdout).not.toContain('MHcCAQEEIBkg4LVWM9');
      expect(md.stdout).toContain('-----BEGIN EC PRIVATE KEY…[secret:');
      const json = runCli(['--home', t.home, 'export', 'sec', '--all', '--format', 'json', '-o', join(t.home, 'x.json')]);
      expect(json.code).toBe(0);
      const text = readFileSync(join(t.home, 'x.json'), 'utf8');
      expect(text).not.toContain(KEY.slice(13));
      const doc = JSON.parse(text) as { summary: { title: string }; entries: { text: string }[] };
      expect(doc.entries[0]!.text).toBe(`use the key sk-ant-…[secret: ${KEY.length} chars] please`);
      const replay = runCli(['--home', t.home, 'replay', 'sec', '--all']);
      expect(replay.stdout).toContain('sk-ant-…[secret:');
      expect(replay.stdout).not.toContain(KEY.slice(13));
      expect(runCli(['--home', t.home, 'replay', 'sec', '--all', '--reveal-secrets']).stdout).toContain(KEY);
      const clear = runCli(['--home', t.home, 'export', 'sec', '--all', '--reveal-secrets']);
      expect(clear.stdout).toContain(KEY);
      expect(clear.stdout).toContain('MHcCAQEEIBkg4LVWM9');
    });
  });
});

describe('list and show print titles and prompts masked (unless --reveal-secrets)', () => {
  let home: TempHome;
  useTempHome((h) => (home = h));
  const KEY = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFGH';

  it('list (table and --json) and show (text and --json) mask a key in the first prompt; --reveal-secrets prints it', () => {
    home.write('s1', [
      { type: 'message', timestamp: '2026-11-20T09:00:00Z', message: { role: 'user', content: `deploy with key ${KEY} please` } },
      { type: 'message', timestamp: '2026-11-20T09:00:05Z', message: { role: 'assistant', content: 'ok' } },
    ]);
    const run = (...args: string[]) => {
      const r = runCli([...args, '--all', '--home', home.home]);
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    for (const out of [run('list'), run('list', '--json'), run('show', 's1'), run('show', 's1', '--json')]) {
      expect(out).not.toContain(KEY);
      expect(out).toContain('sk-ant-…[secret:');
    }
    expect(run('show', 's1', '--reveal-secrets')).toContain(KEY);
    expect(run('list', '--json', '--reveal-secrets')).toContain(KEY);
  });
});
