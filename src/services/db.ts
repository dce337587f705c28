import type { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A Prisma client inside an interactive transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
