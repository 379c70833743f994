/**
 * A string builder with two-space block indentation, mirroring wit-component's `OutputToString`:
 * text is indented lazily at the first write after a newline, so blank lines carry no spaces.
 */
export class IndentedOutput {
  private text = '';
  private indent = 0;
  private needsIndent = false;

  /** Appends `src`, which must not contain a newline. */
  str(src: string): void {
    this.indentIfNeeded();
    this.text += src;
  }

  newline(): void {
    this.text += '\n';
    this.needsIndent = true;
  }

  /** Ends a declaration: `;` and a newline. */
  semicolon(): void {
    this.text += ';';
    this.newline();
  }

  /** Opens a block: ` {` and a newline, one level deeper. */
  blockStart(): void {
    this.text += ' {';
    this.indent += 1;
    this.newline();
  }

  /** Closes a block: `}` on its own line, one level shallower. */
  blockEnd(): void {
    this.indent = Math.max(0, this.indent - 1);
    this.indentIfNeeded();
    this.text += '}';
    this.newline();
  }

  /** One `///` doc line; an empty line prints as a bare `///`. */
  doc(line: string): void {
    this.indentIfNeeded();
    this.text += line === '' ? '///' : `/// ${line}`;
    this.newline();
  }

  toString(): string {
    return this.text;
  }

  private indentIfNeeded(): void {
    if (this.needsIndent) {
      this.text += '  '.repeat(this.indent);
      this.needsIndent = false;
    }
  }
}
