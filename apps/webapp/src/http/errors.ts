/**
 * HTTP-only errors (CSRF, media type, range, method). `code` is a stable, documented identifier; `expose` says
 * whether the message is safe to show. The domain's own errors live with the domain (`@ha-uploads/files`);
 * `error-response.ts` maps both to {"error":{"code","message"}}.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly expose = status < 500,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string) {
    super(400, code, message);
  }
}
