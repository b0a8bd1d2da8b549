import { quotedTemplate, scanTemplate, templateExpression } from './template';

describe('scanTemplate', () => {
  it('keeps a sequence whole, with nested strings, braces and templates inside it', () => {
    const template = 'a ${join(",", [for k, v in {x = "}"} : "${k}-${v}"])} b %{ if true }c%{ endif }';
    expect(scanTemplate(template)).toEqual([
      { kind: 'literal', text: 'a ' },
      { kind: 'sequence', text: '${join(",", [for k, v in {x = "}"} : "${k}-${v}"])}' },
      { kind: 'literal', text: ' b ' },
      { kind: 'sequence', text: '%{ if true }' },
      { kind: 'literal', text: 'c' },
      { kind: 'sequence', text: '%{ endif }' },
    ]);
  });

  it('reads $${ and %%{ as literal text', () => {
    expect(scanTemplate('$${not} %%{this}')).toEqual([{ kind: 'literal', text: '$${not} %%{this}' }]);
  });

  it('names the template when a sequence never closes', () => {
    expect(() => scanTemplate('${oops')).toThrow('unterminated template sequence in "${oops"');
  });
});

describe('quotedTemplate', () => {
  it('escapes quotes, backslashes and control characters in literal text only', () => {
    expect(quotedTemplate('{"a":"${x.y["k"]}"}\\\t')).toBe('"{\\"a\\":\\"${x.y["k"]}\\"}\\\\\\t"');
  });
});

describe('templateExpression', () => {
  it('writes a template that is one interpolation as the bare expression', () => {
    expect(templateExpression('${aws_vpc.main.id}')).toBe('aws_vpc.main.id');
  });

  it('keeps strip markers inside a quoted template', () => {
    expect(templateExpression('${~ x ~}')).toBe('"${~ x ~}"');
  });

  it('writes multi-line text that ends with a newline as a heredoc with a free marker', () => {
    expect(templateExpression('one\nEOT\n"two" \\n\n', '  ')).toBe('<<EOT1\none\nEOT\n"two" \\n\n  EOT1');
  });
});
