/**
 * The manual as the window shows it: docs/manual/*.md and the pictures the e2e tests
 * made, bundled by `npm run build` (this module is its own chunk, loaded when help
 * first opens) and parsed by the same reader the printed manual uses.
 */
import { parseManual, type Manual } from '../../../electron/contract/manual';

const sources = import.meta.glob('../../../docs/manual/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const pictures = import.meta.glob('../../../docs/manual/images/*.png', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

export const manual: Manual = parseManual(Object.entries(sources).map(([path, text]) => ({ name: path.split('/').pop()!, text })));

/** A picture's URL in the build, by its name (images/<name>.png). */
export function pictureUrl(name: string): string | undefined {
  return pictures[`../../../docs/manual/images/${name}.png`];
}
