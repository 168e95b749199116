// `npm test`: compiles the party's sync modules alone (tsconfig.test.json) and runs test/*.test.mjs with node --test.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: false }).status ?? 1;
if (run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.test.json']) !== 0) process.exit(1);
// tsc writes CommonJS there (extensionless imports resolve), inside a package that says "type": "module".
writeFileSync('.test-build/package.json', '{ "type": "commonjs" }\n');
process.exit(run(process.execPath, ['--test', 'test/']));
