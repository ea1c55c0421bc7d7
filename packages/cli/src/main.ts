// sl: entry point (bin/sl runs it under the project's Node 24).
import { commands } from './commands/index.ts';
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(commands, process.argv.slice(2), process.env);
// The Kafka client may keep sockets open a moment after disconnect; the answer is already out.
setTimeout(() => process.exit(process.exitCode), 100).unref();
