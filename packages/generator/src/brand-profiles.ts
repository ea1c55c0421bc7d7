// How people write about each brand: the names, tags and links that its query in
// examples/brands.yaml matches, what it sells, and how much of the conversation is about it.
// Every name and tag here must match the brand's query on its own (the tests check them against
// the real query), so a generated text that uses one is always about that brand.

export interface BrandProfile {
  id: string;
  /** Ways the brand is named in running text; the first is the display name. */
  names: readonly string[];
  /** Hashtags and handles people add (#acme, @acme). */
  tags: readonly string[];
  /** The brand's own accounts (Brand.handles): they answer questions. Empty: nobody answers. */
  handles: readonly string[];
  /** Accounts people put questions to, written as `@handle` in the text (the query must match them). */
  askAt: readonly string[];
  /** The brand's web host, for links (a `site:` term). */
  site: string;
  /** What it sells, lower case, as people write it after the brand's name. */
  products: readonly string[];
  /** Topic hashtags that come with it on social sources. */
  topics: readonly string[];
  /** Relative share of all brand traffic. */
  weight: number;
}

export const DEMO_BRANDS: readonly BrandProfile[] = Object.freeze([
  {
    id: 'acme',
    names: ['Acme', 'Acme', 'Acme', 'Acme Corp', 'ACME'],
    tags: ['#acme', '@acme'],
    handles: ['acme', 'acmesupport'],
    askAt: ['acmesupport', 'acme'],
    site: 'acme.com',
    products: [
      'rocket skates',
      'anvil',
      'giant magnet',
      'portable hole',
      'pogo stick',
      'catapult kit',
      'spring boots',
      'delivery drone',
      'bird seed subscription',
      'tornado kit',
      'jet sled',
      'gadget catalog app',
      'instant tunnel kit',
      'boomerang set',
    ],
    topics: ['#gadgets', '#diy', '#deliveries', '#shopping'],
    weight: 0.34,
  },
  {
    id: 'globex',
    names: ['Globex', 'Globex', 'Globex Corporation'],
    tags: ['#globex', '@globex'],
    handles: ['globex', 'globexcares'],
    askAt: ['globex'],
    site: 'globex.com',
    products: [
      'thermostat',
      'home hub',
      'mesh router',
      'cloud storage plan',
      'doorbell camera',
      'energy meter',
      'wifi plug',
      'companion app',
      'fibre plan',
      'outdoor camera',
      'moisture sensor',
      'cloud console',
    ],
    topics: ['#smarthome', '#homelab', '#iot', '#cloud'],
    weight: 0.28,
  },
  {
    id: 'initech',
    names: ['Initech', 'Initech', 'Initech'],
    tags: ['#initech', '@initech'],
    handles: [],
    askAt: [],
    site: 'initech.io',
    products: [
      'laser printer',
      'office suite',
      'expense software',
      'print server',
      'label maker',
      'backup service',
      'helpdesk portal',
      'document scanner',
      'timesheet software',
      'cover sheet template',
      'payroll software',
    ],
    topics: ['#printers', '#sysadmin', '#officelife', '#software'],
    weight: 0.21,
  },
  {
    id: 'umbrella',
    // "umbrella" alone is an everyday word the query does not take: always the company's name.
    names: ['Umbrella Corporation', 'Umbrella Corp', 'Umbrella Corp', 'Umbrella Pharmaceuticals'],
    tags: ['#umbrellacorp', '@umbrellacorp'],
    handles: [],
    askAt: [],
    site: 'umbrella.co',
    products: [
      'seasonal vaccine',
      'allergy tablets',
      'nasal spray',
      'vitamin gummies',
      'pharmacy app',
      'muscle rub',
      'travel vaccine',
      'sleep aid',
      'sanitiser gel',
      'first aid kit',
      'contact lens solution',
    ],
    topics: ['#health', '#pharma', '#biotech', '#wellness'],
    weight: 0.17,
  },
]);

/**
 * A profile for a brand the generator has no vocabulary for: its name and accounts, generic
 * products. Texts name it by `name`, so the brand's query must match its name.
 */
export function genericBrandProfile(brand: { id: string; name: string; handles?: readonly string[]; weight?: number }): BrandProfile {
  return {
    id: brand.id,
    names: [brand.name],
    tags: [],
    handles: brand.handles ?? [],
    askAt: brand.handles ?? [],
    site: `${brand.id}.example`,
    products: ['app', 'subscription', 'starter kit', 'service', 'new model', 'online shop', 'support line', 'loyalty card'],
    topics: ['#shopping', '#tech'],
    weight: brand.weight ?? 0.2,
  };
}

export function displayName(brand: BrandProfile): string {
  return brand.names[0] ?? brand.id;
}
