// Deterministic synthetic brands and mentions for the benchmarks: 100 brands with queries shaped
// like real ones (names, product phrases, handles, hashtags, a site, exclusions) and short social
// texts, some naming a brand. A small seeded generator keeps every run identical.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ac',
  'me',
  'glo',
  'bex',
  'ini',
  'tech',
  'um',
  'brel',
  'la',
  'zor',
  'vio',
  'nex',
  'qua',
  'tro',
  'pix',
  'sol',
  'kap',
  'ri',
];
const PRODUCTS = ['phone', 'widget', 'blender', 'router', 'app', 'card', 'bank', 'coffee', 'shoes', 'cloud', 'tv', 'car'];
const FILLER =
  'the a is this my our new old great terrible love hate just got why does anyone know today again really so much service support price delivery order store help please thanks customer update broken works fine'.split(
    ' ',
  );

export interface BenchBrand {
  id: string;
  name: string;
  query: string;
}

export function benchBrands(count: number, seed = 1): BenchBrand[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(SYLLABLES)}${pick(SYLLABLES)}${i}`;
    const product = pick(PRODUCTS);
    const query =
      `(${name} OR "${name} ${product}" OR @${name} OR #${name} OR site:${name}.com OR ${name}app*) ` +
      `-"${name} jobs" -(hiring OR careers) -#${name}giveaway`;
    return { id: `brand-${i}`, name, query };
  });
}

export function benchTexts(count: number, brands: readonly BenchBrand[], seed = 2): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 8 + Math.floor(random() * 30) }, () => pick(FILLER));
    const roll = random();
    const brand = pick(brands).name;
    if (roll < 0.3) words.splice(Math.floor(random() * words.length), 0, brand);
    else if (roll < 0.4) words.push(`#${brand}`);
    else if (roll < 0.45) words.push(`@${brand}`, `https://www.${brand}.com/p/${Math.floor(random() * 1000)}`);
    if (random() < 0.1) words.push('🔥', 'Café', 'ÉTÉ');
    return words.join(' ');
  });
}
