/**
 * Re-runs a job whenever one of the files its last run read changes, or a `.wit` file appears in
 * one of their folders (a new file of a package). Folders are watched rather than files, because
 * editors save by writing a new file and renaming it over the old one.
 */
import { watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';

/** Editors write a file in several steps; one run after the last of them. */
const SETTLE_MS = 100;

export class FileWatcher {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  /** `job` returns the files it read, or undefined to keep watching the previous ones. */
  constructor(private readonly job: () => Promise<string[] | undefined>) {}

  async start(): Promise<void> {
    await this.runJob();
  }

  close(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  private async runJob(): Promise<void> {
    const files = await this.job();
    if (files !== undefined) this.watch(files);
  }

  private watch(files: string[]): void {
    this.close();
    const known = new Set(files);
    for (const dir of [...new Set(files.map(dirname))].sort()) {
      const watcher = watch(dir, (_event, name) => {
        if (name === null) return;
        const file = join(dir, String(name));
        if (!known.has(file) && !String(name).endsWith('.wit')) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.running = this.running.then(() => this.runJob());
        }, SETTLE_MS);
      });
      // A folder that goes away ends its watch; the next run watches what exists then.
      watcher.on('error', () => watcher.close());
      this.watchers.push(watcher);
    }
  }
}
