import { isPyDict } from '../python-value.util';
function bench(name: string, f: () => unknown) {
  for (let i = 0; i < 2000; i++) f();
  const t = process.hrtime.bigint();
  for (let i = 0; i < 20000; i++) f();
  console.log(name, Number(process.hrtime.bigint() - t) / 1000 / 20000);
}
it('times', () => {
  const o = { a: 1 };
  bench('isPyDict', () => isPyDict(o));
  bench('instanceofDate', () => o instanceof Date);
  bench('isView', () => ArrayBuffer.isView(o));
  bench('entries', () => Object.entries({ a: 1, b: { c: 2 } }));
  bench('map', () => { const m = new Map(); m.set('a', 1); return m; });
  bench('template', () => `${'a'}.${'b'}`);
});
