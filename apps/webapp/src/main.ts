import { runServer } from './startup/run-server';

// The production entry, with no stand-ins: `nx run webapp:serve` runs the local cloud's serve program, which starts
// the local S3 and DynamoDB and then this entry pointed at them.
runServer();
