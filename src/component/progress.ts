/**
 * Build progress: one line per finished component with its time and size, and on a terminal a
 * spinner naming the components still building. Non-terminals get only the final lines, so logs
 * stay clean and deterministic apart from timings.
 */
import type { BuildObserver } from './build.ts';
import type { BuildReport, ComponentSpec } from './types.ts';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function formatReport(r: BuildReport): string {
  const time = r.cached ? 'cached' : `${(r.ms / 1000).toFixed(1)}s`;
  return `${r.spec.name} [${r.spec.backend}] ${time} ${formatSize(r.manifest.size)}`;
}

export interface Progress extends BuildObserver {
  /** Stops the spinner; call once all builds are done or one failed. */
  close(): void;
}

export function progressLines(stream: ProgressStream): Progress {
  const building = new Set<string>();
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const clear = (): void => {
    if (stream.isTTY) stream.write('\r\x1b[K');
  };
  const draw = (): void => {
    if (!stream.isTTY || building.size === 0) return;
    clear();
    stream.write(`${FRAMES[frame++ % FRAMES.length]} building ${[...building].join(', ')}`);
  };
  return {
    started(spec: ComponentSpec) {
      building.add(spec.name);
      if (stream.isTTY && timer === undefined) {
        timer = setInterval(draw, 100);
        timer.unref();
      }
      draw();
    },
    finished(report: BuildReport) {
      building.delete(report.spec.name);
      clear();
      stream.write(`${formatReport(report)}\n`);
      draw();
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      if (building.size > 0) clear();
    },
  };
}
