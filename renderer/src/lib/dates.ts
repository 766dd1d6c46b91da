import dayjs from 'dayjs';

/** Dates are shown as YYYY-MM-DD everywhere, in the desk's local time. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD') : iso;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : iso;
}

export function today(): string {
  return dayjs().format('YYYY-MM-DD');
}
