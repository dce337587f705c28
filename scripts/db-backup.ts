import { main } from '../src/db/backup-cli.js';

await main('backup');
