/**
 * An object that stands for the one `get` returns once it exists: a file's handles are declared
 * at its top and created in a beforeAll, and its tests and hooks use them as if they always were.
 */
export function lateBound<T>(get: () => T): T {
  return new Proxy({} as object, {
    get: (_, key) => {
      const target = get() as object;
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_, key, value) => Reflect.set(get() as object, key, value),
    has: (_, key) => Reflect.has(get() as object, key),
    ownKeys: () => Reflect.ownKeys(get() as object),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(get() as object, key),
  }) as T;
}

/**
 * The fields `keys` of a record created in a beforeAll, each usable before it exists (see
 * lateBound); a use before the beforeAll has run says so, under `owner`'s name.
 */
export function lateFields<T extends object, K extends keyof T>(owner: string, keys: K[], get: () => T | undefined) {
  const field = (key: K) =>
    lateBound(() => {
      const value = get();
      if (!value) throw new Error(`${owner}: created in beforeAll; use it inside a test or a hook`);
      return value[key];
    });
  return Object.fromEntries(keys.map((key) => [key, field(key)])) as Pick<T, K>;
}
