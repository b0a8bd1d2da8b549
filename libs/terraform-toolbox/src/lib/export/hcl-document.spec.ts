import { convertToHcl } from './hcl-document';
import type { ProvidersSchema } from './provider-schema';

// A two-type fixture schema: `rule` and `filter` are blocks, `tags` a map attribute.
const schema: ProvidersSchema = {
  provider_schemas: {
    'registry.terraform.io/hashicorp/aws': {
      provider: {
        block: {
          attributes: { region: {} },
          block_types: { default_tags: { nesting_mode: 'list', block: { attributes: { tags: {} } } } },
        },
      },
      resource_schemas: {
        aws_thing: {
          block: {
            attributes: { name: {}, tags: {}, policy: {} },
            block_types: {
              rule: {
                nesting_mode: 'list',
                block: {
                  attributes: { id: {} },
                  block_types: { filter: { nesting_mode: 'list', block: { attributes: { prefix: {} } } } },
                },
              },
            },
          },
        },
      },
    },
  },
};

const resource = (body: Record<string, unknown>) => ({ resource: { aws_thing: { main: body } } }) as never;

describe('convertToHcl', () => {
  it('writes schema blocks as nested blocks and object values as attributes', () => {
    const files = convertToHcl(
      resource({ tags: { Name: 'x' }, rule: [{ id: 'r', filter: [{ prefix: '' }] }] }),
      schema,
    );
    expect(files['main.tf']).toBe(
      [
        'resource "aws_thing" "main" {',
        '  tags = {',
        '    Name = "x"',
        '  }',
        '  rule {',
        '    id = "r"',
        '    filter {',
        '      prefix = ""',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes references as bare expressions and keeps interpolations inside JSON strings', () => {
    const files = convertToHcl(
      resource({
        name: '${aws_thing.other.id}',
        policy: '{"R":"${aws_thing.other.arn}/*"}',
        depends_on: ['aws_thing.other'],
      }),
      schema,
    );
    expect(files['main.tf']).toContain('  name = aws_thing.other.id\n');
    expect(files['main.tf']).toContain('  policy = "{\\"R\\":\\"${aws_thing.other.arn}/*\\"}"\n');
    expect(files['main.tf']).toContain('  depends_on = [aws_thing.other]\n');
  });

  it('writes lifecycle, dynamic blocks and the construct path comment, into the construct file', () => {
    const body = {
      '//': { metadata: { path: 'stack/storage/thing' } },
      lifecycle: { create_before_destroy: true, ignore_changes: ['tags'] },
      dynamic: { rule: { for_each: '${var.rules}', iterator: 'r', content: { id: '${r.value}' } } },
    };
    const file = convertToHcl(resource(body), schema)['storage.tf'];
    expect(file).toContain('# stack/storage/thing\nresource "aws_thing" "main" {');
    expect(file).toContain('  lifecycle {\n    create_before_destroy = true\n    ignore_changes = [tags]\n  }');
    expect(file).toContain(
      '  dynamic "rule" {\n    for_each = var.rules\n    iterator = r\n    content {\n      id = r.value\n    }\n  }',
    );
  });

  it('writes the terraform block with its backend, and the provider with its blocks', () => {
    const config = {
      terraform: {
        required_providers: { aws: { source: 'aws', version: '5.100.0' } },
        backend: { s3: { bucket: 'state', key: 'k', assume_role: { role_arn: 'arn' } } },
      },
      provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { Project: 'p' } }] }] },
    } as never;
    const files = convertToHcl(config, schema);
    expect(files['terraform.tf']).toContain(
      '  backend "s3" {\n    bucket = "state"\n    key = "k"\n    assume_role = {\n      role_arn = "arn"\n    }\n  }',
    );
    expect(files['providers.tf']).toBe(
      'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      Project = "p"\n    }\n  }\n}\n',
    );
  });

  it('refuses a key the provider schema does not know, naming the resource', () => {
    expect(() => convertToHcl(resource({ colour: 'red' }), schema)).toThrow(
      'aws_thing.main: "colour" is neither an attribute nor a block in the provider schema',
    );
  });

  it('refuses a resource type no provider schema has', () => {
    expect(() => convertToHcl({ resource: { aws_other: { x: {} } } } as never, schema)).toThrow(
      'no provider schema has resource type "aws_other"',
    );
  });
});
