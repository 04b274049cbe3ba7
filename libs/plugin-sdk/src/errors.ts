/**
 * Domain errors. Drivers and managers throw these; exactly one HTTP edge
 * (core's error filter) renders them as Keystone's
 * `{"error": {"code", "message", "title"}}` body. They carry no HTTP types so
 * a plugin never needs a web framework to report a failure.
 */
const ERROR_BRAND = Symbol.for('keystone-ts.error');

export class KeystoneError extends Error {
  /** Lets the edge recognise errors thrown by a plugin bundling its own SDK copy. */
  readonly [ERROR_BRAND] = true;
  /** HTTP status the edge renders. */
  readonly code: number = 500;
  readonly title: string = 'Internal Server Error';

  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}

function httpError(code: number, title: string, defaultMessage: string) {
  return class extends KeystoneError {
    override readonly code = code;
    override readonly title = title;
    constructor(message: string = defaultMessage) {
      super(message);
    }
  };
}

export class ValidationError extends httpError(
  400,
  'Bad Request',
  'Expecting to find valid input in the request. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.',
) {
  /** Keystone's wording for a schema failure: "Invalid input for field 'x': ...". */
  static field(field: string, detail: string): ValidationError {
    return new ValidationError(`Invalid input for field '${field}': ${detail}`);
  }
  /** Keystone's wording when a required attribute is missing. */
  static missing(attribute: string, target: string): ValidationError {
    return new ValidationError(
      `Expecting to find ${attribute} in ${target}. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.`,
    );
  }
}

export class Unauthorized extends httpError(
  401,
  'Unauthorized',
  'The request you have made requires authentication.',
) {}

export class AuthPluginError extends Unauthorized {}

export class Forbidden extends httpError(
  403,
  'Forbidden',
  'You are not authorized to perform the requested action.',
) {
  static action(action: string): Forbidden {
    return new Forbidden(`You are not authorized to perform the requested action: ${action}.`);
  }
}

export class NotFound extends httpError(404, 'Not Found', 'Could not find resource.') {
  /** "Could not find user: abc." — the shape every named 404 in Keystone has. */
  static entity(kind: string, id: string): NotFound {
    return new NotFound(`Could not find ${kind}: ${id}.`);
  }
}

export class MethodNotAllowed extends httpError(
  405,
  'Method Not Allowed',
  'The method is not allowed for the requested URL.',
) {}

export class Conflict extends httpError(409, 'Conflict', 'Conflict occurred attempting to store resource.') {
  static duplicate(kind: string, detail: string): Conflict {
    return new Conflict(`Conflict occurred attempting to store ${kind} - ${detail}.`);
  }
}

export class RequestTooLarge extends httpError(413, 'Request Entity Too Large', 'Request is too large.') {}

export class UnsupportedMediaType extends httpError(415, 'Unsupported Media Type', 'Unsupported media type.') {}

export class Gone extends httpError(410, 'Gone', 'The resource is no longer available.') {}

export class NotImplemented extends httpError(501, 'Not Implemented', 'The action you have requested has not been implemented.') {}

export class InternalError extends httpError(
  500,
  'Internal Server Error',
  'An unexpected error prevented the server from fulfilling your request.',
) {}

/** Raised while loading config or plugins: the start stops with this one line. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export function isKeystoneError(e: unknown): e is KeystoneError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[ERROR_BRAND] === true;
}
