/**
 * The session screen on its own, driven the way the browser's keypress
 * owner drives it: each input taken apart (splitKeys), each key resolved
 * through the app's key table in the screen's mode ('session' or 'find'),
 * the commands tried in order until the screen takes one.
 */
import React, { useRef } from 'react';
import { useInput } from 'ink';
import { SessionScreen, type SessionScreenHandle, type SessionScreenProps } from '../../src/components/SessionScreen.js';
import { helpBarEntries, resolveKeys, splitKeys, TEXT_MODES } from '../../src/app/keys.js';

const HELP = { session: helpBarEntries('session'), find: helpBarEntries('find') };

export function SessionHarness(props: SessionScreenProps): React.JSX.Element {
  const ref = useRef<SessionScreenHandle | null>(null);
  useInput(
    (input, key) => {
      for (const kp of splitKeys(input, key)) {
        const screen = ref.current;
        if (!screen) return;
        const mode = screen.searching() ? 'find' : 'session';
        if (kp.pasted && !TEXT_MODES.has(mode)) continue;
        for (const cmd of resolveKeys(mode, kp.input, kp.key)) if (screen.run(cmd, kp.input)) break;
      }
    },
    { isActive: props.isActive },
  );
  return <SessionScreen help={HELP} {...props} ref={ref} />;
}
