/**
 * The baseline for the first frame: the smallest interactive Ink program
 * (one line of text, q quits), bundled by bench/run.ts with the same esbuild
 * options as scripts/build.mjs, so it pays the same start-up (Node, one ESM
 * bundle of React + Ink, raw-mode stdin) and nothing else.
 */
import React from 'react';
import { render, Text, useApp, useInput } from 'ink';

function Hello(): React.JSX.Element {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q') exit();
  });
  return <Text>hello from ink</Text>;
}

render(<Hello />);
