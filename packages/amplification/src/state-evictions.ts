// What the engine forgot, or judged early, to stay within its limits (EngineLimits): each count is
// a place where the alerts may differ from what unbounded memory would give (docs/architecture.md,
// "Bounded detector state"). Counted per engine since it was made, replays included: a worker that
// rebuilds a partition's state from a snapshot counts the evictions of the replayed records again.
export interface StateEvictions {
  /** Authors forgotten past maxAuthorsPerBrand, least recently seen first. */
  authors: number;
  /** Texts dropped from the copy index past maxCopyGroupsPerBrand, oldest judged first. */
  copyTexts: number;
  /** Copy groups forgotten past maxCopyGroupsPerBrand, oldest made first. */
  copyGroups: number;
  /** Posts no longer followed for virality past maxPostsPerBrand, least engaged first (not those past the post horizon). */
  posts: number;
  /** Waiting mentions judged before their brand's watermark because more than maxPendingPerBrand waited. */
  pendingJudgedEarly: number;
  /** Questions not followed because maxOpenQuestions were open. */
  questionsRefused: number;
  /** Mentions of a window whose author was not tracked for the per-author cap (maxWindowAuthors distinct authors were). */
  windowAuthorsUntracked: number;
}

export type StateMemory = keyof StateEvictions;

export function newStateEvictions(): StateEvictions {
  return { authors: 0, copyTexts: 0, copyGroups: 0, posts: 0, pendingJudgedEarly: 0, questionsRefused: 0, windowAuthorsUntracked: 0 };
}
