/**
 * The privacy policy as pages inside the extension, so the options page links to it without a network request:
 * PRIVACY.md becomes privacy.html and PRIVACY.de.md privacy.de.html. Converts only the Markdown those files use
 * (headings, paragraphs, "- " lists with indented continuation lines, **strong**, `code`) and fails on anything
 * else, so the page never silently drops part of the policy. All text is escaped.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const POLICIES = [
  { source: 'PRIVACY.md', page: 'privacy.html', lang: 'en' },
  { source: 'PRIVACY.de.md', page: 'privacy.de.html', lang: 'de' },
];

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text) {
  if (/\[[^\]]*\]\(|<|!\[|(^|\s)_\S/.test(text)) throw new Error(`privacy-page: unsupported Markdown in "${text}"`);
  return escape(text).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** Markdown (the subset above) to an HTML body, one block per blank-line-separated group. */
export function toHtml(markdown) {
  const blocks = markdown.trim().split(/\n\s*\n/);
  return blocks.map((block) => {
    const heading = /^(#{1,2}) (.+)$/.exec(block);
    if (heading) return `<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`;
    if (block.startsWith('- ')) {
      const items = block.split(/\n(?=- )/).map((item) => item.slice(2).replace(/\n\s+/g, ' '));
      return `<ul>\n${items.map((item) => `  <li>${inline(item)}</li>`).join('\n')}\n</ul>`;
    }
    if (/^(#|\d+\.|\*|>|```|\|)/m.test(block)) throw new Error(`privacy-page: unsupported block "${block}"`);
    return `<p>${inline(block.replace(/\n/g, ' '))}</p>`;
  }).join('\n');
}

export async function writePolicyPages(root, outdir) {
  for (const { source, page, lang } of POLICIES) {
    const markdown = await readFile(join(root, source), 'utf8');
    const title = escape(/^# (.+)$/m.exec(markdown)[1]);
    await writeFile(join(outdir, page), `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="color-scheme" content="light dark">
  <title>${title}</title>
  <link rel="stylesheet" href="popup.css">
</head>
<body class="options policy">
<main id="root">
${toHtml(markdown)}
</main>
</body>
</html>
`);
  }
}
