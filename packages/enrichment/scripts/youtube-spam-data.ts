// Reads the UCI YouTube Spam Collection (../shared/data/youtube-spam, CC BY 4.0) for training and
// measuring the spam scorer. The data stays outside the repository; only the trained weights ship.
// CSV: COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS with quoted fields that hold commas, quotes ("") and
// newlines; CONTENT carries HTML (`<br />`, links) and a trailing U+FEFF, kept as they are so the
// scorer sees what a connector would hand it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LabelledComment {
  video: string;
  id: string;
  author: string;
  text: string;
  spam: boolean;
}

export const YOUTUBE_SPAM_DIR = fileURLToPath(new URL('../../../../shared/data/youtube-spam/', import.meta.url));

/** The videos, in the order the collection numbers them. */
export const VIDEOS = ['Youtube01-Psy', 'Youtube02-KatyPerry', 'Youtube03-LMFAO'] as const;
export type Video = (typeof VIDEOS)[number];

/** Settings and rules tuned on these; the test video was never tuned on. */
export const TRAIN_VIDEOS: readonly Video[] = ['Youtube01-Psy', 'Youtube02-KatyPerry'];
export const TEST_VIDEOS: readonly Video[] = ['Youtube03-LMFAO'];
/**
 * The shipped model learns from every video, once the settings are fixed: what matters is the
 * videos it has not seen, and a third video's spam teaches more than any setting. Its test figure
 * is that of the same training without the test video (the benchmark trains that model and
 * scores the test video with it).
 */
export const SHIPPED_VIDEOS: readonly Video[] = VIDEOS;

export function readVideo(video: Video, dir = YOUTUBE_SPAM_DIR): LabelledComment[] {
  const rows = parseCsv(readFileSync(`${dir}${video}.csv`, 'utf8'));
  const header = rows.shift() ?? [];
  const at = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${video}.csv has no ${name} column`);
    return index;
  };
  const [id, author, content, label] = [at('COMMENT_ID'), at('AUTHOR'), at('CONTENT'), at('CLASS')];
  return rows
    .filter((row) => row.length === header.length)
    .map((row) => ({ video, id: row[id] ?? '', author: row[author] ?? '', text: row[content] ?? '', spam: row[label] === '1' }));
}

export function readVideos(videos: readonly Video[], dir = YOUTUBE_SPAM_DIR): LabelledComment[] {
  return videos.flatMap((video) => readVideo(video, dir));
}

/** RFC 4180: fields separated by commas, quoted fields may hold commas, newlines and "" for a quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
