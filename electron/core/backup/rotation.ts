/**
 * Which backups a folder keeps: the newest of each of the last 7 days that have
 * one, of the last 4 weeks and of the last 12 months (China Standard Time), and
 * always the newest of all. Everything else of ours in the folder is removed
 * after a successful backup; files that are not our backups are never touched.
 */
export interface Rotation {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_ROTATION: Rotation = { daily: 7, weekly: 4, monthly: 12 };

const CST = 8 * 3600_000;

function cstParts(iso: string): { day: string; month: string; week: string } {
  const t = new Date(Date.parse(iso) + CST);
  const day = t.toISOString().slice(0, 10);
  const weekday = (t.getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(t.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
  return { day, month: day.slice(0, 7), week: monday };
}

/** The names to keep, of backups given with their creation time. */
export function backupsToKeep(backups: readonly { name: string; createdAt: string }[], rotation: Rotation = DEFAULT_ROTATION): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  const pick = (period: 'day' | 'week' | 'month', count: number) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const key = cstParts(b.createdAt)[period];
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(b.name);
    }
  };
  pick('day', rotation.daily);
  pick('week', rotation.weekly);
  pick('month', rotation.monthly);
  return keep;
}
