/**
 * A strict reader for the small XML subset NMI's Query API answers with: a prolog, nested elements, text with the
 * five named entities and numeric references, comments and CDATA. Attributes are read and dropped; a DOCTYPE,
 * processing instructions inside the document, mixed text and elements, or anything malformed is an error.
 */
export interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlElement[];
  /** the element's text with entities decoded; '' when it has child elements */
  readonly text: string;
}

export type XmlReadResult = { readonly ok: true; readonly root: XmlElement } | { readonly ok: false; readonly error: string };

const MAX_DEPTH = 32;
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class XmlSyntaxError extends Error {}

export function readXml(source: string): XmlReadResult {
  try {
    return { ok: true, root: new XmlReader(source).document() };
  } catch (error) {
    if (error instanceof XmlSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

class XmlReader {
  private at = 0;

  constructor(private readonly source: string) {}

  document(): XmlElement {
    if (this.source.startsWith('\uFEFF')) this.at = 1;
    this.skipWhitespace();
    if (this.source.startsWith('<?xml', this.at)) this.skipPast('?>');
    this.skipMisc();
    const root = this.element(0);
    this.skipMisc();
    if (this.at < this.source.length) this.fail('text after the root element');
    return root;
  }

  private element(depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH}`);
    this.expect('<');
    const name = this.name();
    if (this.skipAttributes() === 'empty') return { name, children: [], text: '' };
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (this.at >= this.source.length) this.fail(`<${name}> is never closed`);
      if (this.source.startsWith('</', this.at)) break;
      if (this.source.startsWith('<!--', this.at)) this.skipPast('-->');
      else if (this.source.startsWith('<![CDATA[', this.at)) text += this.takeUntil(']]>', '<![CDATA['.length);
      else if (this.source.startsWith('<!', this.at) || this.source.startsWith('<?', this.at)) this.fail('a declaration inside the document');
      else if (this.source.startsWith('<', this.at)) children.push(this.element(depth + 1));
      else text += decodeEntities(this.takeText(), (message) => this.fail(message));
    }
    this.at += 2;
    const closing = this.name();
    if (closing !== name) this.fail(`<${name}> is closed by </${closing}>`);
    this.skipWhitespace();
    this.expect('>');
    if (children.length > 0 && text.trim() !== '') this.fail(`<${name}> mixes text and elements`);
    return { name, children, text: children.length > 0 ? '' : text };
  }

  private skipAttributes(): 'empty' | 'open' {
    for (;;) {
      this.skipWhitespace();
      if (this.source.startsWith('/>', this.at)) {
        this.at += 2;
        return 'empty';
      }
      if (this.source.startsWith('>', this.at)) {
        this.at += 1;
        return 'open';
      }
      this.name();
      this.skipWhitespace();
      this.expect('=');
      this.skipWhitespace();
      const quote = this.source[this.at];
      if (quote !== '"' && quote !== "'") this.fail('an attribute value without quotes');
      this.takeUntil(quote, 1);
    }
  }

  private name(): string {
    NAME.lastIndex = this.at;
    const match = NAME.exec(this.source);
    if (!match) this.fail('a tag without a name');
    this.at += match[0].length;
    return match[0];
  }

  private takeText(): string {
    const end = this.source.indexOf('<', this.at);
    const stop = end === -1 ? this.source.length : end;
    const text = this.source.slice(this.at, stop);
    this.at = stop;
    return text;
  }

  /** The text between the current position (after `skip` characters) and `terminator`, which is consumed too. */
  private takeUntil(terminator: string, skip: number): string {
    const start = this.at + skip;
    const end = this.source.indexOf(terminator, start);
    if (end === -1) this.fail(`"${terminator}" is missing`);
    this.at = end + terminator.length;
    return this.source.slice(start, end);
  }

  private skipPast(terminator: string): void {
    this.takeUntil(terminator, 0);
  }

  private skipMisc(): void {
    for (;;) {
      this.skipWhitespace();
      if (!this.source.startsWith('<!--', this.at)) return;
      this.skipPast('-->');
    }
  }

  private skipWhitespace(): void {
    while (this.at < this.source.length && ' \t\r\n'.includes(this.source.charAt(this.at))) this.at += 1;
  }

  private expect(text: string): void {
    if (!this.source.startsWith(text, this.at)) this.fail(`"${text}" expected`);
    this.at += text.length;
  }

  private fail(message: string): never {
    throw new XmlSyntaxError(`${message} at character ${this.at}`);
  }
}

function decodeEntities(raw: string, fail: (message: string) => never): string {
  let decoded = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    const semicolon = raw.indexOf(';', amp);
    if (semicolon === -1) fail('an "&" that starts no entity');
    decoded += raw.slice(from, amp) + entityValue(raw.slice(amp + 1, semicolon), fail);
    from = semicolon + 1;
  }
  return decoded + raw.slice(from);
}

function entityValue(entity: string, fail: (message: string) => never): string {
  const named = NAMED_ENTITIES[entity];
  if (named !== undefined) return named;
  const code = entity.startsWith('#x') ? parseHex(entity.slice(2)) : entity.startsWith('#') ? parseDecimal(entity.slice(1)) : null;
  if (code === null || code > 0x10ffff) fail(`unknown entity "&${entity};"`);
  return String.fromCodePoint(code);
}

function parseHex(digits: string): number | null {
  return /^[0-9A-Fa-f]{1,6}$/.test(digits) ? Number.parseInt(digits, 16) : null;
}

function parseDecimal(digits: string): number | null {
  return /^[0-9]{1,7}$/.test(digits) ? Number.parseInt(digits, 10) : null;
}

/** The direct children called `name`. */
export function childrenNamed(element: XmlElement, name: string): readonly XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The text of the first direct child called `name`, or undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((child) => child.name === name)?.text;
}
