import { runServer } from './startup/run-server';

// The production entry: no stand-ins; `nx run webapp:serve` runs local/serve-main.ts, which passes them in.
runServer();
