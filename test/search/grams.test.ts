/**
 * Name normalisation for search (electron/core/search/grams.ts): the fast path
 * for plain names must give exactly what the full NFKC path gives.
 */
import { describe, expect, it } from 'vitest';
import { bigrams, indexText, matchExpression, normalizeName } from '../../electron/core/search/grams';

const full = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');

describe('normalizeName', () => {
  it('gives the NFKC form for plain, full-width, spaced and punctuated names alike', () => {
    const names = [
      '石家庄市栾城区锦众医药有限公司',
      'ABC科技有限公司',
      'ＡＢＣ科技（石家庄）有限公司',
      '石家庄 市 康行 家具',
      '河北省·张家口市㐀研究所',
      '',
      '１２３４５６',
      'Ⅻ号商店',
      '石家庄市（分公司）',
    ];
    for (const n of names) expect(normalizeName(n), n).toBe(full(n));
  });

  it('random strings from Chinese, Latin, full-width and punctuation characters agree with NFKC', () => {
    const alphabet = ['石', '家', '庄', 'A', 'b', '9', 'Ｃ', '（', ')', ' ', '·', '㐀', '﨑', '\u3000', 'ǅ'];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const n = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(normalizeName(n), JSON.stringify(n)).toBe(full(n));
    }
  });

  it('indexes overlapping bigrams and matches a 2-character query as one phrase', () => {
    expect(bigrams('石家庄市')).toEqual(['石家', '家庄', '庄市']);
    expect(indexText('石家庄（市）')).toBe('石家 家庄 庄市');
    expect(matchExpression('家庄')).toBe('"家庄"');
    expect(matchExpression('家')).toBeNull();
  });
});
