/**
 * Hostile case "deep nesting" (issue 9): a value nested 100,000 levels deep
 * inside an otherwise valid record (a tool call's arguments, as an object or
 * as a JSON string, a tool result, an event's data) in every native format.
 * Nothing recurses over it unbounded: the session is listed, shown, replayed
 * (CLI and browser lines), exported as Markdown and JSON, and doctored.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capDepth, parseJsonCapped, TOO_DEEP } from '../../src/format/json.js';
import { buildReplayLines } from '../../src/format/replay-lines.js';
import { transcriptToMarkdown } from '../../src/format/markdown.js';
import { loadTranscript } from '../../src/store/scan/transcript.js';
import { readSummary } from '../../src/store/scan/summary-reader.js';
import { runCli } from '../helpers/cli.js';
import { readOpts, tempHome } from '../helpers/session-files.js';

const LEVELS = 100_000;
const deepArray = '['.repeat(LEVELS) + '1' + ']'.repeat(LEVELS);
const deepObject = '{"a":'.repeat(LEVELS) + '1' + '}'.repeat(LEVELS);
const T = '2026-11-20T09:00:00Z';

/** One session per native format, each with deep values where that format keeps structured data. */
const SESSIONS: Record<string, string[]> = {
  'deep-store': [
    JSON.stringify({ type: 'meta', id: 'deep-store', created_at: T, title: 'deep store', workspace: '/w' }),
    JSON.stringify({ type: 'message', timestamp: T, message: { role: 'user', content: 'go' } }),
    `{"type":"message","timestamp":"${T}","message":{"role":"assistant","content":"ok","tool_calls":[{"id":"c1","name":"x","arguments":${deepObject}},{"id":"c2","name":"y","arguments":${JSON.stringify(deepArray)}}]}}`,
    `{"type":"message","timestamp":"${T}","message":{"role":"tool","tool_call_id":"c1","content":${deepArray}}}`,
    `{"type":"tunnel_event","event":{"event_id":"e","stream_id":"s","type":"output","data":${deepObject}}}`,
  ],
  'deep-events': [
    JSON.stringify({ session_id: 'deep-events', seq: 0, type: 'session.start', timestamp: T, data: { provider: 'openai', model: 'gpt-5', prompt: 'go' } }),
    `{"session_id":"deep-events","seq":1,"type":"llm.request","timestamp":"${T}","data":{"messages":[{"role":"user","content":"go","tool_calls":${deepArray}}]}}`,
    `{"session_id":"deep-events","seq":2,"type":"llm.response","timestamp":"${T}","data":{"content":"ok","tool_calls":[{"id":"c","name":"x","arguments":${deepObject}}]}}`,
    `{"session_id":"deep-events","seq":3,"type":"tool.call","timestamp":"${T}","data":{"tool":"x","input":${deepObject},"output":${deepArray}}}`,
    `{"session_id":"deep-events","seq":4,"type":"routing.override","timestamp":"${T}","data":${deepObject}}`,
  ],
  'deep-turns': [
    JSON.stringify({ type: 'user', content: 'go', timestamp: T }),
    JSON.stringify({ type: 'tool_call', tool_name: 'x', tool_id: 't', content: deepArray, timestamp: T }),
    `{"type":"tool_result","tool_id":"t","content":"ok","extra":${deepArray},"timestamp":"${T}"}`,
  ],
  'deep-skills': [
    `{"session_id":"deep-skills","timestamp":"${T}","skill":"s","final_status":"ok","message":"m","attempts":[{"attempt":1,"model":"m","tier":"local","feedback":${deepObject}}]}`,
  ],
};

describe('robustness: deep nesting', () => {
  it('capDepth cuts a 100,000-level value without recursion, and leaves shallow values alone', () => {
    const deep = JSON.parse(deepArray) as unknown;
    expect(capDepth(deep)).toBe(1);
    expect(JSON.stringify(deep)).toContain(TOO_DEEP);
    const shallow = { a: [1, { b: 'c' }] };
    expect(capDepth(shallow)).toBe(0);
    expect(shallow).toEqual({ a: [1, { b: 'c' }] });
    expect(JSON.stringify(parseJsonCapped(deepObject))).toContain(TOO_DEEP);
  });

  it('every view of a session with 100,000-level values works, in every native format', async () => {
    const t = tempHome();
    try {
      for (const [id, lines] of Object.entries(SESSIONS)) t.write(id, lines);
      const list = runCli(['--home', t.home, 'list', '--all', '--json', '--include-empty']);
      expect(list.stderr).toBe('');
      expect((JSON.parse(list.stdout) as { sessions: { id: string }[] }).sessions.map((s) => s.id).sort()).toEqual(Object.keys(SESSIONS).sort());
      for (const id of Object.keys(SESSIONS)) {
        const path = join(t.dir, `${id}.jsonl`);
        const { summary } = await readSummary(path, readOpts());
        expect(summary.malformedLines + summary.unknownLines).toBe(0);
        // The browser's replay: every entry unfolded.
        const transcript = await loadTranscript(path, readOpts());
        const expanded = new Set(transcript.entries.map((_, i) => i));
        expect(buildReplayLines(transcript, { width: 80, expanded, fromCheckpoint: false }).length).toBeGreaterThan(0);
        expect(transcriptToMarkdown(transcript)).toContain('#');
        expect(JSON.stringify(summary)).toBeTruthy();
      }
      // The CLI (its own process, default stack) on the two formats with the most structure.
      for (const id of ['deep-store', 'deep-events']) {
        const replay = runCli(['--home', t.home, '--all', 'replay', id]);
        expect({ id, code: replay.code, stderr: replay.stderr }).toEqual({ id, code: 0, stderr: '' });
        const json = runCli(['--home', t.home, '--all', 'export', id, '--format', 'json', '-o', join(t.home, `${id}.json`)]);
        expect({ id, code: json.code, stderr: json.stderr }).toEqual({ id, code: 0, stderr: expect.stringMatching(/^Exported/) });
        expect(() => JSON.parse(readFileSync(join(t.home, `${id}.json`), 'utf8'))).not.toThrow();
      }
      const doctor = runCli(['--home', t.home, 'doctor', '--all']);
      expect(doctor.stderr).toBe('');
    } finally {
      t.cleanup();
    }
  }, 180_000);
});
