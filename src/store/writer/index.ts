/**
 * The writer API: the library half of session-browser, for agents that
 * write the logs the browser reads (format §2). One class or function per
 * dialect, all built on the same safe appender.
 */
export { SessionStore, type SessionStoreOptions, type DeleteOptions, type ExportOptions } from './session-store.js';
export { TurnLogger, type Turn, type TurnLoggerOptions } from './turn-logger.js';
export { EventLogger, type EventLoggerOptions } from './event-logger.js';
export { appendSkillInvocation, type SkillsAppendOptions } from './skills-appender.js';
export {
  appendRecord,
  createExclusive,
  DIR_MODE,
  ensureDir,
  ensureProjectDir,
  FILE_MODE,
  serializeRecord,
  type AppendOptions,
  type ProjectFolder,
} from './append.js';
export { writeRecordsAtomic } from './atomic.js';
export { withFileLock, LockTimeoutError, LOCK_TIMEOUT_MS } from './lock.js';
export { newSessionId } from './ids.js';
export { resolveProjectRoot } from './root.js';
export type { ReadOptions } from './listing.js';
export type * from './records.js';
