import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, LoadingOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Result, Row, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CatalogCategory, CatalogCodeList, CatalogField, FieldValue, FieldValues, Issue, RecordDetail, ValidationView } from '../../../../electron/contract';
import { call, isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListHitAlert } from '../../components/ListHits';
import { PageTitle } from '../../components/PageTitle';
import { RecordPublication } from '../../components/RecordPublication';
import { RecordStateTag } from '../../components/RecordStateTag';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { categoryName, fieldLabel, useCatalog } from './catalog';
import { isWide, RecordFieldInput } from './RecordFieldInput';

export type FormMode = { kind: 'new'; category: string } | { kind: 'edit'; recordId: number };

const VALIDATE_DELAY_MS = 400;
/** Recorded in the audit trail as the reason for showing personal data (in the department's language). */
const UNMASK_REASON_EDIT = '修改记录';
const CLASSES = ['轻微', '一般', '严重'] as const;
type PublicationClass = (typeof CLASSES)[number];

interface OverrideDraft {
  code: string;
  on: boolean;
  reason: string;
}

/** The form's values as the contract takes them: empty → null; code lists joined with `;` (the core reads that form). */
function toContract(def: CatalogCategory, raw: Record<string, unknown>): FieldValues {
  const out: FieldValues = {};
  for (const f of def.fields) {
    const v = raw[f.code] as FieldValue | undefined;
    if (v === undefined || v === null) out[f.code] = null;
    else if (Array.isArray(v)) out[f.code] = v.length ? v.join(';') : null;
    else {
      const s = String(v).trim();
      out[f.code] = s === '' ? null : s;
    }
  }
  return out;
}

/** “处罚决定日期”（CF_JDRQ）不是真实存在的日期 → 不是真实存在的日期 (the field's own label is right above it). */
function withoutLabel(message: string, field: CatalogField): string {
  const prefix = `“${field.label}”（${field.code}）`;
  return message.startsWith(prefix) ? message.slice(prefix.length).replace(/^[：:，,\s]+/, '') : message;
}

function FieldHint({ field }: { field: CatalogField }) {
  const { t } = useI18n();
  if (field.required !== 'conditional' || !field.requiredWhen) return null;
  return <span className="field-required-when">{t('records.form.requiredWhen', { when: field.requiredWhen })}</span>;
}

interface EditorProps {
  def: CatalogCategory;
  codeLists: CatalogCodeList[];
  record: RecordDetail | null;
  /** Personal fields shown in clear for the edit (unmasked, audited). */
  unmasked: boolean;
  onReload: () => void;
}

function Editor({ def, codeLists, record, unmasked, onReload }: EditorProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const isApprover = user?.roles.includes('approver') ?? false;
  const [form] = Form.useForm();
  const editing = record !== null;
  const [tick, setTick] = useState(editing ? 1 : 0);
  const [validation, setValidation] = useState<ValidationView | null>(null);
  const [validating, setValidating] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(editing);
  const [overrides, setOverrides] = useState<Record<string, OverrideDraft>>(() =>
    Object.fromEntries((record?.overrides ?? []).map((o) => [o.field, { code: o.code, on: true, reason: o.reason }])),
  );
  const [pubOverride, setPubOverride] = useState<{ on: boolean; class: PublicationClass | undefined; reason: string }>(() => ({
    on: Boolean(record?.publication?.overrideReason),
    class: (record?.publication?.overrideReason ? record.publication.class : undefined) as PublicationClass | undefined,
    reason: record?.publication?.overrideReason ?? '',
  }));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [saving, setSaving] = useState<'draft' | 'submit' | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const seq = useRef(0);

  const overrideList = useMemo(
    () =>
      Object.entries(overrides)
        .filter(([, o]) => o.on && o.reason.trim().length >= 4)
        .map(([field, o]) => ({ field, code: o.code, reason: o.reason.trim() })),
    [overrides],
  );
  const publicationOverride =
    pubOverride.on && pubOverride.class && pubOverride.reason.trim().length >= 4 ? { class: pubOverride.class, reason: pubOverride.reason.trim() } : null;
  const overridesKey = JSON.stringify([overrideList, publicationOverride]);

  // Inline validation: the core checks the whole record a moment after the last change.
  useEffect(() => {
    if (tick === 0) return undefined;
    const timer = window.setTimeout(() => {
      const id = ++seq.current;
      setValidating(true);
      const [o, p] = JSON.parse(overridesKey) as [typeof overrideList, typeof publicationOverride];
      call('records.validate', {
        category: def.key,
        values: toContract(def, form.getFieldsValue(true) as Record<string, unknown>),
        overrides: o,
        publicationOverride: p,
      }).then(
        (v) => {
          if (id !== seq.current) return;
          setValidation(v);
          setValidating(false);
        },
        () => {
          if (id === seq.current) setValidating(false);
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [tick, overridesKey, def, form]);

  const known = new Set(def.fields.map((f) => f.code));
  const errorsOf = (code: string) => (validation?.errors ?? []).filter((e) => e.field === code);
  const warningsOf = (code: string) => (validation?.warnings ?? []).filter((e) => e.field === code);
  const visible = (code: string) => showAll || touched.has(code);
  const errorCount = validation?.errors.length ?? 0;

  const save = async (kind: 'draft' | 'submit') => {
    if (editing && reason.trim().length < 2) {
      setReasonError(true);
      setShowAll(true);
      return;
    }
    setSaving(kind);
    setSaveError(null);
    const values = toContract(def, form.getFieldsValue(true) as Record<string, unknown>);
    try {
      let recordId: number;
      if (record) {
        const r = await call('records.update', {
          recordId: record.recordId,
          baseVersion: record.version,
          values,
          reason: reason.trim(),
          submit: kind === 'submit',
          overrides: overrideList,
          publicationOverride,
        });
        recordId = r.recordId;
        message.success(r.changed ? t('records.form.updated', { version: r.version }) : t('records.form.unchanged'));
      } else {
        const r = await call('records.create', { category: def.key, values, draft: kind === 'draft', overrides: overrideList, publicationOverride });
        recordId = r.recordId;
        message.success(kind === 'draft' ? t('records.form.savedDraft') : t('records.form.savedPending'));
      }
      navigate('records', def.key, 'all', String(recordId));
    } catch (err) {
      if (isApiError(err, 'INVALID_RECORD')) {
        const errors = ((err.details as { errors?: Issue[] } | undefined)?.errors ?? []) as Issue[];
        setValidation((v) => ({ ok: false, values: v?.values ?? {}, warnings: v?.warnings ?? [], publication: null, errors }));
        setShowAll(true);
        const first = errors.find((e) => known.has(e.field));
        if (first) form.scrollToField(first.field, { block: 'center' });
      }
      setSaveError(err);
    } finally {
      setSaving(null);
    }
  };

  const renderField = (f: CatalogField) => {
    const errs = visible(f.code) ? errorsOf(f.code) : [];
    const warns = visible(f.code) ? warningsOf(f.code) : [];
    const overridable = errorsOf(f.code).find((e) => e.overridable);
    const override = overrides[f.code];
    const showOverride = isApprover && (overridable || override);
    const issues = errs.length ? errs : warns;
    const help =
      issues.length > 0 ? (
        <div data-testid={`field-issue-${f.code}`}>
          {issues.map((e) => (
            <div key={`${e.code}:${e.message}`}>{withoutLabel(e.message, f)}</div>
          ))}
        </div>
      ) : undefined;
    return (
      <Col key={f.code} xs={24} xl={isWide(f) ? 24 : 12}>
        <Form.Item
          name={f.code}
          label={fieldLabel(f, locale, f.code)}
          required={f.required === 'always'}
          tooltip={f.help ? `${f.help}（${f.code}）` : undefined}
          validateStatus={errs.length ? 'error' : warns.length ? 'warning' : undefined}
          help={help}
          extra={f.required === 'conditional' && f.requiredWhen ? <FieldHint field={f} /> : undefined}
          data-field={f.code}
        >
          <RecordFieldInput field={f} codeList={f.codeList ? codeLists.find((l) => l.key === f.codeList) : undefined} />
        </Form.Item>
        {showOverride && (
          <div className="record-override" data-testid={`override-${f.code}`}>
            <Checkbox
              checked={override?.on ?? false}
              onChange={(e) =>
                setOverrides((all) => ({
                  ...all,
                  [f.code]: { code: override?.code ?? overridable?.code ?? '', reason: override?.reason ?? '', on: e.target.checked },
                }))
              }
            >
              {t('records.override.accept')}
            </Checkbox>
            {override?.on && (
              <Input
                value={override.reason}
                placeholder={t('records.override.placeholder')}
                aria-label={t('records.override.reason')}
                onChange={(e) => setOverrides((all) => ({ ...all, [f.code]: { ...all[f.code], reason: e.target.value } }))}
                status={override.reason.trim().length > 0 && override.reason.trim().length < 4 ? 'error' : undefined}
                style={{ marginTop: 6 }}
              />
            )}
          </div>
        )}
      </Col>
    );
  };

  // The identity block (up to the subject's ID number) and the record's own fields.
  const split = Math.max(0, def.fields.findIndex((f) => f.code === def.subject.idNumber)) + 1;
  const groups = [
    { key: 'subject', title: t('records.form.group.subject'), fields: def.fields.slice(0, split) },
    { key: 'content', title: t('records.form.group.content'), fields: def.fields.slice(split) },
  ];
  const draftRecord = !record || record.state === 'draft';

  return (
    <Row gutter={24} align="top">
      <Col xs={24} lg={16}>
        {unmasked && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('records.form.unmasked')} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={record?.fields ?? {}}
          onValuesChange={(changed: Record<string, unknown>) => {
            setTouched((prev) => new Set([...prev, ...Object.keys(changed)]));
            setTick((n) => n + 1);
          }}
          data-testid="record-form"
          className="record-form"
        >
          {groups.map((g) => (
            <Card key={g.key} size="small" title={g.title} style={{ marginBottom: 16 }}>
              <Row gutter={16}>{g.fields.map(renderField)}</Row>
            </Card>
          ))}
        </Form>
      </Col>
      <Col xs={24} lg={8}>
        <div className="record-form-side">
          <Card size="small" title={editing ? t('records.form.saveEdit') : t('records.form.save')} data-testid="record-save" style={{ marginBottom: 16 }}>
            {editing && (
              <Form layout="vertical" component="div">
                <Form.Item
                  label={t('records.form.reason')}
                  required
                  validateStatus={reasonError && reason.trim().length < 2 ? 'error' : undefined}
                  help={reasonError && reason.trim().length < 2 ? t('records.reason.required') : undefined}
                  htmlFor="record-edit-reason"
                >
                  <Input.TextArea
                    id="record-edit-reason"
                    value={reason}
                    maxLength={500}
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    placeholder={t('records.form.reasonPlaceholder')}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </Form.Item>
              </Form>
            )}
            {saveError !== null && <SaveProblem error={saveError} category={def.key} onReload={onReload} />}
            <Flex gap={8} wrap>
              {draftRecord && (
                <Button loading={saving === 'draft'} disabled={saving !== null} onClick={() => void save('draft')}>
                  {t('records.form.saveDraft')}
                </Button>
              )}
              <Button type="primary" loading={saving === 'submit'} disabled={saving !== null} onClick={() => void save('submit')}>
                {draftRecord ? t('records.form.savePending') : t('records.form.saveCorrection')}
              </Button>
              <Button onClick={() => window.history.back()} disabled={saving !== null}>
                {t('common.cancel')}
              </Button>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
              {draftRecord ? t('records.form.saveExplain') : t('records.form.saveCorrectionExplain')}
            </Typography.Paragraph>
          </Card>
          {validation?.listHits && <ListHitAlert hits={validation.listHits} />}
          <Card size="small" title={t('records.form.check')} style={{ marginBottom: 16 }} data-testid="validation-summary">
            {!validation ? (
              <Typography.Text type="secondary">{validating ? <LoadingOutlined /> : t('records.form.checkHint')}</Typography.Text>
            ) : errorCount === 0 ? (
              <Typography.Text type="success">
                <CheckCircleFilled /> {t('records.form.checkOk')} {validating && <LoadingOutlined />}
              </Typography.Text>
            ) : (
              <>
                <Typography.Text type="danger">
                  <CloseCircleFilled /> {t('records.form.checkErrors', { n: errorCount })} {validating && <LoadingOutlined />}
                </Typography.Text>
                <ul className="record-form-issues record-form-scroll">
                  {validation.errors.map((e) => (
                    <li key={`${e.field}:${e.code}`}>
                      {known.has(e.field) ? (
                        <Typography.Link
                          onClick={() => {
                            setShowAll(true);
                            form.scrollToField(e.field, { block: 'center', focus: true });
                          }}
                        >
                          {e.message}
                        </Typography.Link>
                      ) : (
                        e.message
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {(validation?.warnings.length ?? 0) > 0 && (
              <ul className="record-form-issues record-form-warnings">
                {validation!.warnings
                  .filter((w) => w.code !== 'required')
                  .map((w) => (
                    <li key={`w:${w.field}:${w.code}`}>
                      <Typography.Text type="warning">{w.message}</Typography.Text>
                    </li>
                  ))}
              </ul>
            )}
          </Card>
          {def.hasPublication && (
            <Card size="small" title={t('records.pub.title')} style={{ marginBottom: 16 }}>
              {validation?.publication ? (
                <RecordPublication publication={validation.publication} />
              ) : (
                <Typography.Text type="secondary">{t('records.pub.pending')}</Typography.Text>
              )}
              <div style={{ marginTop: 12 }}>
                <Checkbox checked={pubOverride.on} onChange={(e) => setPubOverride((p) => ({ ...p, on: e.target.checked }))}>
                  {t('records.pub.override')}
                </Checkbox>
                {pubOverride.on && (
                  <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
                    <Select<PublicationClass>
                      value={pubOverride.class}
                      placeholder={t('records.pub.class')}
                      aria-label={t('records.pub.class')}
                      onChange={(v) => setPubOverride((p) => ({ ...p, class: v }))}
                      options={CLASSES.map((c) => ({ value: c, label: c }))}
                      style={{ width: '100%' }}
                    />
                    <Input
                      value={pubOverride.reason}
                      placeholder={t('records.pub.overridePlaceholder')}
                      aria-label={t('records.pub.overrideReasonLabel')}
                      onChange={(e) => setPubOverride((p) => ({ ...p, reason: e.target.value }))}
                    />
                  </Space>
                )}
              </div>
            </Card>
          )}
        </div>
      </Col>
    </Row>
  );
}

/** Why a save failed, with the way out: a duplicate's existing record, a reload after a conflict. */
function SaveProblem({ error, category, onReload }: { error: unknown; category: string; onReload: () => void }) {
  const { t, errorText } = useI18n();
  if (isApiError(error, 'CONFLICT')) {
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('records.form.conflict')}
        action={
          <Button size="small" icon={<ReloadOutlined />} onClick={onReload}>
            {t('records.form.reload')}
          </Button>
        }
        data-testid="save-conflict"
      />
    );
  }
  if (isApiError(error, 'DUPLICATE')) {
    const existing = (error.details as { recordId?: number } | undefined)?.recordId;
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={error.message}
        action={
          existing ? (
            <Button size="small" onClick={() => navigate('records', category, 'all', String(existing))}>
              {t('records.form.openExisting')}
            </Button>
          ) : undefined
        }
        data-testid="save-duplicate"
      />
    );
  }
  return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errorText(error)} data-testid="save-error" />;
}

/** Loads what the form needs: the catalogue, and for a correction the record with its personal data in clear. */
export function RecordForm({ mode }: { mode: FormMode }) {
  const { t, locale } = useI18n();
  const { may } = useSession();
  const catalog = useCatalog();
  const [loaded, setLoaded] = useState<{ record: RecordDetail; unmasked: boolean } | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const recordId = mode.kind === 'edit' ? mode.recordId : null;
  const mayUnmask = may('records.unmask');
  const mayEdit = may('records.update');

  useEffect(() => {
    if (recordId === null || !mayEdit) return undefined;
    let live = true;
    setLoaded(null);
    setLoadError(null);
    (async () => {
      const record = await call('records.get', { recordId });
      let unmasked = false;
      // A correction sends every field back: personal fields must be in clear (records.unmask, audited).
      if (record.masked.length > 0 && mayUnmask) {
        const { fields } = await call('records.unmask', { recordId, reason: UNMASK_REASON_EDIT });
        record.fields = { ...record.fields, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) };
        unmasked = true;
      }
      return { record, unmasked };
    })().then(
      (r) => live && setLoaded(r),
      (err: unknown) => live && setLoadError(err),
    );
    return () => {
      live = false;
    };
  }, [recordId, nonce, mayUnmask, mayEdit]);

  const allowed = may(mode.kind === 'new' ? 'records.create' : 'records.update');
  const categoryKey = mode.kind === 'new' ? mode.category : loaded?.record.category;
  const def = catalog.data?.categories.find((c) => c.key === categoryKey);
  const back = () => (categoryKey ? navigate('records', categoryKey, 'all', ...(loaded ? [String(loaded.record.recordId)] : [])) : navigate('records'));

  const title =
    mode.kind === 'new'
      ? t('records.form.newTitle', { category: categoryName(def, locale) })
      : loaded
        ? t('records.form.editTitle', { name: loaded.record.subjectName })
        : t('records.form.editTitleLoading');

  return (
    <>
      <PageTitle
        title={
          <Space size={12} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label={t('records.form.back')} />
            <span>{title}</span>
            {loaded && <RecordStateTag state={loaded.record.state} />}
            {loaded && (
              <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
                {t('records.form.versionInfo', { category: categoryName(def, locale), version: loaded.record.version })}
              </Typography.Text>
            )}
          </Space>
        }
      />
      <ErrorAlert error={catalog.error ?? loadError} />
      {catalog.data && !def && mode.kind === 'new' && <Result status="404" title={t('records.noCategories')} />}
      {!allowed ? (
        <Result status="403" title={t('error.FORBIDDEN')} />
      ) : !def || (mode.kind === 'edit' && !loaded) ? (
        !loadError && <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <Editor
          key={`${def.key}:${loaded?.record.version ?? 'new'}:${nonce}`}
          def={def}
          codeLists={catalog.data?.codeLists ?? []}
          record={loaded?.record ?? null}
          unmasked={loaded?.unmasked ?? false}
          onReload={() => setNonce((n) => n + 1)}
        />
      )}
    </>
  );
}
