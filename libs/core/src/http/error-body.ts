/** Keystone's error document. */
export interface ErrorBody {
  error: { code: number; message: string; title: string };
}

export function errorBody(code: number, title: string, message: string): ErrorBody {
  return { error: { code, message, title } };
}

export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};
