/**
 * Errors of the fernet provider, as SDK domain errors so core's error filter
 * renders them. Keystone reports an unusable token as TokenNotFound (404)
 * carrying the formatter's message; when the same token is the caller's
 * X-Auth-Token the request is 401 instead. Core tells the two apart by
 * catching `InvalidFernetToken` (or `isInvalidTokenError`) on the
 * authentication path and raising `Unauthorized` there.
 */
import { InternalError, NotFound } from '@keystone-ts/plugin-sdk';

export const UNRECOGNIZED_TOKEN = 'Could not recognize Fernet token';

export class InvalidFernetToken extends NotFound {
  /** Lets core recognise the error across copies of this package. */
  readonly invalidToken = true as const;

  constructor(
    /** Why, for debug logs only: never rendered (it would help an attacker). */
    readonly reason: string,
    message: string = UNRECOGNIZED_TOKEN,
  ) {
    super(message);
  }
}

/** A validly signed payload whose version Keystone 22 does not know. */
export class UnknownFernetPayloadVersion extends InvalidFernetToken {
  constructor(version: string) {
    super('unknown payload version', `This is not a recognized Fernet payload version: ${version}`);
  }
}

/** Keystone's KeysNotFound: a 500 whose detail only goes to the log. */
export class FernetKeysNotFound extends InternalError {
  readonly detail: string;
  constructor(keyRepository: string) {
    super();
    this.detail = `No encryption keys found in ${keyRepository}; run keystone-manage fernet_setup to bootstrap one.`;
  }
}

export function isInvalidTokenError(e: unknown): e is InvalidFernetToken {
  return typeof e === 'object' && e !== null && (e as { invalidToken?: unknown }).invalidToken === true;
}
