/**
 * Catches an error thrown while drawing: the screen shows one line saying
 * what failed (CrashNote), never Ink's stack trace, and `onCrash` lets the
 * caller end the app and restore the terminal.
 */
import React from 'react';
import { CrashNote } from './States.js';

export interface CrashGuardProps {
  children: React.ReactNode;
  width: number;
  /** Called once with the error; the caller unmounts. */
  onCrash: (error: Error) => void;
}

export class CrashGuard extends React.Component<CrashGuardProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onCrash(error instanceof Error ? error : new Error(String(error)));
  }

  override render(): React.ReactNode {
    return this.state.error ? <CrashNote message={this.state.error.message} width={this.props.width} /> : this.props.children;
  }
}
