import { rmSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { createLogger } from '../logger.js';
import { assertPortFree, PortInUseError } from '../startup.js';
import { seedDemoData } from '../../prisma/seed.js';
import { startSimulatedWorkspace } from './workspace.js';

/** Where the simulation keeps its embedded database: apart from a real platform's. */
export const SIMULATION_DATA_DIR = process.env.SIMULATION_DATA_DIR?.trim() || './data/simulation';

/**
 * Starts the simulated workspace: the embedded database (demo data on first start, kept between
 * runs; `--reset` starts afresh), the app, the local Slack and the page, on loopback only.
 */
export async function runSimulation(options: { reset: boolean; port: number; logLevel: string }) {
  // Checked before the data directory is opened: a second simulation must not touch the first's files.
  try {
    await assertPortFree(options.port, 'SIMULATION_PORT', '127.0.0.1');
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    process.stderr.write(
      `Le port ${options.port} est déjà utilisé (une simulation tourne peut-être déjà : http://127.0.0.1:${options.port}) ; choisissez-en un autre, par exemple SIMULATION_PORT=${options.port + 1} npm run simulation.\n`,
    );
    process.exit(1);
  }
  if (options.reset) rmSync(SIMULATION_DATA_DIR, { recursive: true, force: true });
  const logger = createLogger(options.logLevel as 'info');
  const database = openDatabase({ pgliteDataDir: SIMULATION_DATA_DIR });
  await database.migrate();
  const filed = await seedDemoData(database.prisma);
  const workspace = await startSimulatedWorkspace({ db: database.prisma, logger, port: options.port });
  process.stdout.write(
    `\nEspace de démonstration de la Plateforme Emploi – Mutations Économiques (simulation, sans Slack) :\n\n    ${workspace.url}\n\n` +
      `${filed ? `Données de démonstration créées (${filed} visites). ` : ''}Données gardées dans ${SIMULATION_DATA_DIR} (npm run simulation -- --reset pour repartir de zéro).\n` +
      `Pour brancher un vrai Slack, voir README.md, « Run it ».\n\n`,
  );
  const stop = async () => {
    await workspace.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  return workspace;
}
