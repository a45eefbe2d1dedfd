/**
 * Packages the operating system asked the app to open (a double-click on a
 * `.tar.age`, `vigil case.tar.age`, a second launch). While the vault is open the
 * window is sent a grant for the package at once; while it is locked the paths
 * wait here until the window, once unlocked, takes them. Paths never come from
 * the window: only from the OS, through the main process.
 */
import type { GrantedPath, PathGrants } from './path-grants';

/** The queue and how a package reaches an open window. */
export class OpenedPackages {
  private waiting: string[] = [];

  constructor(
    private readonly grants: PathGrants,
    /** Sends a granted package to the window; false when no unlocked window can take it now. */
    private readonly deliver: (file: GrantedPath) => boolean,
  ) {}

  /** A package the OS named: delivered now, or kept for the next unlock (at most the last 20). */
  arrive(file: string): void {
    if (this.deliver(this.grants.issue(file, 'read-file'))) return;
    this.waiting = [...this.waiting.filter((p) => p !== file), file].slice(-20);
  }

  /** The packages kept while locked, as read grants, in the order they came; the queue is emptied. */
  take(): GrantedPath[] {
    const files = this.waiting.map((p) => this.grants.issue(p, 'read-file'));
    this.waiting = [];
    return files;
  }
}
