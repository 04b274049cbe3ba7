import { domainConfigChanges } from './domain-config-changes';

describe('domainConfigChanges', () => {
  it('tells the listeners of the same runtime only, until they unsubscribe', async () => {
    const a = {};
    const b = {};
    const heard: string[] = [];
    const stop = domainConfigChanges.subscribe(a, async (id) => void heard.push(`a:${id}`));
    domainConfigChanges.subscribe(b, (id) => void heard.push(`b:${id}`));
    await domainConfigChanges.publish(a, 'd1');
    stop();
    await domainConfigChanges.publish(a, 'd2');
    await domainConfigChanges.publish({}, 'd3');
    expect(heard).toEqual(['a:d1']);
  });
});
