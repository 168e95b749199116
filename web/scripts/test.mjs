// `npm test`: compiles the party's sync modules alone (tsconfig.test.json) and runs test/*.test.mjs with node --test.
// Paths are the web app's own, wherever this is started from (the .NET suite runs it from tests/js).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const web = path.resolve(import.meta.dirname, '..');
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', cwd: web }).status ?? 1;
if (run([path.join(web, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']) !== 0) process.exit(1);
// tsc writes CommonJS there (extensionless imports resolve), inside a package that says "type": "module".
writeFileSync(path.join(web, '.test-build', 'package.json'), '{ "type": "commonjs" }\n');
process.exit(run(['--test', 'test/']));
