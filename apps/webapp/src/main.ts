// The server's entry: what it runs lives in startup/run-server.ts.
import './startup/run-server';
