/**
 * Keyboard shortcuts of a screen: `/` or Ctrl+F to search, Ctrl+N for a new
 * record, Ctrl+S to save, Esc to close. A key typed into a text field is the
 * field's, except the Ctrl combinations.
 */
import { useEffect, useRef } from 'react';

export interface Shortcuts {
  search?: () => void;
  create?: () => void;
  save?: () => void;
  close?: () => void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/** A dialog (modal, confirm, popconfirm) is open: its own keys come first. */
function dialogOpen(): boolean {
  return document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal, .ant-popover:not(.ant-popover-hidden) .ant-popconfirm') !== null;
}

export function useShortcuts(shortcuts: Shortcuts): void {
  const current = useRef(shortcuts);
  useEffect(() => {
    current.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = current.current;
      const ctrl = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let run: (() => void) | undefined;
      if (ctrl && key === 'f') run = s.search;
      else if (ctrl && key === 'n') run = s.create;
      else if (ctrl && key === 's') run = s.save;
      else if (!ctrl && !e.altKey && e.key === '/' && !typing(e.target)) run = s.search;
      else if (e.key === 'Escape' && !dialogOpen()) run = s.close;
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
