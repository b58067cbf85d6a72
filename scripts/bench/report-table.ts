const COLUMNS = [46, 52, 22] as const;

/** The bench's printed report: rows of label, figure, target and verdict, with a count of the targets missed. */
export class ReportTable {
  readonly lines: string[] = [];
  missed = 0;

  line(text: string): void {
    this.lines.push(text);
  }

  heading(text: string): void {
    this.lines.push(`\n${text}`, this.format('', 'figure', 'target'));
  }

  /** `met` undefined: a figure without a target. */
  row(label: string, figure: string, target = '', met?: boolean): void {
    if (met === false) this.missed += 1;
    this.lines.push(this.format(label, figure, target, met));
  }

  private format(label: string, figure: string, target: string, met?: boolean): string {
    const verdict = met === undefined ? '' : met ? 'OK' : 'MISSED';
    const cell = (text: string, width: number) => (text.length >= width ? `${text}  ` : text.padEnd(width));
    return `  ${cell(label, COLUMNS[0])}${cell(figure, COLUMNS[1])}${cell(target, COLUMNS[2])}${verdict}`.trimEnd();
  }
}
