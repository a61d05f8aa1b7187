/**
 * Stack text, as V8 (`    at fn (url:line:col)`) and SpiderMonkey (`fn@url:line:col`) print it, read into frames
 * that the DevTools panel can open at their line. A line it cannot read stays as text.
 */

export interface StackFrame {
  /** The line as the browser printed it, trimmed. */
  text: string;
  fn?: string;
  url?: string;
  /** 1-based, as printed. */
  line?: number;
  column?: number;
}

const LOCATION = /^(.*?):(\d+):(\d+)$/;
const V8_FRAME = /^at (?:(.+?) \((.+)\)|(.+))$/;

function located(text: string, fn: string | undefined, where: string): StackFrame {
  const match = LOCATION.exec(where);
  if (!match || !/^[a-z-]+:/i.test(match[1]!)) return fn ? { text, fn } : { text };
  return { text, ...(fn && { fn }), url: match[1]!, line: Number(match[2]), column: Number(match[3]) };
}

export function stackFrames(stack: string | undefined): StackFrame[] {
  if (!stack) return [];
  const frames: StackFrame[] = [];
  for (const raw of stack.split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    const v8 = V8_FRAME.exec(text);
    if (v8) {
      frames.push(v8[2] ? located(text, v8[1], v8[2]) : located(text, undefined, v8[3]!));
      continue;
    }
    const at = text.lastIndexOf('@');
    frames.push(at >= 0 ? located(text, text.slice(0, at) || undefined, text.slice(at + 1)) : { text });
  }
  return frames;
}
