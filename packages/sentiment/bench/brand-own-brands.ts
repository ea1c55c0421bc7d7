// The brands our own brand-directed set is about: the companies and products that 2002 mailing
// lists and feeds talk about. `pattern` finds a mention when choosing items (case-sensitive, so
// "apple" the fruit and "palm" the tree stay out); `terms` are what the scorer is told the brand
// is called, as a brands file would list them.
export interface EvalBrand {
  id: string;
  terms: string[];
  pattern: RegExp;
}

function brand(id: string, terms: string[], pattern: RegExp): EvalBrand {
  return { id, terms, pattern };
}

export const BRANDS: readonly EvalBrand[] = [
  brand('apple', ['Apple'], /\bApple\b/),
  brand('microsoft', ['Microsoft', 'MS', 'MSFT'], /\bMicrosoft\b/),
  brand('google', ['Google'], /\bGoogle\b/),
  brand('redhat', ['Red Hat', 'RedHat', 'Redhat'], /\bRed ?[Hh]at\b/),
  brand('dell', ['Dell'], /\bDell\b/),
  brand('ibm', ['IBM'], /\bIBM\b/),
  brand('yahoo', ['Yahoo'], /\bYahoo\b/),
  brand('amazon', ['Amazon', 'Amazon.com'], /\bAmazon\b/),
  brand('intel', ['Intel'], /\bIntel\b/),
  brand('nokia', ['Nokia'], /\bNokia\b/),
  brand('sony', ['Sony'], /\bSony\b/),
  brand('oracle', ['Oracle'], /\bOracle\b/),
  brand('netscape', ['Netscape'], /\bNetscape\b/),
  brand('aol', ['AOL'], /\bAOL\b/),
  brand('hp', ['HP', 'Hewlett-Packard'], /\b(HP|Hewlett-Packard)\b/),
  brand('sun', ['Sun', 'Sun Microsystems'], /\bSun Microsystems\b|\bSun's\b/),
  brand('ebay', ['eBay'], /\beBay\b/),
  brand('mozilla', ['Mozilla'], /\bMozilla\b/),
  brand('debian', ['Debian'], /\bDebian\b/),
  brand('spamassassin', ['SpamAssassin'], /\bSpamAssassin\b/),
  brand('razor', ['Razor', "Vipul's Razor"], /\bRazor\b/),
  brand('exmh', ['exmh'], /\b[Ee]xmh\b/),
  brand('mandrake', ['Mandrake'], /\bMandrake\b/),
  brand('suse', ['SuSE', 'SUSE'], /\bSu[Ss]E\b/),
  brand('tivo', ['TiVo', 'Tivo'], /\bTi[Vv]o\b/),
  brand('palm', ['Palm'], /\bPalm\b/),
  brand('napster', ['Napster'], /\bNapster\b/),
  brand('adobe', ['Adobe'], /\bAdobe\b/),
  brand('compaq', ['Compaq'], /\bCompaq\b/),
  brand('motorola', ['Motorola'], /\bMotorola\b/),
  brand('verizon', ['Verizon'], /\bVerizon\b/),
  brand('eircom', ['Eircom', 'eircom'], /\b[Ee]ircom\b/),
  brand('disney', ['Disney'], /\bDisney\b/),
  brand('enron', ['Enron'], /\bEnron\b/),
  brand('worldcom', ['WorldCom'], /\bWorldCom\b/),
  brand('linksys', ['Linksys'], /\bLinksys\b/),
  brand('nvidia', ['Nvidia', 'NVidia', 'nVidia', 'NVIDIA'], /\b[Nn][Vv]idia\b|\bNVIDIA\b/),
];
