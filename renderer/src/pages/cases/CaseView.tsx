import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CheckOutlined,
  DownloadOutlined,
  FieldTimeOutlined,
  MinusCircleOutlined,
  PaperClipOutlined,
  PrinterOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Popconfirm, Row, Space, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { CaseAttachmentView, CaseDetail, CaseMaterialView, CaseRecordView, IssuedLetterView } from '../../../../electron/contract';
import { OPEN_CASE_STATES } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useCall } from '../../api/hooks';
import { Person, usePeople } from '../../api/people';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadState } from '../../components/LoadState';
import { ObjectionMark } from '../../components/ObjectionMark';
import { PageTitle } from '../../components/PageTitle';
import { PrintPreview, type PrintJob } from '../../components/print/PrintPreview';
import { RecordDetailDrawer } from '../../components/RecordDetailDrawer';
import { RecordStateTag } from '../../components/RecordStateTag';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/dates';
import { downloadBase64, fileToBase64, formatBytes } from '../../lib/files';
import { navigate } from '../../lib/hashRoute';
import { useSession, useUser } from '../../session/SessionContext';
import { useCatalogNames } from '../records/catalog';
import { AnswerModal, MaterialsModal, ProposeModal, ReasonModal, ServeModal, type ReasonAction } from './CaseModals';
import { ATTACH_ACCEPT, MAX_ATTACHMENT } from './CaseRegister';
import { actionLabel, CaseStateTag, CHANNEL_KEYS, ClockTag, KIND_KEYS, KIND_PAGE, OUTCOME_KEYS, stateLabel } from './labels';

/** A button that picks a file and attaches it at once (to the case, or as a checklist item). */
function AttachButton({ c, item, onDone, label, size }: { c: CaseDetail; item?: string; onDone: (c: CaseDetail) => void; label: string; size?: 'small' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept={ATTACH_ACCEPT}
      showUploadList={false}
      beforeUpload={async (file) => {
        if (file.size > MAX_ATTACHMENT) {
          message.error(t('cases.attach.tooLarge', { name: file.name, size: formatBytes(file.size) }));
          return false;
        }
        setBusy(true);
        try {
          const done = await call('cases.attach', { caseId: c.caseId, fileName: file.name, content: await fileToBase64(file), ...(item ? { item } : {}) });
          message.success(t('cases.attach.done', { name: file.name }));
          onDone(done);
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        } finally {
          setBusy(false);
        }
        return false;
      }}
    >
      <Button size={size} icon={<PaperClipOutlined />} loading={busy} data-testid={item ? `attach-${item}` : 'case-attach'}>
        {label}
      </Button>
    </Upload>
  );
}

function Facts({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const estimate = c.dueCalendar?.estimated ? t('cases.clock.estimated', { years: c.dueCalendar.yearsWithoutData.join('、') }) : null;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      styles={{ label: { width: 130 } }}
      data-testid="case-facts"
      items={[
        { key: 'applicant', label: t('cases.fact.applicant'), children: `${c.applicantName}${c.applicantCode ? ` · ${c.applicantCode}` : ''}` },
        { key: 'contact', label: t('cases.fact.contact'), children: c.applicantContact ?? t('common.none') },
        { key: 'channel', label: t('cases.fact.channel'), children: `${t(CHANNEL_KEYS[c.channel])}${c.platformRef ? ` · ${c.platformRef}` : ''}` },
        { key: 'received', label: t('cases.fact.received'), children: c.received },
        { key: 'accepted', label: t('cases.fact.accepted'), children: c.acceptedOn ?? t('common.none') },
        {
          key: 'due',
          label: t('cases.fact.due'),
          children: (
            <Space size={4} wrap>
              <span data-testid="case-due">{c.due ?? t('common.none')}</span>
              <ClockTag c={c} />
            </Space>
          ),
        },
        {
          key: 'basis',
          label: t('cases.fact.basis'),
          span: 2,
          children: (
            <>
              {c.clockBasis}
              {c.clock.extensions > 0 && <Tag style={{ marginInlineStart: 8 }}>{t('cases.fact.extended', { days: c.extensionDays })}</Tag>}
            </>
          ),
        },
        { key: 'rule', label: t('cases.fact.rule'), children: <span className="mono">{c.ruleVersion}</span> },
        { key: 'bases', label: t('cases.fact.basisVersion'), children: <span className="mono">{c.basisVersion ?? t('common.none')}</span> },
        {
          key: 'calendar',
          label: t('cases.fact.calendar'),
          children: (
            <>
              <span className="mono">{c.dueCalendar?.versions.join('、') || t('common.none')}</span>
              {estimate && (
                <Typography.Text type="warning" style={{ display: 'block' }}>
                  {estimate}
                </Typography.Text>
              )}
            </>
          ),
        },
        ...(c.repairClass ? [{ key: 'class', label: t('cases.fact.repairClass'), children: c.repairClass }] : []),
        { key: 'grounds', label: t(c.kind === 'objection' ? 'cases.fact.grounds' : 'cases.fact.repairGrounds'), span: 2, children: <span className="record-value">{c.grounds}</span> },
      ]}
    />
  );
}

function Records({ c, onOpen }: { c: CaseDetail; onOpen: (id: number) => void }) {
  const { t } = useI18n();
  const names = useCatalogNames();
  return (
    <Table<CaseRecordView>
      rowKey="recordId"
      size="small"
      pagination={false}
      dataSource={c.records}
      data-testid="case-records-table"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('records.col.recordId'), dataIndex: 'recordId', width: 70, render: (id: number) => <span className="mono">{id}</span> },
        {
          title: t('records.col.subject'),
          dataIndex: 'subjectName',
          render: (n: string, r) => (
            <>
              <Typography.Link onClick={() => onOpen(r.recordId)}>{n}</Typography.Link>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {names.category(r.category)}
              </Typography.Text>
            </>
          ),
        },
        { title: t('records.col.decisionNo'), dataIndex: 'decisionNo' },
        {
          title: t('records.col.state'),
          key: 'state',
          render: (_: unknown, r) => (
            <Space size={0}>
              <RecordStateTag state={r.state as never} />
              <ObjectionMark openMarks={r.openMarks} />
            </Space>
          ),
        },
        { title: t('records.col.version'), dataIndex: 'version', width: 60, align: 'right' },
        ...(c.kind === 'repair'
          ? [
              {
                title: t('cases.records.earliestRepair'),
                key: 'repair',
                render: (_: unknown, r: CaseRecordView) => (r.publication ? `${r.publication.class} · ${r.publication.earliestRepair}` : t('common.none')),
              },
            ]
          : []),
      ]}
    />
  );
}

function Materials({ c, may, onDone, onRequest }: { c: CaseDetail; may: boolean; onDone: (c: CaseDetail) => void; onRequest: (item: string) => void }) {
  const { t } = useI18n();
  const open = OPEN_CASE_STATES.includes(c.state);
  return (
    <Table<CaseMaterialView>
      rowKey="item"
      size="small"
      pagination={false}
      dataSource={c.materials ?? []}
      data-testid="case-materials"
      columns={[
        { title: t('cases.materials.item'), dataIndex: 'item' },
        { title: t('cases.materials.required'), dataIndex: 'required', width: 80, render: (r: boolean) => (r ? t('cases.yes') : t('cases.no')) },
        {
          title: t('cases.materials.received'),
          dataIndex: 'received',
          width: 150,
          render: (r: boolean, m: CaseMaterialView) =>
            r ? (
              <Tag color="success" icon={<CheckCircleFilled />}>
                {m.receivedOn ?? t('cases.materials.receivedYes')}
              </Tag>
            ) : (
              <Tag icon={<MinusCircleOutlined />}>{t('cases.materials.receivedNo')}</Tag>
            ),
        },
        ...(may && open
          ? [
              {
                title: t('records.col.actions'),
                key: 'actions',
                width: 220,
                render: (_: unknown, m: CaseMaterialView) => (
                  <Space size={4}>
                    <AttachButton c={c} item={m.item} onDone={onDone} size="small" label={m.received ? t('cases.materials.replace') : t('cases.materials.upload')} />
                    {m.received && c.state !== 'proposed' && (
                      <Button size="small" type="link" onClick={() => onRequest(m.item)}>
                        {t('cases.materials.request')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** The letters the case issued: 发文字号, 成文日期, how each was served; print one, or record its service. */
function Letters({ c, mayServe, onPrint, onServe }: { c: CaseDetail; mayServe: boolean; onPrint: (l: IssuedLetterView) => void; onServe: (l: IssuedLetterView) => void }) {
  const { t } = useI18n();
  const { may } = useSession();
  return (
    <Table<IssuedLetterView>
      rowKey="letterId"
      size="small"
      pagination={false}
      dataSource={c.letters}
      data-testid="case-letters"
      locale={{ emptyText: t('cases.letters.none') }}
      columns={[
        { title: t('cases.letters.col.title'), dataIndex: 'title', width: 130 },
        { title: t('cases.letters.col.docNo'), dataIndex: 'docNo', render: (no: string) => <span data-testid="letter-docno">{no}</span> },
        { title: t('cases.letters.col.issued'), dataIndex: 'issuedOn', width: 104 },
        {
          title: t('cases.letters.col.service'),
          key: 'service',
          width: 150,
          render: (_: unknown, l) =>
            l.service ? (
              <span>
                {l.service.method} · {l.service.on}
                {l.service.to ? ` · ${l.service.to}` : ''}
              </span>
            ) : (
              <Typography.Text type="secondary">{t('cases.letters.notServed')}</Typography.Text>
            ),
        },
        {
          title: '',
          key: 'actions',
          width: 180,
          render: (_: unknown, l) => (
            <Space size={4}>
              {may('print.letter') && (
                <Button size="small" icon={<PrinterOutlined />} onClick={() => onPrint(l)} data-testid={`letter-print-${l.letterId}`}>
                  {t('cases.letters.print')}
                </Button>
              )}
              {mayServe && !l.service && (
                <Button size="small" type="link" onClick={() => onServe(l)} data-testid={`letter-serve-${l.letterId}`}>
                  {t('cases.letters.serve')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function Attachments({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = async (a: CaseAttachmentView) => {
    try {
      const file = await call('cases.attachment', { caseId: c.caseId, attachmentId: a.attachmentId });
      downloadBase64(file.content, file.fileName, file.contentType);
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Table<CaseAttachmentView>
      rowKey="attachmentId"
      size="small"
      pagination={false}
      dataSource={c.attachments}
      data-testid="case-attachments"
      locale={{ emptyText: t('cases.attachments.none') }}
      columns={[
        { title: t('cases.attachments.file'), dataIndex: 'fileName' },
        { title: t('cases.attachments.item'), dataIndex: 'item', render: (i: string | null) => i ?? t('common.none') },
        { title: t('cases.attachments.size'), dataIndex: 'size', width: 90, align: 'right', render: (n: number) => formatBytes(n) },
        { title: t('cases.attachments.added'), key: 'added', width: 200, render: (_: unknown, a) => <><Person login={a.addedBy} /> · {formatDateTime(a.addedAt)}</> },
        {
          title: '',
          key: 'download',
          width: 60,
          render: (_: unknown, a) => <Button size="small" type="text" icon={<DownloadOutlined />} onClick={() => void download(a)} aria-label={t('cases.attachments.download')} />,
        },
      ]}
    />
  );
}

function Proposal({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  const p = c.proposal;
  if (!p) return null;
  return (
    <Card size="small" title={t(c.state === 'proposed' ? 'cases.proposal.title' : 'cases.proposal.titleDecided')} style={{ marginBottom: 16 }} data-testid="case-proposal">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'outcome', label: t('cases.proposal.outcome'), children: <Tag color="gold">{t(OUTCOME_KEYS[p.outcome])}</Tag> },
          { key: 'reason', label: t('cases.proposal.reason'), children: p.reason },
          { key: 'by', label: t('cases.proposal.by'), children: <><Person login={p.by} /> · {formatDateTime(p.at)}</> },
        ]}
      />
      {p.changes.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey={(ch) => `${ch.recordId}:${ch.field}`}
          dataSource={p.changes}
          data-testid="case-proposal-changes"
          columns={[
            { title: t('records.col.recordId'), dataIndex: 'recordId', width: 70 },
            { title: t('batches.diff.field'), dataIndex: 'label' },
            { title: t('records.history.before'), dataIndex: 'before', render: (v: string | null) => v ?? t('records.history.empty') },
            { title: t('records.history.after'), dataIndex: 'after', render: (v: string | null) => <strong>{v ?? t('records.history.empty')}</strong> },
          ]}
        />
      )}
    </Card>
  );
}

function Steps({ c }: { c: CaseDetail }) {
  const { t } = useI18n();
  return (
    <Timeline
      data-testid="case-timeline"
      items={c.steps.map((s) => ({
        color: s.action === 'approve' ? 'green' : s.action === 'refuse' || s.action === 'return' ? 'red' : s.action === 'propose' ? 'gold' : 'blue',
        content: (
          <>
            <Typography.Text strong>{actionLabel(t, s.action)}</Typography.Text>
            {/* “拟处理 → 拟处理”, “登记 → 已登记” say nothing: the new state only when it is not the step's own word. */}
            {s.fromState !== s.toState && !stateLabel(t, s.toState).endsWith(actionLabel(t, s.action)) && <Typography.Text type="secondary"> → {stateLabel(t, s.toState)}</Typography.Text>}
            <div>
              <Typography.Text type="secondary">
                {s.byName}（{s.by}） · {formatDateTime(s.at)}
              </Typography.Text>
            </div>
            {s.reason && <div className="record-value">{s.reason}</div>}
            {s.action === 'answer' && <div>{String(s.detail.method ?? '')}（{String(s.detail.on ?? '')}）</div>}
            {s.action === 'attach' && <div>{String(s.detail.fileName ?? '')}{s.detail.item ? ` · ${String(s.detail.item)}` : ''}</div>}
            {(s.action === 'extend' || s.action === 'recompute' || s.action === 'materials-complete') && s.detail.due ? <div>{t('cases.step.newDue', { due: String(s.detail.due) })}</div> : null}
          </>
        ),
      }))}
    />
  );
}

function Body({ c, reload }: { c: CaseDetail; reload: () => void }) {
  const { t } = useI18n();
  const { name } = usePeople();
  const { message } = App.useApp();
  const { may } = useSession();
  const user = useUser();
  const [reasonAction, setReasonAction] = useState<ReasonAction | null>(null);
  const [proposing, setProposing] = useState(false);
  const [answering, setAnswering] = useState(false);
  const [requesting, setRequesting] = useState<string | null>(null);
  const [recordOpen, setRecordOpen] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [letter, setLetter] = useState<{ title: string; request: PrintJob } | null>(null);
  const [serving, setServing] = useState<IssuedLetterView | null>(null);
  const open = OPEN_CASE_STATES.includes(c.state);
  const canWork = may('cases.propose');
  const handled = c.handlers.includes(user.login);
  const mayApprove = may('cases.approve') && c.state === 'proposed' && !handled && c.proposal?.by !== user.login;
  /** After a step: close what was open, say so, and show the case as it is now. */
  const done = (text?: string) => {
    setReasonAction(null);
    setProposing(false);
    setAnswering(false);
    setRequesting(null);
    setServing(null);
    if (text) message.success(text);
    reload();
  };
  const run = async (method: 'cases.accept' | 'cases.approve', text: string) => {
    setError(null);
    try {
      await call(method, { caseId: c.caseId });
      done(text);
    } catch (err) {
      setError(err);
    }
  };

  const actions = (
    <Space wrap data-testid="case-actions">
      {canWork && c.state === 'registered' && (
        <Button icon={<CheckOutlined />} onClick={() => void run('cases.accept', t('cases.accept.done'))} data-testid="case-accept">
          {t('cases.accept.button')}
        </Button>
      )}
      {canWork && (c.state === 'registered' || c.state === 'investigating') && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setProposing(true)} data-testid="case-propose">
          {t('cases.propose.button')}
        </Button>
      )}
      {mayApprove && (
        <Popconfirm
          title={t('cases.approve.confirmTitle')}
          description={t('cases.approve.confirmBody')}
          okText={t('cases.approve.button')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('cases.approve', t('cases.approve.done'))}
        >
          <Button type="primary" icon={<CheckOutlined />} data-testid="case-approve">
            {t('cases.approve.button')}
          </Button>
        </Popconfirm>
      )}
      {mayApprove && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setReasonAction('return')} data-testid="case-return">
          {t('cases.return.button')}
        </Button>
      )}
      {canWork && c.state === 'decided' && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setAnswering(true)} data-testid="case-answer">
          {t('cases.answer.button')}
        </Button>
      )}
      {canWork && open && c.clock.extensions < c.extensionsAllowed && (
        <Button icon={<FieldTimeOutlined />} onClick={() => setReasonAction('extend')} data-testid="case-extend">
          {t('cases.extend.button', { days: c.extensionDays })}
        </Button>
      )}
      {canWork && open && <AttachButton c={c} onDone={() => done()} label={t('cases.attach.button')} />}
      {may('print.caseSheet') && (
        <Button icon={<PrinterOutlined />} onClick={() => setLetter({ title: `${t('cases.caseSheet.title')} · ${c.caseNo}`, request: { method: 'print.caseSheet', input: { caseId: c.caseId } } })} data-testid="case-sheet">
          {t('cases.caseSheet.button')}
        </Button>
      )}
      {canWork && (c.state === 'registered' || c.state === 'investigating') && (
        <Button danger icon={<StopOutlined />} onClick={() => setReasonAction('refuse')} data-testid="case-refuse">
          {t('cases.refuse.button')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <PageTitle
        title={
          <Space size={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(KIND_PAGE[c.kind])} aria-label={t('cases.back')} />
            <span data-testid="case-title">
              {t(KIND_KEYS[c.kind])} {c.caseNo}
            </span>
            <CaseStateTag state={c.state} />
            {open && <ClockTag c={c} />}
          </Space>
        }
        extra={actions}
      />
      <ErrorAlert error={error} />
      {c.state === 'refused' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('cases.notice.refused', { reason: c.refusalReason ?? '' })} data-testid="case-refused" />}
      {c.state === 'proposed' && mayApprove && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('cases.notice.review')} />}
      {c.state === 'proposed' && !mayApprove && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(handled ? 'cases.notice.handled' : 'cases.notice.waiting')} />}
      {c.paused && open && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('cases.notice.paused')} />}
      {c.outcome && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="case-decision"
          title={t('cases.notice.decided', { outcome: t(OUTCOME_KEYS[c.outcome]), by: name(c.decidedBy), on: c.decidedOn ?? '' })}
          description={
            <>
              {c.outcomeReason}
              {c.answeredOn && <div>{t('cases.notice.answered', { method: c.answerMethod ?? '', on: c.answeredOn })}</div>}
            </>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Facts c={c} />
          <Card size="small" title={t('cases.section.records')} style={{ marginTop: 16 }}>
            <Records c={c} onOpen={setRecordOpen} />
          </Card>
          <Card size="small" title={t('cases.letters.title', { n: c.letters.length })} style={{ marginTop: 16 }} data-testid="case-letters-card">
            <Letters
              c={c}
              mayServe={canWork}
              onPrint={(l) => setLetter({ title: `${l.title} · ${l.docNo}`, request: { method: 'print.letter', input: { caseId: c.caseId, letterId: l.letterId } } })}
              onServe={setServing}
            />
          </Card>
          {c.materials && (
            <Card
              size="small"
              title={t('cases.section.materials', { class: c.repairClass ?? '' })}
              style={{ marginTop: 16 }}
              extra={
                canWork && open && c.kind === 'repair' ? (
                  <Button size="small" onClick={() => setRequesting(c.materials?.find((m) => !m.received)?.item ?? c.materials?.[0]?.item ?? '')} data-testid="case-request-materials">
                    {t('cases.materials.request')}
                  </Button>
                ) : null
              }
            >
              <Materials c={c} may={canWork} onDone={() => done()} onRequest={setRequesting} />
            </Card>
          )}
          <Card size="small" title={t('cases.section.attachments', { n: c.attachments.length })} style={{ marginTop: 16 }}>
            <Attachments c={c} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Proposal c={c} />
          <Card size="small" title={t('cases.section.timeline')}>
            <Steps c={c} />
          </Card>
        </Col>
      </Row>
      <ReasonModal c={c} action={reasonAction} onClose={() => setReasonAction(null)} onDone={() => done(t('cases.saved'))} />
      <ProposeModal c={c} open={proposing} onClose={() => setProposing(false)} onDone={() => done(t('cases.propose.done'))} />
      <AnswerModal c={c} open={answering} onClose={() => setAnswering(false)} onDone={() => done(t('cases.answer.done'))} />
      <MaterialsModal c={c} item={requesting} onClose={() => setRequesting(null)} onDone={() => done(t('cases.saved'))} />
      <ServeModal c={c} letter={serving} onClose={() => setServing(null)} onDone={() => done(t('cases.serve.done'))} />
      <RecordDetailDrawer recordId={recordOpen} onClose={() => setRecordOpen(null)} onChanged={reload} />
      <PrintPreview request={letter?.request ?? null} title={letter?.title ?? ''} onClose={() => setLetter(null)} />
    </>
  );
}

/** One case: its facts and clock, records, materials, files, proposal, timeline and the steps one may take. */
export function CaseView({ caseId }: { caseId: number }) {
  const detail = useCall('cases.get', { caseId });
  return <LoadState {...detail}>{(c) => <Body c={c} reload={detail.reload} />}</LoadState>;
}
