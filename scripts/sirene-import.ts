import { main } from '../src/services/sirene/cli.js';

await main();
