/**
 * Writer for the `events` dialect (format §2.2): an agent run log of dotted
 * event types, each with the session id and a sequence number that counts
 * from 0 within the session.
 */
import fs from 'node:fs';
import { lastNewline, readFully } from './append.js';
import type { EventRecord, LlmRequestData, LlmResponseData, SessionEndData, SessionStartData, ToolCallData } from './records.js';
import { SessionWriter, type SessionWriterOptions } from './session-writer.js';
import { assertCount, assertFinite, assertUsage } from './validate.js';

/** An existing session id continues numbering after its last `seq`. */
export type EventLoggerOptions = SessionWriterOptions;

/** Logs one `events` session. Nothing is written until the first event. */
export class EventLogger extends SessionWriter {
  private nextSeq: number;

  constructor(opts: EventLoggerOptions) {
    super(opts);
    const last = lastSeq(this.path);
    this.nextSeq = last === null ? 0 : last + 1;
  }

  /** The `seq` the next event will carry. */
  get seq(): number {
    return this.nextSeq;
  }

  /** `session.start`: `prompt` becomes the title; provider/model/work_dir describe the run. */
  start(data: SessionStartData, timestamp?: string): EventRecord {
    return this.emit('session.start', data, timestamp);
  }

  /** `llm.request`: carries the whole conversation so far. */
  request(data: LlmRequestData, timestamp?: string): EventRecord {
    if (!Array.isArray(data.messages)) throw new TypeError('llm.request data.messages must be an array');
    return this.emit('llm.request', data, timestamp);
  }

  /** `llm.response`: the reply, its tool calls, usage and cost. */
  response(data: LlmResponseData, timestamp?: string): EventRecord {
    if (data.usage) assertUsage('usage', data.usage);
    if (data.cost_usd !== undefined) assertCount('cost_usd', data.cost_usd);
    if (data.latency_ms !== undefined) assertFinite('latency_ms', data.latency_ms);
    return this.emit('llm.response', data, timestamp);
  }

  /** `tool.call`: one tool run with its input, output and duration. */
  toolCall(data: ToolCallData, timestamp?: string): EventRecord {
    if (typeof data.tool !== 'string') throw new TypeError('tool.call data.tool must be a string');
    if (data.duration_ms !== undefined) assertFinite('duration_ms', data.duration_ms);
    return this.emit('tool.call', data, timestamp);
  }

  /** Any other dotted event (e.g. `routing.override`), shown in replay as a note. */
  note(type: string, data: Record<string, unknown>, timestamp?: string): EventRecord {
    if (!type.includes('.')) throw new TypeError(`event type ${JSON.stringify(type)} must contain a dot`);
    return this.emit(type, data, timestamp);
  }

  /** `session.end`: `status` `success` counts as success, anything else as failed. */
  end(data: SessionEndData, timestamp?: string): EventRecord {
    if (typeof data.status !== 'string') throw new TypeError('session.end data.status must be a string');
    if (data.tokens) assertUsage('tokens', data.tokens);
    if (data.cost_usd !== undefined) assertCount('cost_usd', data.cost_usd);
    return this.emit('session.end', data, timestamp);
  }

  private emit(type: string, data: Record<string, unknown>, timestamp?: string): EventRecord {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new TypeError('event data must be an object');
    const record = this.append<EventRecord>({ session_id: this.sessionId, seq: this.nextSeq, type, timestamp: timestamp ?? this.iso(), data });
    // Only a written event uses up its number.
    this.nextSeq++;
    return record;
  }
}

/**
 * The `seq` of the last complete line of an existing events file that has
 * one, or null (no file, or no numbered line). Reads backwards in chunks, so
 * resuming a long run does not read the whole log; lines are cut on bytes,
 * never inside a character.
 */
function lastSeq(path: string): number | null {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    // Complete lines only: what follows the last newline may be torn.
    let pos = lastNewline(fd, fs.fstatSync(fd).size);
    // Bytes of the line that continues before the chunk being read.
    let carry = Buffer.alloc(0);
    while (pos > 0) {
      const from = Math.max(0, pos - 64 * 1024);
      const chunk = Buffer.alloc(pos - from);
      readFully(fd, chunk, from);
      const data = Buffer.concat([chunk, carry]);
      let stop = data.length;
      while (stop > 0) {
        const nl = data.lastIndexOf(0x0a, stop - 1);
        if (nl === -1) break;
        const seq = seqOf(data.subarray(nl + 1, stop).toString('utf8'));
        if (seq !== null) return seq;
        stop = nl;
      }
      carry = data.subarray(0, stop);
      pos = from;
    }
    // What is left is the file's first line.
    return seqOf(carry.toString('utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

function seqOf(line: string): number | null {
  if (!line.includes('"seq"')) return null;
  try {
    const v = JSON.parse(line) as { seq?: unknown };
    return typeof v === 'object' && v !== null && typeof v.seq === 'number' && Number.isFinite(v.seq) ? v.seq : null;
  } catch {
    return null;
  }
}
