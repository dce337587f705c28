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
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)
    refuse(
      `SIMULATION_PORT=${process.env.SIMULATION_PORT ?? options.port} n’est pas un port : un nombre entier de 0 à 65535 est attendu (par exemple SIMULATION_PORT=3001 npm run simulation).`,
    );
  // Checked before the data directory is opened: a second simulation must not touch the first's files.
  try {
    await assertPortFree(options.port, 'SIMULATION_PORT', '127.0.0.1');
  } catch (error) {
    refuseListen(error, options.port);
  }
  if (options.reset) rmSync(SIMULATION_DATA_DIR, { recursive: true, force: true });
  const logger = createLogger(options.logLevel as 'info');
  const database = openDatabase({ pgliteDataDir: SIMULATION_DATA_DIR });
  await database.migrate();
  const filed = await seedDemoData(database.prisma);
  const workspace = await startSimulatedWorkspace({ db: database.prisma, logger, port: options.port }).catch(
    (error: unknown) => refuseListen(error, options.port),
  );
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

/** One line on stderr saying why, and exit code 1: never a stack for a port that cannot be had. */
function refuse(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

/** The port taken (by another simulation or program, even between the check and the listen) or forbidden. */
function refuseListen(error: unknown, port: number): never {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof PortInUseError || code === 'EADDRINUSE')
    refuse(
      `Le port ${port} est déjà utilisé (une simulation tourne peut-être déjà : http://127.0.0.1:${port}) ; choisissez-en un autre, par exemple SIMULATION_PORT=${port + 1} npm run simulation.`,
    );
  if (code === 'EACCES')
    refuse(
      `Le port ${port} est réservé à l’administrateur de cette machine ; choisissez-en un au-dessus de 1023, par exemple SIMULATION_PORT=3000 npm run simulation.`,
    );
  throw error;
}
