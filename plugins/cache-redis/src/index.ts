import { defineDriver, definePlugin, Namespaces, type CacheBackend, type CacheBackendOptions } from '@keystone-ts/plugin-sdk';
import { RedisCacheBackend } from './redis.backend';

export { RedisCacheBackend } from './redis.backend';
export { RespConnection, RespError } from './resp-connection';
export { redisSettings } from './redis-settings';

const options = (o: unknown) => o as CacheBackendOptions;

export default definePlugin({
  id: 'cache-redis',
  compatibility: '^1.0.0',
  drivers: [
    defineDriver<CacheBackend>({
      namespace: Namespaces.cacheBackend,
      name: 'dogpile.cache.redis',
      aliases: ['redis'],
      optionGroup: 'cache',
      create: (ctx) => RedisCacheBackend.fromOptions(options(ctx.options)),
    }),
    defineDriver<CacheBackend>({
      namespace: Namespaces.cacheBackend,
      name: 'dogpile.cache.redis_sentinel',
      aliases: ['redis_sentinel'],
      optionGroup: 'cache',
      create: (ctx) => RedisCacheBackend.fromOptions(options(ctx.options), true),
    }),
  ],
});
