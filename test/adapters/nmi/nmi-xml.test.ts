import { childrenNamed, childText, readXml, type XmlElement } from '../../../src/adapters/providers/nmi/nmi-xml';

/* The strict XML reader behind the Query API answers. */

function root(xml: string): XmlElement {
  const read = readXml(xml);
  if (!read.ok) throw new Error(read.error);
  return read.root;
}

function errorOf(xml: string): string {
  const read = readXml(xml);
  if (read.ok) throw new Error('expected an error');
  return read.error;
}

describe('readXml', () => {
  it('reads the prolog, nested elements, empty elements and leaf text', () => {
    const doc = root(
      '<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n  <transaction>\n    <transaction_id>2612675976</transaction_id>\n    <ponumber></ponumber>\n    <platform_id/>\n  </transaction>\n</nm_response>\n',
    );

    expect(doc.name).toBe('nm_response');
    const [transaction] = childrenNamed(doc, 'transaction');
    expect(transaction && childText(transaction, 'transaction_id')).toBe('2612675976');
    expect(transaction && childText(transaction, 'ponumber')).toBe('');
    expect(transaction && childText(transaction, 'platform_id')).toBe('');
    expect(transaction && childText(transaction, 'order_id')).toBeUndefined();
    expect(transaction?.text).toBe('');
  });

  it('decodes the named entities and character references', () => {
    const doc = root('<a><b>Smith &amp; Sons &lt;&gt; &quot;x&quot; &apos;y&apos; &#233; &#x263A;</b></a>');

    expect(childText(doc, 'b')).toBe('Smith & Sons <> "x" \'y\' é ☺');
  });

  it('keeps CDATA as text, skips comments and a byte-order mark, and drops attributes', () => {
    const doc = root('\uFEFF<!-- report --><a kind="x" other=\'y\'><b><![CDATA[1 < 2 & 3]]></b><!-- note --><c n="1"/></a><!-- end -->');

    expect(childText(doc, 'b')).toBe('1 < 2 & 3');
    expect(childrenNamed(doc, 'c')).toEqual([{ name: 'c', children: [], text: '' }]);
  });

  it.each([
    ['a tag closed by another', '<a><b>1</c></a>', '<b> is closed by </c>'],
    ['an unclosed root', '<a><b>1</b>', '<a> is never closed'],
    ['text after the root', '<a></a>trailing', 'text after the root element'],
    ['a second root', '<a></a><b></b>', 'text after the root element'],
    ['an unknown entity', '<a>&nbsp;</a>', 'unknown entity "&nbsp;"'],
    ['a bare ampersand', '<a>R&D</a>', 'an "&" that starts no entity'],
    ['mixed text and elements', '<a>text<b>1</b></a>', '<a> mixes text and elements'],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'a tag without a name'],
    ['a declaration inside', '<a><!DOCTYPE b></a>', 'a declaration inside the document'],
    ['an unquoted attribute', '<a b=1></a>', 'an attribute value without quotes'],
    ['not XML at all', 'response=1&responsetext=SUCCESS', '"<" expected'],
    ['an empty document', '', '"<" expected'],
  ])('refuses %s', (_name, xml, error) => {
    expect(errorOf(xml)).toContain(error);
  });

  it('refuses nesting deeper than it needs, instead of recursing without end', () => {
    expect(errorOf(`${'<a>'.repeat(40)}${'</a>'.repeat(40)}`)).toContain('nested deeper than 32');
  });
});
