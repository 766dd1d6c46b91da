/**
 * compactJson and storedPublication build their JSON by hand (they run for
 * every imported row); these check that the text is exactly what
 * JSON.stringify gives, for ordinary and awkward values.
 */
import { describe, expect, it } from 'vitest';
import { computePublication, type PublicationClock } from '../../electron/core/catalog/publication';
import type { RecordValues } from '../../electron/core/catalog/types';
import { compactJson, storedPublication } from '../../electron/core/records/service';

const withoutEmpty = (v: RecordValues) =>
  JSON.stringify(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== '' && !(Array.isArray(x) && x.length === 0))));

describe('compactJson', () => {
  it('equals JSON.stringify of the non-empty fields, in field order', () => {
    const values: RecordValues = {
      CF_XDR_MC: '石家庄市某某商贸有限公司',
      CF_XDR_ZJHM: '',
      CF_CFLB: ['罚款', '没收违法所得'],
      CF_YJ: null,
      CF_WSH: '石市监罚〔2025〕12号',
      CF_BZ: [],
      CF_NR_FK: '4.07',
    };
    expect(compactJson(values)).toBe(withoutEmpty(values));
    expect(JSON.parse(compactJson(values))).toEqual({ CF_XDR_MC: values.CF_XDR_MC, CF_CFLB: values.CF_CFLB, CF_WSH: values.CF_WSH, CF_NR_FK: '4.07' });
  });

  it('escapes what JSON must escape: quotes, backslashes, control characters, lone surrogates', () => {
    const awkward = ['他说"停业"', 'C:\\目录', '第一行\n第二行\t制表', '\u0000\u001f', '\ud800孤', '孤\udc00', '😀 表情', '\u2028', 'a\u007fb'];
    for (const s of awkward) {
      const values: RecordValues = { CF_SY: s, CF_CFLB: [s, '罚款'] };
      expect(compactJson(values)).toBe(JSON.stringify(values));
      expect(JSON.parse(compactJson(values))).toEqual(values);
    }
  });

  it('gives {} when every field is empty', () => {
    expect(compactJson({ A: '', B: null, C: [] })).toBe('{}');
    expect(compactJson({})).toBe('{}');
  });
});

describe('storedPublication', () => {
  const stringified = (c: PublicationClock) => {
    const { reasons: _reasons, ...rest } = c;
    return JSON.stringify(rest);
  };

  it('equals JSON.stringify of the clock without its reasons', () => {
    const plain = computePublication({ decisionDate: '2025-05-12', kinds: ['罚款'], fineWanYuan: '4.07', subjectType: '法人及非法人组织' });
    expect(plain.reasons.length).toBeGreaterThan(0);
    expect(storedPublication(plain)).toBe(stringified(plain));
    const overridden = computePublication({
      decisionDate: '2024-02-29',
      kinds: ['警告'],
      override: { class: '严重', reason: '情节"恶劣"\\ 经集体讨论\n改为严重' },
    });
    expect(overridden.overrideReason).toBeDefined();
    expect(storedPublication(overridden)).toBe(stringified(overridden));
    const special = computePublication({ decisionDate: '2025-05-12', kinds: ['罚款'], fineWanYuan: '4.07', specialField: 'fire-safety' });
    expect(special.specialField).toBeDefined();
    expect(storedPublication(special)).toBe(stringified(special));
    expect(JSON.parse(storedPublication(overridden)!).overrideReason).toBe('情节"恶劣"\\ 经集体讨论\n改为严重');
  });

  it('keeps every property of the clock but its reasons', () => {
    const clock = computePublication({ decisionDate: '2025-01-03', kinds: ['罚款'], fineWanYuan: '50' });
    const stored = JSON.parse(storedPublication(clock)!) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(Object.keys(clock).filter((k) => k !== 'reasons').sort());
  });

  it('is null without a clock', () => {
    expect(storedPublication(null)).toBeNull();
    expect(storedPublication(undefined)).toBeNull();
  });
});
