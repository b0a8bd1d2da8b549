/** Why a cluster operation (roll, scale) was refused or failed; `code` is stable for the control API. */
export class ClusterOperationError extends Error {
  constructor(
    readonly code: 'OPERATION_IN_PROGRESS' | 'INSTANCE_NEVER_HEALTHY' | 'INVALID_REQUEST' | 'CLUSTER_STOPPING',
    message: string,
  ) {
    super(message);
    this.name = 'ClusterOperationError';
  }
}
