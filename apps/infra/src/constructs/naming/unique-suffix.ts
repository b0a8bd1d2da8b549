import { DataResource, Fn, Token } from 'cdktf';
import { Construct } from 'constructs';

/** Props for {@link UniqueSuffix}. */
export interface UniqueSuffixProps {
  /**
   * Number of hex characters to keep.
   * @default 8
   */
  readonly length?: number;
}

/**
 * A random suffix generated once at first apply and then kept in state, for names that have no `name_prefix`.
 * hashicorp/random is not in the offline mirror, so this uses the built-in `terraform_data` resource:
 * `uuid()` changes on every plan, and `ignore_changes` pins the first value.
 */
export class UniqueSuffix extends Construct {
  /** The suffix, known after the first apply. */
  public readonly value: string;
  /** The underlying `terraform_data` resource. */
  public readonly resource: DataResource;

  constructor(scope: Construct, id: string, props: UniqueSuffixProps = {}) {
    super(scope, id);
    const length = props.length ?? 8;
    if (!Number.isInteger(length) || length < 4 || length > 32) {
      throw new RangeError(`unique suffix length must be between 4 and 32, got ${length}`);
    }
    this.resource = new DataResource(this, 'value', {
      input: { uuid: Fn.uuid() },
      lifecycle: { ignoreChanges: ['input'] },
    });
    this.value = Fn.substr(Fn.replace(Token.asString(this.resource.output.lookup('uuid')), '-', ''), 0, length);
  }
}

/**
 * A `name_prefix` for resources that cap it (ALB and target group: 6 characters): environment letters and digits, then
 * a hyphen.
 */
export function shortNamePrefix(environment: string, maxLength = 6): string {
  return `${environment.replace(/[^a-z0-9]/g, '').slice(0, maxLength - 1)}-`;
}
