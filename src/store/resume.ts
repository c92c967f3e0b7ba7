/**
 * Resume: the command template (split into argv once, placeholders
 * substituted per argument, never run through a shell), the resume context
 * file, and the plan shown before Enter is pressed.
 */
import { mkdtempSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeRecord } from './writer/append.js';
import type { ResumeMessage, ResumePlan, SessionSummary } from './types.js';

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * Splits a template into words like a POSIX shell would for quoting only:
 * whitespace separates, '...' is literal, "..." allows \" and \\, a
 * backslash outside quotes escapes the next character. No expansion of any
 * kind happens: `$HOME`, `;`, `|` and backticks are plain characters.
 */
export function splitTemplate(template: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (template[i + 1] === '"' || template[i + 1] === '\\')) word += template[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < template.length) {
      word += template[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new TemplateError(`unterminated ${quote} quote in resume command template`);
  if (inWord) words.push(word);
  if (words.length === 0) throw new TemplateError('the resume command template is empty');
  return words;
}

export interface PlaceholderValues {
  id: string;
  path: string;
  workspace: string;
  /** Filled lazily: the context file is written only when the template uses it. */
  context: () => string;
}

export const usesContext = (argv: readonly string[]): boolean => argv.some((a) => a.includes('{context}'));

/** Substitutes {id}, {path}, {workspace}, {context} inside each argument; the value never splits an argument. */
export function substitute(argv: readonly string[], values: PlaceholderValues): string[] {
  return argv.map((arg) =>
    arg.replace(/\{(id|path|workspace|context)\}/g, (_, name: keyof PlaceholderValues) =>
      name === 'context' ? values.context() : values[name],
    ),
  );
}

/** Writes the resume context as JSONL to `file`, or to a private temporary file; returns the path. */
export function writeContextFile(messages: readonly ResumeMessage[], file?: string): string {
  const target = file ?? join(mkdtempSync(join(tmpdir(), 'session-browser-')), 'context.jsonl');
  writeFileSync(target, messages.map(serializeRecord).join(''), { mode: 0o600 });
  return target;
}

/** The working directory for a resume: the recorded workspace when it is an existing folder. */
export function resumeCwd(summary: SessionSummary): string | null {
  const ws = summary.workspace;
  try {
    return ws && existsSync(ws) && statSync(ws).isDirectory() ? ws : null;
  } catch {
    return null;
  }
}

export interface CommandTemplate {
  template: string;
  source: 'flag' | 'env' | 'config';
}

/** `--resume-cmd`, else $SESSION_BROWSER_RESUME_CMD, else the config's `resumeCommand`. */
export function pickTemplate(flag: string | undefined, env: NodeJS.ProcessEnv, configured: string | undefined): CommandTemplate | null {
  if (flag) return { template: flag, source: 'flag' };
  if (env.SESSION_BROWSER_RESUME_CMD) return { template: env.SESSION_BROWSER_RESUME_CMD, source: 'env' };
  if (configured) return { template: configured, source: 'config' };
  return null;
}

/**
 * The plan shown before Enter, from the summary alone (no full read): the
 * argv shows `{context}` as the placeholder until the context file exists.
 */
export function planResume(
  summary: SessionSummary,
  command: CommandTemplate | null,
  cwdOf: (s: SessionSummary) => string | null = resumeCwd,
): ResumePlan {
  const cp = summary.lastCheckpoint;
  const context = summary.resumeContext;
  const argvTemplate = command ? splitTemplate(command.template) : null;
  return {
    sessionId: summary.id,
    checkpoint: cp ? { timestamp: cp.timestamp, tokenCount: cp.tokenCount } : null,
    messagesAfter: cp ? cp.messagesAfter : context.messages,
    contextMessages: context.messages,
    // The checkpoint's own size, plus characters / 3 of what was said after it.
    estimatedContextTokens: (cp?.tokenCount ?? 0) + Math.floor(context.chars / 3),
    argv: argvTemplate
      ? substitute(argvTemplate, { id: summary.id, path: summary.path, workspace: summary.workspace ?? '', context: () => '{context}' })
      : null,
    cwd: cwdOf(summary),
    workspace: summary.workspace,
    commandSource: command?.source ?? null,
    cacheWarmUntil: summary.cacheWarmUntil,
  };
}
