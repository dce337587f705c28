// Kept apart from client.ts: prisma.config.ts imports it before the client is generated.
import type { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';

interface Query {
  sql: string;
  args: unknown[];
  argTypes?: ({ scalarType?: string } | undefined)[];
}

const BYTES_PATCHED = Symbol('bytesPatched');

/**
 * Prisma 6.19 sends Bytes arguments as base64 strings typed `bytes` (argTypes); the PrismaPg
 * adapter decodes them, pglite-prisma-adapter 0.6 passes the string on and PostgreSQL refuses it
 * as bytea. Decoded here, once, on the query path every queryable (and transaction) shares.
 */
function decodeBytesArguments(queryable: object): void {
  let proto: Record<string | symbol, unknown> | null = Object.getPrototypeOf(queryable) as Record<
    string | symbol,
    unknown
  > | null;
  while (proto && !Object.hasOwn(proto, 'performIO'))
    proto = Object.getPrototypeOf(proto) as Record<string | symbol, unknown> | null;
  if (!proto || proto[BYTES_PATCHED]) return;
  const performIO = proto.performIO as (this: unknown, query: Query) => Promise<unknown>;
  proto.performIO = function (this: unknown, query: Query) {
    const args = query.args.map((arg, i) =>
      query.argTypes?.[i]?.scalarType === 'bytes' && typeof arg === 'string' ? Buffer.from(arg, 'base64') : arg,
    );
    return performIO.call(this, { ...query, args });
  };
  proto[BYTES_PATCHED] = true;
}

/**
 * pglite-prisma-adapter 0.6 is typed against @prisma/driver-adapter-utils 6.10, whose ArgType
 * lacks fields 6.19 added; the runtime contract is the same (exercised by every test), but for
 * Bytes arguments (decodeBytesArguments).
 */
export function pgliteAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(pglite);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    decodeBytesArguments(adapter);
    return adapter;
  };
  return factory as unknown as SqlMigrationAwareDriverAdapterFactory;
}
