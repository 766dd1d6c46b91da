/**
 * Files in and out of the page (records, batches, keys). Contents cross the contract as base64; a
 * download is an ordinary `<a download>` on a Blob (Electron shows its save
 * dialog for it, a browser its download).
 */

export function base64ToBytes(content: string): Uint8Array<ArrayBuffer> {
  const binary = atob(content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; keep the URL a moment for slow starts.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadBase64(content: string, fileName: string, type: string): void {
  downloadBlob(new Blob([base64ToBytes(content)], { type }), fileName);
}

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  zip: 'application/zip',
  pem: 'application/x-pem-file',
  pdf: 'application/pdf',
};

/** Saves a file the core produced (`{fileName, content}` in base64), typed by its extension. */
export function downloadPayload(payload: { fileName: string; content: string }): void {
  const ext = payload.fileName.split('.').pop()?.toLowerCase() ?? '';
  downloadBase64(payload.content, payload.fileName, TYPES[ext] ?? 'application/octet-stream');
}

export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** A picked file's content as base64 (without the data-URL prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/** `9f1c2a3b…0d41e7aa`: enough to compare by eye; the full value is copied. */
export function shortDigest(hex: string, head = 8, tail = 8): string {
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
