import { DatePicker, Input, Select, Space } from 'antd';
import { useState } from 'react';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type { CatalogCodeList, CatalogField, FieldValue } from '../../../../electron/contract';

dayjs.extend(customParseFormat);

const DETAIL_SEPARATOR = '-';

function DateInput({ value, onChange, id, disabled }: { value: string | null; onChange: (v: string | null) => void; id?: string; disabled?: boolean }) {
  const parsed = value ? dayjs(value, 'YYYY-MM-DD', true) : null;
  const real = parsed !== null && parsed.isValid();
  return (
    <DatePicker
      id={id}
      disabled={disabled}
      format="YYYY-MM-DD"
      value={real ? parsed : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      // The picker forgets typed text that is not a real date (2026-02-30); the form keeps it,
      // so the check says "不是真实存在的日期" instead of "必填".
      onBlur={(e) => {
        const typed = (e.target as HTMLInputElement).value.trim();
        if (typed && !dayjs(typed, ['YYYY-MM-DD', 'YYYY/MM/DD'], true).isValid() && typed !== value) onChange(typed);
      }}
      style={{ width: '100%' }}
      // A stored value that is not a real date (a draft's 2026-02-30) is kept visible, not rolled over.
      placeholder={value && !real ? value : 'YYYY-MM-DD'}
      className={value && !real ? 'date-not-real' : undefined}
    />
  );
}

/** A code list as a Select; an item that takes a detail (`其他-…`) gets a text box beside it. */
function CodeInput({
  list,
  value,
  onChange,
  id,
  disabled,
  maxLength,
}: {
  list: CatalogCodeList | undefined;
  value: string | null;
  onChange: (v: string | null) => void;
  id?: string;
  disabled?: boolean;
  maxLength?: number;
}) {
  const items = list?.items ?? [];
  const detailItem = items.find((i) => i.detail && value !== null && (value === i.value || value.startsWith(i.value + DETAIL_SEPARATOR)));
  const base = detailItem ? detailItem.value : value;
  const detail = detailItem && value && value.length > detailItem.value.length ? value.slice(detailItem.value.length + 1) : '';
  const select = (
    <Select<string>
      id={id}
      disabled={disabled}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={base ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      options={[
        ...items.map((i) => ({ value: i.value, label: i.label === i.value ? i.value : `${i.label}（${i.value}）` })),
        // A stored value the list does not know (an older import) stays visible so it can be corrected.
        ...(base && !items.some((i) => i.value === base) ? [{ value: base, label: base }] : []),
      ]}
      style={{ width: detailItem ? '40%' : '100%' }}
    />
  );
  if (!detailItem) return select;
  return (
    <Space.Compact style={{ width: '100%' }}>
      {select}
      <Input
        disabled={disabled}
        value={detail}
        maxLength={maxLength ? Math.max(1, maxLength - detailItem.value.length - 1) : undefined}
        onChange={(e) => onChange(e.target.value ? `${detailItem.value}${DETAIL_SEPARATOR}${e.target.value}` : detailItem.value)}
        aria-label={detailItem.value}
        style={{ width: '60%' }}
      />
    </Space.Compact>
  );
}

function MultiCodeInput({
  list,
  value,
  onChange,
  id,
  disabled,
}: {
  list: CatalogCodeList | undefined;
  value: string[] | null;
  onChange: (v: string[] | null) => void;
  id?: string;
  disabled?: boolean;
}) {
  const items = list?.items ?? [];
  const current = value ?? [];
  // Lists with a detail item (其他-…) take typed values too.
  const free = items.some((i) => i.detail);
  const [open, setOpen] = useState(false);
  return (
    // Tab leaves the field: the list stays open after Enter (to pick more), and its own Tab
    // would toggle the highlighted item — taking 罚款 off again — and keep the focus (issue 19, item 9).
    <span
      style={{ display: 'block' }}
      onKeyDownCapture={(e) => {
        if (e.key === 'Tab' && open) {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
    <Select<string[]>
      id={id}
      disabled={disabled}
      open={open}
      onOpenChange={setOpen}
      mode={free ? 'tags' : 'multiple'}
      allowClear
      tokenSeparators={[';', '；', '、']}
      value={current}
      onChange={(v) => onChange(v.length ? v : null)}
      options={[
        ...items.map((i) => ({ value: i.value, label: i.label })),
        ...current.filter((v) => !items.some((i) => i.value === v)).map((v) => ({ value: v, label: v })),
      ]}
      style={{ width: '100%' }}
    />
    </span>
  );
}

const asText = (v: FieldValue | undefined): string | null => (v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : v);
const asList = (v: FieldValue | undefined): string[] | null => (v === null || v === undefined || v === '' ? null : Array.isArray(v) ? v : v.split(/[;；、]/).filter(Boolean));

/** One catalogue field as the input its kind calls for; the value is always a string, a list or null. */
export function RecordFieldInput({
  field,
  codeList,
  value,
  onChange,
  id,
  disabled,
}: {
  field: CatalogField;
  codeList?: CatalogCodeList;
  value?: FieldValue;
  onChange?: (v: FieldValue) => void;
  id?: string;
  disabled?: boolean;
}) {
  const set = (v: FieldValue) => onChange?.(v);
  const text = (e: { target: { value: string } }) => set(e.target.value === '' ? null : e.target.value);
  switch (field.kind) {
    case 'date':
      return <DateInput id={id} disabled={disabled} value={asText(value)} onChange={set} />;
    case 'code':
      return <CodeInput id={id} disabled={disabled} list={codeList} value={asText(value)} onChange={set} maxLength={field.maxLength} />;
    case 'multi-code':
      return <MultiCodeInput id={id} disabled={disabled} list={codeList} value={asList(value)} onChange={set} />;
    case 'decimal':
      return (
        <Input
          id={id}
          disabled={disabled}
          inputMode="decimal"
          value={asText(value) ?? ''}
          onChange={text}
          suffix={field.unit ? <span className="field-unit">{field.unit}</span> : undefined}
        />
      );
    case 'uscc':
      return (
        <Input
          id={id}
          disabled={disabled}
          className="mono"
          maxLength={18}
          value={asText(value) ?? ''}
          onChange={(e) => set(e.target.value === '' ? null : e.target.value.toUpperCase().replace(/\s/g, ''))}
        />
      );
    case 'idnumber':
      return <Input id={id} disabled={disabled} className="mono" maxLength={field.maxLength} value={asText(value) ?? ''} onChange={text} autoComplete="off" />;
    default:
      if ((field.maxLength ?? 0) > 200) {
        return (
          <Input.TextArea
            id={id}
            disabled={disabled}
            value={asText(value) ?? ''}
            onChange={text}
            maxLength={field.maxLength}
            autoSize={{ minRows: 2, maxRows: 8 }}
          />
        );
      }
      return <Input id={id} disabled={disabled} value={asText(value) ?? ''} onChange={text} maxLength={field.maxLength} />;
  }
}

/** Long text fields take the full width of the form. */
export function isWide(field: CatalogField): boolean {
  return field.kind === 'text' && (field.maxLength ?? 0) > 200;
}
