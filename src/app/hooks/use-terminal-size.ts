/**
 * Columns and rows of the stream Ink draws on (which may be stderr when
 * stdout is captured), kept current on 'resize'.
 */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

/** A terminal's size in character cells. */
export interface TerminalSize {
  columns: number;
  rows: number;
}

/** Size of a stream, with 80×24 when it does not know (not a TTY). */
export function streamSize(stream: { columns?: number; rows?: number }): TerminalSize {
  return { columns: stream.columns || 80, rows: stream.rows || 24 };
}

/** The current terminal size; re-renders on resize. */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => streamSize(stdout));
  useEffect(() => {
    const onResize = () => {
      const next = streamSize(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
