import { main } from '../src/db/backup-cli.js';

await main('move-to-postgres');
