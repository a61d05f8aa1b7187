/**
 * A failure a developer can act on, as axe's are: per leaked track, what it is, the reason and the fix in the
 * extension's words, what it fed before, and the creation stack's app frames as `file:line:column`.
 */
import { captureKind } from '../../src/capture';
import { creatorText, sinksText } from '../../src/format';
import type { ReportTrack } from '../../src/report';
import type { CheckResult, Leak } from './check';

const nameOf = (t: Pick<Leak, 'captureKind' | 'label' | 'id'>) =>
  `${t.captureKind} track "${t.label || t.id}"`;

function leakLines(leak: Leak, index: number): string[] {
  const lines = [`${index + 1}. ${nameOf(leak)} (id ${leak.id}, ${creatorText(leak.track)}, in ${leak.origin})`];
  for (const reason of leak.reasons) lines.push(`   ${reason}`);
  lines.push(`   Fix: ${leak.hint}`);
  lines.push(`   Fed before: ${leak.fedBefore.length ? leak.fedBefore.join(', ') : 'nothing'}`);
  lines.push(leak.appFrames.length ? '   Created at:' : '   Created at: (no stack)');
  for (const frame of leak.appFrames) lines.push(`     ${frame}`);
  return lines;
}

export function leaksMessage(result: CheckResult, url: string): string {
  const { leaks } = result;
  if (!leaks.length) return `No leaked tracks in ${url} (${result.tracks.length} track(s) checked).`;
  return [`Expected no leaked tracks, but ${leaks.length} track(s) in ${url} look leaked:`, '',
    ...leaks.flatMap((leak, i) => [...leakLines(leak, i), '']),
    'The JSON report (trackstop-report.json) and its HTML view are attached to the test result.'].join('\n');
}

export function liveCaptureMessage(live: ReportTrack[], url: string): string {
  if (!live.length) return `No live camera, microphone or screen track in ${url}.`;
  return [`Expected no live capture, but ${live.length} track(s) in ${url} still capture:`, '',
    ...live.flatMap((t, i) => [
      `${i + 1}. ${nameOf({ ...t, captureKind: captureKind(t) })} (id ${t.id}, ${creatorText(t)}, `
        + `${sinksText(t.sinks)})`,
      ...t.flags.map((f) => `   ${f.text}`)]),
  ].join('\n');
}
