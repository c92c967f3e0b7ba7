/** Resolves an id given on the command line to a session file (validated before any path is built). */
import type { SessionFile } from '../../store/discover.js';
import { InvalidIdError } from '../../store/project.js';
import { UsageError } from '../cli-args.js';
import type { AppContext } from '../context.js';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export async function findSession(ctx: AppContext, id: string): Promise<SessionFile> {
  let file: SessionFile | null;
  try {
    file = await ctx.catalog.find(id, ctx.project.id);
  } catch (err) {
    if (err instanceof InvalidIdError) throw new UsageError(err.message);
    throw err;
  }
  if (!file) throw new NotFoundError(`no session ${id} under ${ctx.home}`);
  return file;
}
