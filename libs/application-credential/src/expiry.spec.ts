import { parseExpiresAt, renderExpiresAt } from './expiry';

describe('application credential expiry', () => {
  it('keeps microseconds both ways, a naive time being UTC', () => {
    const micros = parseExpiresAt('2099-01-02T03:04:05.123456');
    expect(micros % 1000).toBe(456);
    expect(renderExpiresAt(micros)).toBe('2099-01-02T03:04:05.123456');
    expect(parseExpiresAt('2099-01-02T03:04:05.123456Z')).toBe(micros);
  });

  it('honours offsets and missing seconds', () => {
    expect(renderExpiresAt(parseExpiresAt('2099-01-02T05:04:05+02:00'))).toBe('2099-01-02T03:04:05.000000');
    expect(renderExpiresAt(parseExpiresAt('2099-01-02T03:04'))).toBe('2099-01-02T03:04:00.000000');
  });

  it('refuses malformed and past times with a 400', () => {
    for (const bad of ['tomorrow', '2099-13-01T00:00:00', '2099-01-02', '']) {
      expect(() => parseExpiresAt(bad)).toThrow(expect.objectContaining({ code: 400, message: expect.stringContaining('Timestamp not in expected format') }));
    }
    expect(() => parseExpiresAt('2001-01-01T00:00:00')).toThrow(expect.objectContaining({ code: 400, message: expect.stringContaining("'expires_at' must not be before now") }));
  });
});
