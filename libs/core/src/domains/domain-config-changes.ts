type Listener = (domainId: string) => void | Promise<void>;

const listeners = new WeakMap<object, Set<Listener>>();

/**
 * In-process news of a domain's stored configuration changing, so this
 * worker's identity driver for the domain is rebuilt on the next call
 * instead of after the resolver's recheck interval. Other workers learn
 * through the fingerprint recheck; nothing here crosses processes.
 *
 * Scoped to one runtime (the key), so two servers in one process (tests,
 * keystone-manage beside a server) do not hear each other.
 */
export const domainConfigChanges = {
  subscribe(runtime: object, listener: Listener): () => void {
    let set = listeners.get(runtime);
    if (!set) listeners.set(runtime, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },

  async publish(runtime: object, domainId: string): Promise<void> {
    for (const l of [...(listeners.get(runtime) ?? [])]) await l(domainId);
  },
};
