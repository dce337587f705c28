import pg from 'pg';

/** The PostgreSQL server benches use: BENCH_DATABASE_URL, else the local one. */
export const BENCH_SERVER = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A database of the bench's own on `serverUrl` (named after it and the process), dropped by `drop`. */
export async function scratchDatabase(
  serverUrl: string,
  bench: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pem_${bench}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE "${name}" WITH (FORCE)`) };
}
