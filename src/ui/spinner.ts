/**
 * A one-line spinner on stderr for the live probe, with the hops proven so far. Only used when
 * stderr is a terminal and the output is not JSON; it erases its line when it stops.
 */
import type { Progress } from '../commands/doctor/live.js';
import type { Theme } from './theme.js';
import { vis } from '../core/vis.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ProbeSpinner {
  readonly update: (p: Progress) => void;
  readonly stop: () => void;
}

export function probeSpinner(out: NodeJS.WriteStream, t: Theme): ProbeSpinner {
  let hops: string[] = [];
  let proven = 0;
  let text = '';
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    // Hop names come from the config: their control characters are shown, not obeyed.
    out.write(`\r\x1b[K${t.dim(FRAMES[frame++ % FRAMES.length] ?? '')} ${vis(text, true)}`);
  };
  const chainText = () =>
    hops
      .map((h, i) => (i < proven ? `${h} ${t.ok('✓')}` : i === proven ? `${h} …` : t.dim(h)))
      .join(t.dim(' → '));
  return {
    update(p) {
      if (p.kind === 'probe') {
        hops = [...p.hops];
        proven = 0;
      } else if (p.kind === 'hop-ok') proven = Math.max(proven, hops.indexOf(p.alias) + 1);
      text = p.kind === 'link' ? `locating the failure: ${p.from} → ${p.to}` : `probing ${chainText()}`;
      if (!timer) {
        timer = setInterval(draw, 80);
        timer.unref();
      }
      draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      if (timer) out.write('\r\x1b[K');
      timer = undefined;
    },
  };
}
