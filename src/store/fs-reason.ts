/**
 * Why a folder could not be used, in words: "no such folder", "not a
 * folder", "permission denied", not Node's "ENOENT: no such file or
 * directory, lstat '…'" (the caller names the path); any other error's own
 * message.
 */
export function folderReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'ENOTDIR') return 'not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}
