// How a reply names the post it answers, shared by the enricher (threads) and the amplification
// engine (a post's replies). A connector gives the parent as the source's own id, and the same
// conversation often crosses sources: a forum comment on a blog post, a microblog reply to a
// video, each naming its parent by URL. So a parent is looked up by pipeline id in the reply's own
// source, by pipeline id as given, and by normalised URL.

/** Query parameters that only say where a click came from. */
const TRACKING_PARAMS = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|si|igshid|s)$/i;

/** A URL reduced to what names the page: no scheme, "www.", fragment, tracking parameters or trailing slash; host lower-cased. */
export function normaliseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const kept = [...url.searchParams.entries()].filter(([name]) => !TRACKING_PARAMS.test(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = kept.length === 0 ? '' : `?${new URLSearchParams(kept).toString()}`;
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${url.port ? `:${url.port}` : ''}${path}${query}`;
}

/** Candidate keys for a reply's parent, most specific first. */
export function parentCandidates(source: string, parentId: string): { ids: string[]; url: string | null } {
  const ids = [`${source}:${parentId}`];
  if (/^[a-z][\w.-]*:[^/]/i.test(parentId)) ids.push(parentId);
  return { ids, url: /^https?:\/\//i.test(parentId) ? normaliseUrl(parentId) : null };
}

/** Keys under which a reply's parent may be known (see postKeys), most specific first. */
export function parentKeys(source: string, parentId: string): string[] {
  const { ids, url } = parentCandidates(source, parentId);
  return url === null ? ids : [...ids, `url:${url}`];
}

/**
 * The normalised URL a post is known by as a parent, or null. A URL with a fragment names a part
 * of a page — a blog comment is "<post>#comment-5" — not the page: normalised, it would be the
 * post's own, and the comment would be taken for the post.
 */
export function postUrl(url: string | null): string | null {
  if (url === null || /#./.test(url)) return null;
  return normaliseUrl(url);
}

/** The keys a post answers to as a parent: its pipeline id, and its normalised URL when it has one. */
export function postKeys(post: { id: string; url: string | null }): string[] {
  const url = postUrl(post.url);
  return url === null ? [post.id] : [post.id, `url:${url}`];
}
