import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { KEY_BINDINGS, NO_KEY, bindingsFor, helpBarEntries, isTextRun, keyOfChar, resolveKey, type KeyMode } from '../src/app/keys.js';
import { helpBarText } from '../src/components/HelpBar.js';
import { displayWidth } from '../src/format/width.js';

/** A Key with everything false except `over`. */
function key(over: Partial<Key> = {}): Key {
  return { ...NO_KEY, ...over };
}

describe('list mode', () => {
  it.each([
    ['j', key(), 'down'],
    ['', key({ downArrow: true }), 'down'],
    ['k', key(), 'up'],
    ['', key({ upArrow: true }), 'up'],
    ['', key({ pageDown: true }), 'page-down'],
    ['', key({ pageUp: true }), 'page-up'],
    ['g', key(), 'top'],
    ['G', key({ shift: true }), 'bottom'],
    ['', key({ return: true }), 'resume'],
    ['', key({ rightArrow: true }), 'open'],
    ['\t', key({ tab: true }), 'open'],
    ['o', key(), 'open'],
    ['c', key(), 'cost'],
    ['a', key(), 'scope'],
    ['e', key(), 'export'],
    ['y', key(), 'copy'],
    ['d', key(), 'delete'],
    ['/', key(), 'search'],
    ['?', key(), 'help'],
    ['q', key(), 'quit'],
    ['c', key({ ctrl: true }), 'quit'],
    ['', key({ escape: true, meta: true }), 'escape'],
    ['', key({ home: true }), 'top'],
    ['', key({ end: true }), 'bottom'],
  ])('%j %o → %s', (input, k, command) => {
    expect(resolveKey('list', input, k)).toBe(command);
  });

  it('a letter with Ctrl or Meta is not the plain letter', () => {
    expect(resolveKey('list', 'd', key({ ctrl: true }))).toBeNull();
    expect(resolveKey('list', 'q', key({ meta: true }))).toBeNull();
  });
});

describe('search mode', () => {
  it('letters (and pastes) are typed into the query, even those that are list commands', () => {
    for (const ch of 'abcdefghijklmnopqrstuvwxyzGAQ/? 日') expect(resolveKey('search', ch, key())).toBe('type');
    expect(resolveKey('search', 'fix login', key())).toBe('type');
    expect(resolveKey('search', 'u', key({ ctrl: true }))).toBe('kill-before');
    expect(resolveKey('search', '', key({ delete: true }))).toBe('erase');
    expect(resolveKey('search', '', key({ backspace: true }))).toBe('erase');
  });

  it('arrows still move, Enter resumes, Esc leaves the box, Ctrl+C quits', () => {
    expect(resolveKey('search', '', key({ downArrow: true }))).toBe('down');
    expect(resolveKey('search', '', key({ upArrow: true }))).toBe('up');
    expect(resolveKey('search', '', key({ pageDown: true }))).toBe('page-down');
    expect(resolveKey('search', '', key({ return: true }))).toBe('resume');
    expect(resolveKey('search', '', key({ escape: true, meta: true }))).toBe('escape');
    expect(resolveKey('search', 'c', key({ ctrl: true }))).toBe('quit');
  });
});

describe('other modes', () => {
  it('cost view: w cycles the window, j/k and pages scroll, c and Esc close, q quits', () => {
    expect(resolveKey('cost', 'w', key())).toBe('cost-window');
    expect(resolveKey('cost', 'c', key())).toBe('close');
    expect(resolveKey('cost', '', key({ escape: true }))).toBe('close');
    expect(resolveKey('cost', 'q', key())).toBe('quit');
    expect(resolveKey('cost', 'j', key())).toBe('down');
    expect(resolveKey('cost', '', key({ pageDown: true }))).toBe('page-down');
    expect(resolveKey('cost', 'x', key())).toBeNull();
  });

  it('delete dialog: y/Enter confirm, n/Esc cancel, other keys do nothing', () => {
    expect(resolveKey('confirm', 'y', key())).toBe('confirm');
    expect(resolveKey('confirm', '', key({ return: true }))).toBe('confirm');
    expect(resolveKey('confirm', 'n', key())).toBe('cancel');
    expect(resolveKey('confirm', '', key({ escape: true }))).toBe('cancel');
    expect(resolveKey('confirm', 'd', key())).toBeNull();
  });

  it('help closes on any key', () => {
    expect(resolveKey('help', 'x', key())).toBe('close');
  });
});

describe('the table', () => {
  it('has a description and display keys for every binding', () => {
    for (const b of KEY_BINDINGS) {
      expect(b.keys.trim()).not.toBe('');
      expect(b.description.trim()).not.toBe('');
    }
  });

  it('never binds one key press to two commands in the same mode (but for a declared fall-through)', () => {
    const probes: [string, Key][] = [
      ...'abcdefghijklmnopqrstuvwxyzG/?'.split('').map((c) => [c, key()] as [string, Key]),
      ['', key({ upArrow: true })], ['', key({ downArrow: true })], ['', key({ rightArrow: true })],
      ['', key({ leftArrow: true })], ['', key({ return: true })], ['', key({ escape: true })], ['', key({ tab: true })],
    ];
    const modes: KeyMode[] = ['list', 'search', 'session', 'find', 'cost', 'confirm', 'confirm-resume'];
    for (const mode of modes) {
      for (const [input, k] of probes) {
        const hits = bindingsFor(mode).filter((b) => b.match(input, k) && !b.fallthrough).map((b) => b.action);
        expect(new Set(hits).size, `${mode} ${JSON.stringify(input)} ${JSON.stringify(k)}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('runs of characters in one input', () => {
  it('are recognised only without key flags and with more than one character', () => {
    expect(isTextRun('jjo', key())).toBe(true);
    expect(isTextRun('日本', key())).toBe(true);
    expect(isTextRun('j', key())).toBe(false);
    expect(isTextRun('😀', key())).toBe(false); // one code point, two UTF-16 units
    expect(isTextRun('', key({ downArrow: true }))).toBe(false);
  });

  it('map each character back to the key it stands for', () => {
    expect(resolveKey('list', keyOfChar('j').input, keyOfChar('j').key)).toBe('down');
    expect(resolveKey('list', keyOfChar('G').input, keyOfChar('G').key)).toBe('bottom');
    expect(resolveKey('list', keyOfChar('\t').input, keyOfChar('\t').key)).toBe('open');
    expect(resolveKey('list', keyOfChar('\u0003').input, keyOfChar('\u0003').key)).toBe('quit');
    expect(resolveKey('search', keyOfChar('\u007f').input, keyOfChar('\u007f').key)).toBe('erase');
  });
});

describe('help bar', () => {
  it('puts the most important keys first and never exceeds the width', () => {
    const wide = helpBarText(helpBarEntries('list'), 200);
    expect(wide.startsWith('enter resume  → open  / search')).toBe(true);
    expect(wide).toContain('d delete');
    for (const w of [20, 40, 80]) expect(displayWidth(helpBarText(helpBarEntries('list'), w))).toBeLessThanOrEqual(w);
    expect(helpBarText(helpBarEntries('list'), 80)).toContain('? help');
  });

  it('is generated per mode and can omit a command', () => {
    expect(helpBarText(helpBarEntries('search'), 80)).toContain('esc done');
    expect(helpBarText(helpBarEntries('list', [], true), 200)).toContain('esc clear filter');
    expect(helpBarText(helpBarEntries('list', ['escape'], true), 200)).not.toContain('esc');
  });

  it("says 'esc done' in the search box with or without a filter; 'esc clear filter' in the list only with one", () => {
    // An empty box is still a box to leave (the hint went with the last letter).
    for (const filtered of [false, true]) expect(helpBarText(helpBarEntries('search', [], filtered), 80)).toContain('esc done');
    expect(helpBarText(helpBarEntries('list', [], false), 200)).not.toContain('esc');
  });
});
