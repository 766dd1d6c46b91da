import { demoRows, demoSubject, demoRowValues } from '../../electron/core/demo/records';
import { validateRecord } from '../../electron/core/catalog/validate';
import { getCompiledCategory } from '../../electron/core/catalog/registry';
import { normaliseDecisionNumber } from '../../electron/core/catalog/records';
const N = Number(process.argv[2] ?? 100000);
const t0 = performance.now();
let bad = 0; const warn = new Map<string, number>();
const keys = new Set<string>(); let dup = 0;
const codeName = new Map<string, string>(); let conflicts = 0;
const cats: Record<string, number> = {}; const states: Record<string, number> = {};
let i = 0;
for (const row of demoRows({ count: N, today: '2026-11-27' })) {
  const c = getCompiledCategory(row.category);
  const r = validateRecord(c, row.cells, { today: '2026-11-27' });
  if (!r.ok) { if (bad++ < 5) console.log(row, r.errors); }
  for (const w of r.warnings) warn.set(w.code + ':' + w.field, (warn.get(w.code + ':' + w.field) ?? 0) + 1);
  const s = c.def.subject;
  const code = (r.values[s.uscc] ?? r.values[s.idNumber]) as string;
  const name = r.values[s.name] as string;
  if (codeName.has(code) && codeName.get(code) !== name) conflicts++;
  codeName.set(code, name);
  const k = `${row.category}|${normaliseDecisionNumber(r.values[c.def.decisionNumberField] as string)}|${code}`;
  if (keys.has(k)) dup++; keys.add(k);
  cats[row.category] = (cats[row.category] ?? 0) + 1; states[row.state] = (states[row.state] ?? 0) + 1;
  if (i++ < 8) console.log(row.category, row.state, JSON.stringify(demoRowValues(row)).slice(0, 400));
}
console.log({ N, ms: performance.now() - t0, bad, dup, conflicts, subjects: codeName.size, cats, states, warn });
for (let k = 0; k < 0; k++) console.log(demoSubject(20260401, k));
