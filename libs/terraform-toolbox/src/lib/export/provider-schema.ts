/** The part of `terraform providers schema -json` the export reads: which keys of a body are nested blocks. */
export interface BlockSchema {
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly block_types?: Readonly<Record<string, NestedBlockSchema>>;
}

/** A nested block type; `map` nesting takes one label. */
export interface NestedBlockSchema {
  readonly nesting_mode: 'single' | 'group' | 'list' | 'set' | 'map';
  readonly block: BlockSchema;
}

/** One provider's schemas, keyed by resource and data source type. */
export interface ProviderSchema {
  readonly provider?: { readonly block: BlockSchema };
  readonly resource_schemas?: Readonly<Record<string, { readonly block: BlockSchema }>>;
  readonly data_source_schemas?: Readonly<Record<string, { readonly block: BlockSchema }>>;
}

/** The output of `terraform providers schema -json`. */
export interface ProvidersSchema {
  readonly provider_schemas: Readonly<Record<string, ProviderSchema>>;
}

/** Looks up the schemas a configuration's blocks need, failing with the type that has none. */
export class SchemaIndex {
  constructor(private readonly schema: ProvidersSchema) {}

  /** Schema of a resource (`kind` 'resource') or data source (`kind` 'data') type, from whichever provider has it. */
  typeSchema(kind: 'resource' | 'data', type: string): BlockSchema {
    const key = kind === 'resource' ? 'resource_schemas' : 'data_source_schemas';
    for (const provider of Object.values(this.schema.provider_schemas)) {
      const found = provider[key]?.[type];
      if (found) return found.block;
    }
    throw new Error(
      `no provider schema has ${kind} type ${JSON.stringify(type)}; is its provider in required_providers?`,
    );
  }

  /** Schema of a provider's configuration block, by local name (`aws`) and its source address (`hashicorp/aws`). */
  providerSchema(localName: string, source: string | undefined): BlockSchema {
    const wanted = normalizeSource(source ?? localName);
    const found = this.schema.provider_schemas[wanted]?.provider;
    if (!found) throw new Error(`no provider schema for provider ${JSON.stringify(localName)} (${wanted})`);
    return found.block;
  }
}

/** `aws` -> `registry.terraform.io/hashicorp/aws`, as terraform expands short source addresses. */
export function normalizeSource(source: string): string {
  const segments = source.toLowerCase().split('/');
  if (segments.length === 1) return `registry.terraform.io/hashicorp/${segments[0]}`;
  if (segments.length === 2) return `registry.terraform.io/${segments.join('/')}`;
  return segments.join('/');
}
