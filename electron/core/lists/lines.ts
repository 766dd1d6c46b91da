/**
 * Splitting a stream of bytes into UTF-8 text lines (JSON Lines): chunks are
 * decoded strictly (invalid UTF-8 is refused, not replaced), a line may span
 * chunks, `\r\n` is accepted as a line end. Used by `list pack` on the JSONL it
 * signs and by the import on data/entries.jsonl.
 */
export class LineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private rest = '';
  private lineNo = 0;

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  /** Feeds bytes; throws TypeError for invalid UTF-8. */
  push(chunk: Uint8Array): void {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(text.slice(start, end), ++this.lineNo);
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** Ends the input: a last line without its newline is still a line. Returns the number of lines. */
  end(): number {
    const tail = this.rest + this.decoder.decode();
    this.rest = '';
    if (tail !== '') this.onLine(tail.endsWith('\r') ? tail.slice(0, -1) : tail, ++this.lineNo);
    return this.lineNo;
  }
}
