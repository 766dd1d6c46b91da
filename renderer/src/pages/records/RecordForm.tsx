import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, LoadingOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Modal, Result, Row, Select, Skeleton, Space, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  CatalogCategory,
  CatalogCodeList,
  CatalogField,
  FieldValue,
  FieldValues,
  Issue,
  OverrideRequest,
  RecordDetail,
  ValidationView,
} from '../../../../electron/contract';
import { call, isApiError } from '../../api/client';
import { usePeople } from '../../api/people';
import { formatDateTime } from '../../lib/dates';
import { useShortcuts } from '../../lib/shortcuts';
import { DraftNotice, useFormDraft } from '../../lib/drafts';
import { usccProblem } from '../../lib/uscc';
import { useDepartment } from '../shell/DepartmentContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListHitAlert } from '../../components/ListHits';
import { PageTitle } from '../../components/PageTitle';
import { RecordPublication } from '../../components/RecordPublication';
import { RecordStateTag } from '../../components/RecordStateTag';
import { useI18n } from '../../i18n';
import { navigate } from '../../lib/hashRoute';
import { useSession } from '../../session/SessionContext';
import { categoryName, fieldLabel, useCatalog, useCatalogNames } from './catalog';
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
  /** A new record starts with these values (the department as authority and data source). */
  prefill: FieldValues;
  onReload: () => void;
  /** 保存并继续新增: a fresh form for the next record. */
  onNext: () => void;
}

/** Removes field codes from a message: the code is shown once, quietly, beside the field's label. */
function quiet(message: string): string {
  return message.replace(/（[A-Z][A-Z0-9_]*）/g, '');
}

type SaveKind = 'draft' | 'submit' | 'next' | 'request';

/** What a record form's draft keeps. */
interface RecordDraft {
  values: Record<string, unknown>;
  reason?: string;
  overrides?: Record<string, OverrideDraft>;
  pubOverride?: { on: boolean; class: PublicationClass | undefined; reason: string };
  touched?: string[];
}

function Editor({ def, codeLists, record, unmasked, prefill, onReload, onNext }: EditorProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { user, may } = useSession();
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
  const [saving, setSaving] = useState<SaveKind | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [requesting, setRequesting] = useState(false);
  const reasonBox = useRef<TextAreaRef>(null);
  const seq = useRef(0);

  // What is typed is kept as a draft as it is typed (lib/drafts.tsx): a lock or a crash loses nothing.
  const draft = useFormDraft<RecordDraft>({
    form: record ? `record:edit:${record.recordId}:v${record.version}` : `record:new:${def.key}`,
    title: record ? t('drafts.title.recordEdit', { no: record.decisionNo }) : t('records.form.newTitle', { category: categoryName(def, locale) }),
    enabled: may(record ? 'records.update' : 'records.create'),
    read: () => ({ values: form.getFieldsValue(true) as Record<string, unknown>, reason, overrides, pubOverride, touched: [...touched] }),
    restore: (d) => {
      form.setFieldsValue(d.values ?? {});
      setReason(typeof d.reason === 'string' ? d.reason : '');
      if (d.overrides) setOverrides(d.overrides);
      if (d.pubOverride) setPubOverride(d.pubOverride);
      setTouched(new Set(Array.isArray(d.touched) ? d.touched : []));
      setTick((n) => n + 1);
    },
  });
  const changed = draft.changed;
  // Reason, approvals and the publication class are kept too (when they change, not as they start).
  const sideState = JSON.stringify([reason, overrides, pubOverride]);
  const firstSideState = useRef(sideState);
  useEffect(() => {
    if (sideState !== firstSideState.current) changed();
  }, [sideState, changed]);

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
  // The summary says exactly what the fields show; required fields not reached yet are counted apart.
  const shownErrors = (validation?.errors ?? []).filter((e) => !known.has(e.field) || visible(e.field));
  const notYetFilled = (validation?.errors ?? []).filter((e) => known.has(e.field) && !visible(e.field));
  const onlyOverridable = (validation?.errors.length ?? 0) > 0 && validation!.errors.every((e) => e.overridable);
  const draftRecord = !record || record.state === 'draft';
  const mayRequest = !isApprover && onlyOverridable && draftRecord && may(record ? 'records.update' : 'records.create');
  const fieldName = (code: string) => fieldLabel(def.fields.find((f) => f.code === code), locale, code);

  const save = async (kind: SaveKind, note?: string) => {
    if (editing && reason.trim().length < 2) {
      setReasonError(true);
      setShowAll(true);
      reasonBox.current?.focus();
      return;
    }
    setSaving(kind);
    setSaveError(null);
    const values = toContract(def, form.getFieldsValue(true) as Record<string, unknown>);
    const overrideRequest = kind === 'request' ? { note: note ?? '' } : null;
    try {
      let recordId: number;
      const done = draft.saved; // the draft goes once the record is saved
      if (record) {
        const r = await call('records.update', {
          recordId: record.recordId,
          baseVersion: record.version,
          values,
          reason: reason.trim(),
          submit: kind === 'submit',
          overrides: overrideList,
          publicationOverride,
          overrideRequest,
        });
        recordId = r.recordId;
        await done();
        if (kind === 'request') message.success(t('records.form.requested'));
        else message.success(r.changed ? t('records.form.updated', { version: r.version }) : t('records.form.unchanged'));
      } else {
        const r = await call('records.create', { category: def.key, values, draft: kind === 'draft', overrides: overrideList, publicationOverride, overrideRequest });
        recordId = r.recordId;
        await done();
        if (kind === 'next') {
          const name = values[def.subject.name];
          message.success(
            <span data-testid="saved-next">
              {t('records.form.savedNext', { name: typeof name === 'string' ? name : '' })}{' '}
              <Typography.Link onClick={() => navigate('records', def.key, 'all', String(recordId))}>{t('records.view')}</Typography.Link>
            </span>,
          );
          onNext();
          return;
        }
        message.success(kind === 'draft' ? t('records.form.savedDraft') : kind === 'request' ? t('records.form.requested') : t('records.form.savedPending'));
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

  // Ctrl+S saves as the main button does.
  useShortcuts({ save: () => saving === null && void save('submit') });

  const subjectCode = Form.useWatch(def.subject.uscc, form) as string | null | undefined;
  const known_ = useKnownSubject(subjectCode);
  const subjectName = Form.useWatch(def.subject.name, form) as string | null | undefined;
  const subjectType = Form.useWatch(def.subject.type, form) as string | null | undefined;

  const renderField = (f: CatalogField) => {
    const errs = visible(f.code) ? errorsOf(f.code) : [];
    const warns = visible(f.code) ? warningsOf(f.code) : [];
    const overridable = errorsOf(f.code).find((e) => e.overridable);
    const override = overrides[f.code];
    const showOverride = isApprover && (overridable || override);
    const issues = errs.length ? errs : warns;
    const help =
      issues.length > 0 ? (
        <div data-testid={`field-issue-${f.code}`} className="field-issues">
          {issues.map((e) => (
            <div key={`${e.code}:${e.message}`}>{quiet(withoutLabel(e.message, f))}</div>
          ))}
        </div>
      ) : undefined;
    const suggestion =
      f.code === def.subject.uscc && known_ && (known_.name !== subjectName || known_.kind !== subjectType) ? (
        <div className="known-subject" data-testid="known-subject">
          {t('records.form.knownSubject', { name: known_.name, kind: known_.kind })}
          <Button
            size="small"
            type="link"
            onClick={() => {
              form.setFieldsValue({ [def.subject.name]: known_.name, [def.subject.type]: known_.kind });
              setTouched((prev) => new Set([...prev, def.subject.name, def.subject.type]));
              setTick((n) => n + 1);
            }}
          >
            {t('records.form.useKnownSubject')}
          </Button>
        </div>
      ) : undefined;
    const extra =
      suggestion || (f.required === 'conditional' && f.requiredWhen) ? (
        <>
          {suggestion}
          {f.required === 'conditional' && f.requiredWhen && <FieldHint field={f} />}
        </>
      ) : undefined;
    return (
      <Col key={f.code} xs={24} xl={isWide(f) ? 24 : 12}>
        <Form.Item
          name={f.code}
          label={
            <>
              {fieldLabel(f, locale, f.code)}
              <span className="field-code">{f.code}</span>
            </>
          }
          required={f.required === 'always'}
          tooltip={f.help}
          validateStatus={errs.length ? 'error' : warns.length ? 'warning' : undefined}
          help={help}
          extra={extra}
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

  return (
    <Row gutter={24} align="stretch">
      <Col xs={24} lg={16}>
        <DraftNotice draft={draft} onDiscarded={onReload} />
        {unmasked && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('records.form.unmasked')} />}
        {record?.overrideRequest && <OverrideRequestNotice request={record.overrideRequest} category={def.key} isApprover={isApprover} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={record?.fields ?? prefill}
          onValuesChange={(values: Record<string, unknown>) => {
            setTouched((prev) => new Set([...prev, ...Object.keys(values)]));
            setTick((n) => n + 1);
            changed();
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
        {/* The actions stay on screen at the bottom of the window, however long the form. */}
        <div className="record-form-footer" data-testid="record-save">
          {saveError !== null && <SaveProblem error={saveError} category={def.key} onReload={onReload} />}
          <Flex gap={8} wrap align="center">
            {draftRecord && (
              <Button loading={saving === 'draft'} disabled={saving !== null} onClick={() => void save('draft')}>
                {t('records.form.saveDraft')}
              </Button>
            )}
            <Button type="primary" loading={saving === 'submit'} disabled={saving !== null} onClick={() => void save('submit')} title={t('records.form.ctrlS')}>
              {draftRecord ? t('records.form.savePending') : t('records.form.saveCorrection')}
            </Button>
            {!editing && (
              <Button loading={saving === 'next'} disabled={saving !== null} onClick={() => void save('next')} data-testid="save-next">
                {t('records.form.saveNext')}
              </Button>
            )}
            {mayRequest && (
              <Button icon={<SendOutlined />} disabled={saving !== null} onClick={() => setRequesting(true)} data-testid="request-override">
                {t('records.form.requestOverride')}
              </Button>
            )}
            <Button onClick={() => window.history.back()} disabled={saving !== null}>
              {t('common.cancel')}
            </Button>
            <span className="record-form-footer-status" data-testid="footer-status">
              {validation && shownErrors.length > 0 ? (
                <Typography.Text type="danger">
                  <CloseCircleFilled /> {t('records.form.checkErrors', { n: shownErrors.length })}
                </Typography.Text>
              ) : validation && validation.errors.length === 0 ? (
                <Typography.Text type="success">
                  <CheckCircleFilled /> {t('records.form.checkOk')}
                </Typography.Text>
              ) : null}
            </span>
          </Flex>
        </div>
      </Col>
      <Col xs={24} lg={8}>
        <div className="record-form-side">
          {editing && (
            <Card size="small" title={t('records.form.saveEdit')} data-testid="record-reason" style={{ marginBottom: 16 }}>
              <Form layout="vertical" component="div">
                <Form.Item
                  label={t('records.form.reason')}
                  required
                  validateStatus={reasonError && reason.trim().length < 2 ? 'error' : undefined}
                  help={reasonError && reason.trim().length < 2 ? t('records.reason.required') : undefined}
                  htmlFor="record-edit-reason"
                  style={{ marginBottom: 8 }}
                >
                  <Input.TextArea
                    id="record-edit-reason"
                    ref={reasonBox}
                    value={reason}
                    maxLength={500}
                    autoSize={{ minRows: 2, maxRows: 5 }}
                    placeholder={t('records.form.reasonPlaceholder')}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </Form.Item>
              </Form>
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                {draftRecord ? t('records.form.saveExplain') : t('records.form.saveCorrectionExplain')}
              </Typography.Paragraph>
            </Card>
          )}
          {validation?.listHits && <ListHitAlert hits={validation.listHits} />}
          <Card size="small" title={t('records.form.check')} style={{ marginBottom: 16 }} data-testid="validation-summary">
            {!validation ? (
              <Typography.Text type="secondary">{validating ? <LoadingOutlined /> : t('records.form.checkHint')}</Typography.Text>
            ) : validation.errors.length === 0 ? (
              <Typography.Text type="success">
                <CheckCircleFilled /> {t('records.form.checkOk')} {validating && <LoadingOutlined />}
              </Typography.Text>
            ) : (
              <>
                {shownErrors.length > 0 && (
                  <Typography.Text type="danger">
                    <CloseCircleFilled /> {t('records.form.checkErrors', { n: shownErrors.length })} {validating && <LoadingOutlined />}
                  </Typography.Text>
                )}
                {shownErrors.length > 0 && (
                  <ul className="record-form-issues record-form-scroll" data-testid="summary-errors">
                    {shownErrors.map((e) => (
                      <li key={`${e.field}:${e.code}`}>
                        {known.has(e.field) ? (
                          <Typography.Link
                            onClick={() => {
                              setShowAll(true);
                              form.scrollToField(e.field, { block: 'center', focus: true });
                            }}
                          >
                            {fieldName(e.field)}
                            {t('batches.colon')}
                            {quiet(withoutLabel(e.message, def.fields.find((f) => f.code === e.field)!))}
                          </Typography.Link>
                        ) : (
                          quiet(e.message)
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {notYetFilled.length > 0 && (
                  <div className="record-form-pending" data-testid="summary-not-yet">
                    <Typography.Text type="secondary">{t('records.form.notYetFilled', { n: notYetFilled.length })}</Typography.Text>{' '}
                    <Typography.Link onClick={() => setShowAll(true)}>{t('records.form.showAllIssues')}</Typography.Link>
                  </div>
                )}
              </>
            )}
            {(validation?.warnings.length ?? 0) > 0 && (
              <ul className="record-form-issues record-form-warnings">
                {validation!.warnings
                  .filter((w) => w.code !== 'required')
                  .map((w) => (
                    <li key={`w:${w.field}:${w.code}`}>
                      <Typography.Text type="warning">{quiet(w.message)}</Typography.Text>
                    </li>
                  ))}
              </ul>
            )}
            {mayRequest && (
              <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('records.form.requestHint')} data-testid="request-hint" />
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
      <RequestOverrideModal
        open={requesting}
        issues={(validation?.errors ?? []).map((e) => `${fieldName(e.field)}${t('batches.colon')}${quiet(withoutLabel(e.message, def.fields.find((f) => f.code === e.field)!))}`)}
        busy={saving === 'request'}
        onClose={() => setRequesting(false)}
        onSubmit={(note) => {
          setRequesting(false);
          void save('request', note);
        }}
      />
    </Row>
  );
}

/** A known 统一社会信用代码 typed in: the subject's recorded name and type, to take over in one click. */
function useKnownSubject(code: string | null | undefined): { name: string; kind: string } | null {
  const [found, setFound] = useState<{ code: string; name: string; kind: string } | null>(null);
  const wanted = typeof code === 'string' && code.length === 18 && usccProblem(code) === null ? code.toUpperCase() : null;
  useEffect(() => {
    if (!wanted) return undefined;
    let live = true;
    call('subjects.search', { query: wanted, limit: 5 }).then(
      (r) => {
        const hit = r.items.find((s) => s.code === wanted);
        if (live) setFound(hit ? { code: wanted, name: hit.name, kind: hit.kind } : null);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return found && found.code === wanted ? found : null;
}

/** What the clerk asked the approver to accept, for the approver (and the clerk) to see. */
function OverrideRequestNotice({ request, category, isApprover }: { request: OverrideRequest; category: string; isApprover: boolean }) {
  const { t } = useI18n();
  const names = useCatalogNames();
  const { name } = usePeople();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="override-request"
      title={t('records.form.requestedBy', { by: name(request.by), at: formatDateTime(request.at) })}
      description={
        <>
          <ul className="record-form-issues" style={{ marginTop: 0 }}>
            {request.issues.map((i) => (
              <li key={`${i.field}:${i.code}`}>
                {names.field(category, i.field)}
                {t('batches.colon')}
                {quiet(i.message.replace(/^“[^”]*”（[A-Z0-9_]+）/, ''))}
              </li>
            ))}
          </ul>
          {request.note && <div>{t('records.form.requestNote', { note: request.note })}</div>}
          <div style={{ marginTop: 4 }}>{t(isApprover ? 'records.form.requestForApprover' : 'records.form.requestWaiting')}</div>
        </>
      }
    />
  );
}

/** 请审核人放行: the clerk keeps the record as a draft and asks, with a note. */
function RequestOverrideModal({ open, issues, busy, onClose, onSubmit }: { open: boolean; issues: string[]; busy: boolean; onClose: () => void; onSubmit: (note: string) => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  return (
    <Modal
      open={open}
      title={t('records.form.requestTitle')}
      okText={t('records.form.requestSend')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => onSubmit(note.trim())}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('records.form.requestExplain')}
      </Typography.Paragraph>
      <ul className="record-form-issues">
        {issues.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <Form layout="vertical" className="modal-form">
        <Form.Item label={t('records.form.requestNoteLabel')} htmlFor="override-request-note">
          <Input.TextArea id="override-request-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={3} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
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
  const { department } = useDepartment();
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
  // A new record starts with the department as the deciding authority and data source.
  const prefill: FieldValues = Object.fromEntries(
    (def?.fields ?? []).flatMap((f) =>
      f.prefill && department ? [[f.code, f.prefill === 'department-name' ? department.name : department.uscc] as const] : [],
    ),
  );
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
          key={`${def.key}:${loaded?.record.version ?? 'new'}:${nonce}:${department ? 'd' : ''}`}
          def={def}
          codeLists={catalog.data?.codeLists ?? []}
          record={loaded?.record ?? null}
          unmasked={loaded?.unmasked ?? false}
          prefill={prefill}
          onReload={() => setNonce((n) => n + 1)}
          onNext={() => {
            setNonce((n) => n + 1);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </>
  );
}
