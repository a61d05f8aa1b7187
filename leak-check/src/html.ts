/**
 * A self-contained HTML view of a report (docs/report-schema.json): the DevTools panel's look, no script, no
 * network, every page-supplied string escaped. Attached to a failed test next to the JSON.
 */
import { captureKind } from '../../src/capture';
import { creatorText, sinksText } from '../../src/format';
import type { Report, ReportTrack } from '../../src/report';
import { appFramesOf } from './check';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
:root { color-scheme: light dark; --accent: #b3261e; --muted: #666; --line: #ddd; }
body { font: 13px/1.45 system-ui, sans-serif; margin: 0; padding: 16px 20px; max-width: 980px; }
h1 { font-size: 16px; margin: 0 0 4px; } .meta { color: var(--muted); margin-bottom: 14px; }
.track { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin: 10px 0; }
.track.leaked { border-color: var(--accent); border-left-width: 4px; }
.name { font-weight: 600; } .ended { opacity: .6; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px; background: #eee; color: #333;
  margin-left: 6px; }
.leak { color: var(--accent); font-weight: 600; margin-top: 6px; } .hint { margin: 2px 0 0; }
.facts { color: var(--muted); } code, pre { font: 12px ui-monospace, monospace; }
pre { margin: 6px 0 0; padding: 6px 8px; background: rgba(127,127,127,.1); border-radius: 4px; white-space: pre-wrap; }
`;

function trackHtml(t: ReportTrack): string {
  const frames = appFramesOf(t.stack);
  return `<section class="track${t.flags.length ? ' leaked' : ''}${t.readyState === 'live' ? '' : ' ended'}">
<div><span class="name">${escape(captureKind(t))}: ${escape(t.label || t.id)}</span>`
    + `<span class="badge">${escape(t.readyState)}</span><span class="badge">${escape(creatorText(t))}</span></div>
<div class="facts">id <code>${escape(t.id)}</code> · ${escape(t.kind)} · ${escape(sinksText(t.sinks))} · ${
  escape(t.origin)}</div>
${t.flags.map((f) => `<div class="leak">${escape(f.text)}</div><p class="hint">${escape(f.hint)}</p>`).join('\n')}
${frames.length ? `<pre>Created at\n${frames.map((f) => `  ${escape(f)}`).join('\n')}</pre>` : ''}
</section>`;
}

export function reportHtml(report: Report): string {
  const leaked = report.tracks.filter((t) => t.flags.length).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trackstop leak check: ${escape(report.tab.url ?? '')}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>${STYLE}</style></head><body>
<h1>Trackstop leak check</h1>
<div class="meta">${escape(report.tab.url ?? '')} · ${escape(report.createdAt)} · ${report.tracks.length} track(s), `
    + `${leaked} leaked</div>
${report.tracks.map(trackHtml).join('\n')}
</body></html>
`;
}
