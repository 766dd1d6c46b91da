import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../electron/core/catalog/validate';
import { penaltyRow } from '../helpers';

describe('multi-code fields', () => {
  it('accept a list, as records.get returns it', () => {
    const r = validateRecord('penalty', penaltyRow({ CF_CFLB: ['警告', '罚款'] }));
    expect(r.errors).toEqual([]);
    expect(r.values.CF_CFLB).toEqual(['警告', '罚款']);
  });

  it('read an old name that itself contains 、 as one code', () => {
    const r = validateRecord('penalty', penaltyRow({ CF_CFLB: '暂扣或者吊销许可证、暂扣或者吊销执照', CF_NR: '吊销营业执照' }));
    expect(r.errors.filter((e) => e.field === 'CF_CFLB')).toEqual([]);
    expect(r.values.CF_CFLB).toContain('吊销许可证件');
  });
});
