/**
 * The fine of a 行政处罚 read from its 处罚结果 text, for layouts without an amount
 * column (the 2016 standard): “罚款人民币5000元”, “处以罚款0.5万元”, “处5000元罚款”,
 * “罚款人民币伍仟元整”. Strict by design: the text must name exactly one amount
 * next to the word 罚款; anything else (no amount, two different amounts, a
 * Chinese numeral that is not written the usual way) gives null, and the row is
 * refused with that reason rather than imported with a guess.
 *
 * Chinese numerals are decoded by nzh and accepted only when nzh writes the
 * number back the same way (“一万五” is 15,000 to a person and 10,005 to a
 * parser: refused).
 */
import type NzhType from 'nzh';
import { lazyRequire } from '../../lazy';

/** Loaded at the first numeral read (an import of an older layout), not with the core. */
const nzh = lazyRequire<typeof NzhType>('nzh');

const FULL_WIDTH = /[０-９．，]/g;
const fromFullWidth = (s: string) => s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

const NUMBER = '([0-9][0-9,]*(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬]+)';
/** 罚款 … amount … 元, or 处(以) … amount … 元罚款. */
const PATTERNS = [
  new RegExp(`罚款(?:人民币|金额|共计|合计|计|为|：|:|¥|￥)*${NUMBER}(万)?元`, 'g'),
  new RegExp(`处(?:以)?(?:人民币|¥|￥)?${NUMBER}(万)?元(?:的)?罚款`, 'g'),
];

const UPPER = '壹贰叁肆伍陆柒捌玖拾佰仟萬两〇';
const LOWER = '一二三四五六七八九十百千万二零';
const toLower = (s: string) => s.replace(/[壹贰叁肆伍陆柒捌玖拾佰仟萬两〇]/g, (ch) => LOWER[UPPER.indexOf(ch)]);

/** A Chinese numeral as a plain decimal string, or null when it is not written the usual way. */
export function chineseNumeral(text: string): string | null {
  const lower = toLower(text);
  if (!/^[零一二三四五六七八九十百千万亿]+$/.test(lower)) return null;
  const decoded = nzh().cn.decodeS(lower);
  const n = Number(decoded);
  if (!Number.isFinite(n) || n <= 0) return null;
  const back = [nzh().cn.encodeS(decoded), nzh().cn.encodeS(decoded, { tenMin: false })];
  return back.includes(lower) ? String(decoded) : null;
}

/** Moves a decimal string's point `places` to the left: yuan → 万元 (`5000` → `0.5`). */
export function shiftLeft(decimal: string, places: number): string {
  const [whole, fraction = ''] = decimal.split('.');
  const digits = whole.replace(/^0+(?=\d)/, '').padStart(places + 1, '0');
  const head = digits.slice(0, digits.length - places);
  const tail = (digits.slice(digits.length - places) + fraction).replace(/0+$/, '');
  return tail ? `${head}.${tail}` : head;
}

/** The single fine named in the text, in 万元 as a decimal string, or null. */
export function fineFromText(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.includes('罚')) return null;
  const text = fromFullWidth(raw).replace(/[\s\u3000]+/g, '');
  const found = new Set<string>();
  for (const pattern of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const amount = /^[0-9]/.test(m[1]) ? m[1].replace(/,/g, '') : chineseNumeral(m[1]);
      if (amount === null) return null;
      const wan = m[2] === '万' ? amount : shiftLeft(amount, 4);
      if (!/^\d+(\.\d+)?$/.test(wan) || Number(wan) === 0) return null;
      found.add(wan.includes('.') ? wan.replace(/0+$/, '').replace(/\.$/, '') : wan.replace(/^0+(?=\d)/, ''));
    }
  }
  return found.size === 1 ? [...found][0] : null;
}
