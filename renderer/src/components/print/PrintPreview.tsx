import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Progress, Skeleton, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { PrintMethod, PrintPayload } from '../../../../electron/contract';
import { call } from '../../api/client';
import { useI18n } from '../../i18n';
import { base64ToBytes, downloadPayload, formatBytes } from '../../lib/files';
import { ErrorAlert } from '../ErrorAlert';
import { drawPage, openPdf, pagesAsImages, type PDFDocumentProxy } from './pdf';
import './print.css';

const PAGE_WIDTH = 760;
const A4_RATIO = 297 / 210;

/** One page, drawn when it scrolls into view (a credit file may have hundreds). */
function PageCanvas({ doc, index }: { doc: PDFDocumentProxy; index: number }) {
  const { t } = useI18n();
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const el = holder.current;
    if (!el || drawn) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting) || !canvas.current) return;
        observer.disconnect();
        void drawPage(doc, index, canvas.current, PAGE_WIDTH).then(() => setDrawn(true));
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [doc, index, drawn]);
  return (
    <div ref={holder} className="print-preview-page" style={{ width: PAGE_WIDTH, minHeight: drawn ? undefined : PAGE_WIDTH * A4_RATIO }} data-testid="preview-page" data-drawn={drawn}>
      <canvas ref={canvas} aria-label={t('print.preview.pageLabel', { n: index })} />
    </div>
  );
}

/** The pages as images for the system print dialog; shown only when printing (print.css). */
function PrintSheets({ images }: { images: string[] }) {
  return createPortal(
    <div className="print-sheets" data-testid="print-sheets">
      {images.map((src, i) => (
        <img key={i} src={src} alt="" />
      ))}
    </div>,
    document.body,
  );
}

/** A document to print: a print method and its input (print.creditFile, { subjectId } …). */
export interface PrintJob {
  method: PrintMethod;
  input: Record<string, unknown>;
}

interface Props {
  /** The document; null when closed. */
  request: PrintJob | null;
  title: string;
  onClose: () => void;
}

/**
 * The print preview: the core's PDF drawn with pdf.js, marked 预览 and without a print
 * number (print.preview: nothing enters the print log). 保存 PDF or 打印 prints it —
 * the same document, now under its print number, once — and saves that file or sends
 * it to the system print dialog.
 */
export function PrintPreview({ request, title, onClose }: Props) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [payload, setPayload] = useState<PrintPayload | null>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState<number | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  /** The numbered print, once 保存 or 打印 asked for it (a second click reuses it). */
  const printed = useRef<PrintPayload | null>(null);
  const [numbered, setNumbered] = useState<PrintPayload | null>(null);
  const [taking, setTaking] = useState(false);

  useEffect(() => {
    if (!request) return undefined;
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setPayload(null);
    setDoc(null);
    setError(null);
    printed.current = null;
    setNumbered(null);
    call('print.preview', { method: request.method, input: request.input })
      .then(async (p) => {
        if (!live) return;
        setPayload(p);
        opened = await openPdf(base64ToBytes(p.content));
        if (live) setDoc(opened);
        else void opened.destroy();
      })
      .catch((err: unknown) => live && setError(err));
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [request]);

  useEffect(() => {
    if (sheets.length === 0) return undefined;
    // Print once the images are laid out; forget them when the dialog closes.
    const done = () => setSheets([]);
    window.addEventListener('afterprint', done, { once: true });
    const images = [...document.querySelectorAll<HTMLImageElement>('.print-sheets img')];
    void Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(() => window.print());
    return () => window.removeEventListener('afterprint', done);
  }, [sheets]);

  /** Prints the document for real: a print number and a line in the print log, once. */
  const take = async (): Promise<PrintPayload | null> => {
    if (printed.current) return printed.current;
    if (!request) return null;
    setTaking(true);
    try {
      const p = await call(request.method, request.input as never);
      printed.current = p as PrintPayload;
      setNumbered(printed.current);
      return printed.current;
    } catch (err) {
      message.error(errorText(err));
      return null;
    } finally {
      setTaking(false);
    }
  };

  const print = async () => {
    const p = await take();
    if (!p) return;
    setPrinting(0);
    let opened: PDFDocumentProxy | null = null;
    try {
      opened = await openPdf(base64ToBytes(p.content));
      setSheets(await pagesAsImages(opened, 150, setPrinting));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setPrinting(null);
      void opened?.destroy();
    }
  };

  const save = async () => {
    const p = await take();
    if (!p) return;
    downloadPayload(p);
    message.success(t('print.saved', { name: p.fileName }));
  };

  return (
    <Modal
      open={request !== null}
      title={title}
      onCancel={onClose}
      width={PAGE_WIDTH + 96}
      centered
      destroyOnHidden
      styles={{ body: { paddingTop: 8 } }}
      footer={
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary" data-testid="print-facts">
            {numbered
              ? t('print.facts', { printNo: numbered.printNo, pages: numbered.pages, size: formatBytes(numbered.bytes) })
              : payload
                ? t('print.previewFacts', { pages: payload.pages, size: formatBytes(payload.bytes) })
                : ''}
          </Typography.Text>
          <Space>
            <Button onClick={onClose}>{t('print.close')}</Button>
            <Button icon={<DownloadOutlined />} disabled={!payload || taking} onClick={() => void save()} data-testid="print-save">
              {t('print.save')}
            </Button>
            <Button type="primary" icon={<PrinterOutlined />} disabled={!doc || taking} loading={printing !== null} onClick={() => void print()} data-testid="print-print">
              {t('print.print')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <ErrorAlert error={error} />
      {payload && payload.missingGlyphs.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('print.missingGlyphs', { chars: payload.missingGlyphs.join(' ') })} />
      )}
      {printing !== null && doc && <Progress percent={Math.round((printing / doc.numPages) * 100)} size="small" style={{ marginBottom: 8 }} />}
      <div className="print-preview-pages" data-testid="print-preview">
        {!error && !doc && (
          <Flex vertical align="center" gap={16} style={{ padding: 48 }}>
            <Spin description={t('print.preparing')} />
            <Skeleton active paragraph={{ rows: 6 }} style={{ width: PAGE_WIDTH - 120 }} />
          </Flex>
        )}
        {doc && Array.from({ length: doc.numPages }, (_, i) => <PageCanvas key={i} doc={doc} index={i + 1} />)}
      </div>
      {sheets.length > 0 && <PrintSheets images={sheets} />}
    </Modal>
  );
}
