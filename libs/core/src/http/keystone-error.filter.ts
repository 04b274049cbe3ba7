import { Catch, HttpException, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isKeystoneError } from '@keystone-ts/plugin-sdk';
import { getLogger } from '../logging/logger';
import { errorBody, STATUS_TITLES } from './error-body';
import { baseUrl } from './base-url';
import type { AllowedMethods } from './fastify-edge';

const log = getLogger('keystone.http');

/**
 * The one place domain errors become HTTP. Unknown errors are a 500 that
 * names the request id and nothing internal.
 */
@Catch()
export class KeystoneErrorFilter implements ExceptionFilter {
  constructor(
    private readonly publicEndpoint: string | null,
    private readonly allowedMethods: AllowedMethods = () => [],
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    let { code, title, message } = describe(exception, request);
    if (code === 404 && exception instanceof NotFoundException) {
      const allowed = this.allowedMethods(request.method, request.url.split('?')[0]);
      if (allowed.length > 0) {
        ({ code, title, message } = { code: 405, title: 'Method Not Allowed', message: 'The method is not allowed for the requested URL.' });
        reply.header('allow', allowed.join(', '));
      }
    }
    if (code >= 500) {
      log.error(`${request.method} ${request.url} failed`, { requestId: request.id, error: (exception as Error)?.stack ?? String(exception) });
    }
    if (code === 401) {
      reply.header('WWW-Authenticate', `Keystone uri="${baseUrl(request, this.publicEndpoint)}"`);
    }
    void reply.status(code).header('content-type', 'application/json').send(errorBody(code, title, message));
  }
}

export function describe(exception: unknown, request: FastifyRequest): { code: number; title: string; message: string } {
  if (isKeystoneError(exception)) {
    return { code: exception.code, title: exception.title, message: exception.message };
  }
  if (exception instanceof HttpException) {
    const code = exception.getStatus();
    return { code, title: STATUS_TITLES[code] ?? 'Error', message: httpMessage(code, exception) };
  }
  const fastifyCode = (exception as { statusCode?: number })?.statusCode;
  if ((exception as Error)?.message === 'Malformed JSON body') {
    return { code: 400, title: 'Bad Request', message: clientErrorMessage(400) };
  }
  if (typeof fastifyCode === 'number' && fastifyCode >= 400 && fastifyCode < 500) {
    return { code: fastifyCode, title: STATUS_TITLES[fastifyCode] ?? 'Error', message: clientErrorMessage(fastifyCode) };
  }
  return {
    code: 500,
    title: 'Internal Server Error',
    message: `An unexpected error prevented the server from fulfilling your request. (request id ${request.id})`,
  };
}

function httpMessage(code: number, e: HttpException): string {
  if (code === 404) return 'The resource could not be found.';
  if (code === 405) return 'The method is not allowed for the requested URL.';
  return clientErrorMessage(code) ?? e.message;
}

function clientErrorMessage(code: number): string {
  switch (code) {
    case 400:
      return 'Expecting to find valid input in the request. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';
    case 413:
      return 'Request is too large.';
    case 415:
      return 'Unsupported media type.';
    case 404:
      return 'The resource could not be found.';
    default:
      return STATUS_TITLES[code] ?? 'Error';
  }
}
