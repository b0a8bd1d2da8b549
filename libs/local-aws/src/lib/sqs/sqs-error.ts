/** An error SQS answers with: status, the JSON `__type`, and the AWS-query code the SDK reads from a header. */
export class SqsError extends Error {
  constructor(
    readonly status: number,
    /** The shape name, as in `com.amazonaws.sqs#<type>`. */
    readonly type: string,
    /** The `x-amzn-query-error` code (the SDK names the error by it). */
    readonly queryCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SqsError';
  }
}

/** The errors the local SQS raises, with SQS's types and codes. */
export const sqsErrors = {
  queueDoesNotExist: () =>
    new SqsError(
      400,
      'QueueDoesNotExist',
      'AWS.SimpleQueueService.NonExistentQueue',
      'The specified queue does not exist.',
    ),
  queueNameExists: (name: string) =>
    new SqsError(
      400,
      'QueueNameExists',
      'QueueAlreadyExists',
      `A queue already exists with the same name and a different value for attribute(s): ${name}`,
    ),
  invalidParameter: (reason: string) =>
    new SqsError(
      400,
      'InvalidParameterValue',
      'InvalidParameterValue',
      `Value for parameter is invalid. Reason: ${reason}`,
    ),
  missingParameter: (name: string) =>
    new SqsError(400, 'MissingParameter', 'MissingParameter', `The request must contain the parameter ${name}.`),
  invalidAttributeName: (name: string) =>
    new SqsError(400, 'InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`),
  invalidAddress: () => new SqsError(400, 'InvalidAddress', 'InvalidAddress', 'The address of the queue is not valid.'),
  receiptHandleIsInvalid: (handle: string) =>
    new SqsError(
      400,
      'ReceiptHandleIsInvalid',
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
    ),
  messageNotInflight: () =>
    new SqsError(400, 'MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 'Message not inflight.'),
  invalidMessageContents: () =>
    new SqsError(
      400,
      'InvalidMessageContents',
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    ),
  unsupportedOperation: (what: string) =>
    new SqsError(
      400,
      'UnsupportedOperation',
      'AWS.SimpleQueueService.UnsupportedOperation',
      `The local SQS does not support ${what}.`,
    ),
} as const;
